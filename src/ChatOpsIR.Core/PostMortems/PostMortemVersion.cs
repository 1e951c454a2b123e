using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>A frozen, published copy of the report. Versions count up from 1 per post-mortem.</summary>
public sealed class PostMortemVersion
{
    private PostMortemVersion()
    {
        PublishedById = string.Empty;
        PublishedByName = string.Empty;
        Markdown = string.Empty;
        Html = string.Empty;
    }

    public PostMortemVersion(PostMortem postMortem, int version, ChatUser by, DateTime now, string? qualityOverride, string markdown, string html)
    {
        Id = Guid.NewGuid();
        Scope = postMortem.Scope;
        PostMortemId = postMortem.Id;
        IncidentId = postMortem.IncidentId;
        Version = version;
        PublishedById = by.Id;
        PublishedByName = by.DisplayName;
        PublishedAt = now;
        QualityOverride = qualityOverride is null ? null : PostMortem.Clip(qualityOverride.Trim(), PostMortem.MaxReasonLength);
        Markdown = markdown;
        Html = html;
    }

    public Guid Id { get; private set; }
    public TenantScope Scope { get; private set; }
    public Guid PostMortemId { get; private set; }
    public Guid IncidentId { get; private set; }
    public int Version { get; private set; }
    public string PublishedById { get; private set; }
    public string PublishedByName { get; private set; }
    public DateTime PublishedAt { get; private set; }

    /// <summary>Why the commander published although the quality check had open points.</summary>
    public string? QualityOverride { get; private set; }

    public string Markdown { get; private set; }
    public string Html { get; private set; }
}
