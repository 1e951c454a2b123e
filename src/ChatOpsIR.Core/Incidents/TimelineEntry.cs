namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// One thing that happened during an incident. <see cref="OccurredAt"/> is when it happened (it can be
/// back-dated: "note … at 14:05"), <see cref="RecordedAt"/> when ChatOpsIR learned of it.
/// </summary>
public sealed class TimelineEntry
{
    public const int MaxTextLength = 4000;

    private TimelineEntry()
    {
        Text = string.Empty;
        AuthorId = string.Empty;
        AuthorName = string.Empty;
    }

    public TimelineEntry(
        Incident incident,
        TimelineEntryKind kind,
        string text,
        ChatUser author,
        Platform source,
        DateTime occurredAt,
        DateTime recordedAt,
        KeyMoment? keyMoment = null,
        string? sourceKey = null)
    {
        Id = Guid.NewGuid();
        IncidentId = incident.Id;
        Scope = incident.Scope;
        Kind = kind;
        Text = Truncate(text);
        AuthorId = author.Id;
        AuthorName = author.DisplayName;
        Source = source;
        OccurredAt = DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc);
        RecordedAt = DateTime.SpecifyKind(recordedAt, DateTimeKind.Utc);
        KeyMoment = keyMoment;
        SourceKey = sourceKey;
        AddedAfterResolve = incident.Status != IncidentStatus.Open;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public TenantScope Scope { get; private set; }
    public TimelineEntryKind Kind { get; private set; }
    public string Text { get; private set; }
    public string AuthorId { get; private set; }
    public string AuthorName { get; private set; }
    public Platform Source { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public KeyMoment? KeyMoment { get; private set; }

    /// <summary>The platform's own id of what this entry came from (a Slack event or message); unique per incident, so a retried delivery never adds it twice.</summary>
    public string? SourceKey { get; private set; }

    /// <summary>
    /// True when the entry was recorded while the incident was resolved or closed: a correction made during the
    /// post-mortem. The timeline and the report say so, so a reader can tell the record from what was added later.
    /// </summary>
    public bool AddedAfterResolve { get; private set; }

    /// <summary>How a reply, a card or the report says an entry is a correction made after resolve.</summary>
    public const string AfterResolveNote = " (added after resolve)";

    /// <summary><see cref="AfterResolveNote"/> for an entry added after resolve, else nothing.</summary>
    public string AfterResolveSuffix => AddedAfterResolve ? AfterResolveNote : string.Empty;

    /// <summary>True when the entry was back-dated by more than a minute.</summary>
    public bool IsBackdated => RecordedAt - OccurredAt > TimeSpan.FromMinutes(1);

    private static string Truncate(string text)
    {
        text = text.Trim();
        return text.Length <= MaxTextLength ? text : string.Concat(text.AsSpan(0, MaxTextLength - 1), "…");
    }
}
