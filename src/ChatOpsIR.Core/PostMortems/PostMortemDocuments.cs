using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>
/// Gathers what a post-mortem report shows (timeline, action items, evidence, notification clocks, the quality check),
/// for its cards, its publishing and the report page; and where the full report can be read.
/// </summary>
public sealed class PostMortemDocuments(IIncidentStore store, NotificationClocks clocks, TimeProvider clock, IEnumerable<IReportLinks> links, IAuditTrail audit, Audit.AuditLinker linker)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Gathers everything the report shows. The timeline is read once, without tracking.</summary>
    public async Task<PostMortemDocument> BuildAsync(Incident incident, PostMortem postMortem, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var timeline = await store.GetTimelineAsync(incident.Scope, incident.Id, cancellationToken);
        var actionItems = await store.GetActionItemsAsync(incident.Scope, incident.Id, cancellationToken);
        var evidence = await store.GetEvidenceAsync(incident.Scope, incident.Id, cancellationToken);
        var grants = await store.GetAccessGrantsAsync(incident.Scope, incident.Id, cancellationToken);
        var review = TimelineReview.Of(incident, timeline);
        return new PostMortemDocument(
            incident,
            postMortem,
            timeline,
            review,
            actionItems,
            evidence,
            clocks.For(incident, postMortem),
            QualityReport.Of(postMortem, review, actionItems),
            zone,
            Now)
        {
            AccessGrants = grants,
        };
    }

    /// <summary>
    /// The document with its audit summary: the incident's rows and the verification of its scope's chain. With
    /// <paramref name="linkFirst"/> what is pending is linked before (only where nothing else waits to be saved: linking
    /// saves at once); without, rows not linked yet are counted as pending.
    /// </summary>
    public async Task<PostMortemDocument> WithAuditAsync(PostMortemDocument document, bool linkFirst, CancellationToken cancellationToken)
    {
        var scope = document.Incident.Scope;
        if (linkFirst)
        {
            await linker.LinkAsync(scope, cancellationToken);
        }

        var rows = await audit.ForIncidentAsync(scope, document.Incident.Id, cancellationToken);
        var verification = await audit.VerifyAsync(scope, cancellationToken);
        return document with { Audit = new AuditSummary(rows.Count, rows.Count(r => r.Sequence is null), verification) };
    }

    /// <summary>A link to the full report, from the first host that can give one; null when none can.</summary>
    public string? ReportUrl(Incident incident) => links.Select(l => l.ReportUrl(incident)).FirstOrDefault(u => u is not null);
}
