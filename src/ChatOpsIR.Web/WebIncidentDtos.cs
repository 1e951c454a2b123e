namespace ChatOpsIR.Web;

/// <summary>
/// One incident as the incident list shows it. <see cref="WarRoomChannel"/> is the web war room channel whose
/// conversation and command box belong to it (null for an incident run in Slack or Teams).
/// </summary>
public sealed record WebIncidentSummary(
    Guid Id,
    string Reference,
    string Title,
    int Severity,
    string Status,
    bool Exercise,
    string ExerciseKind,
    bool Private,
    string Platform,
    string ChannelName,
    string? WarRoomChannel,
    string? Commander,
    string? LastStatus,
    DateTime DeclaredAt,
    DateTime? ResolvedAt,
    DateTime LastActivityAt,
    int OpenActionItems);

/// <summary>
/// The incident list, open, resolved and exercises apart, newest activity first. <see cref="Version"/> changes whenever
/// anything listed changes, so a page that polls can skip redrawing (and the server answers 304 to If-None-Match).
/// </summary>
public sealed record WebIncidentList(
    IReadOnlyList<WebIncidentSummary> Open,
    IReadOnlyList<WebIncidentSummary> Resolved,
    IReadOnlyList<WebIncidentSummary> Exercises,
    int Total,
    bool Truncated,
    string Version);

/// <summary>A key moment and when it happened (null while not marked).</summary>
public sealed record WebKeyMoment(string Name, string Label, DateTime? At);

/// <summary>A notification clock started by the data categories recorded in the post-mortem's impact section.</summary>
public sealed record WebClock(string Regime, string Category, string Notify, DateTime StartsAt, DateTime DueAt, bool Overdue, string Left, bool FromDeclaration);

public sealed record WebActionItem(string Reference, string Title, string Owner, DateOnly DueDate, string Status, bool Overdue, string Kind, DateTime? DoneAt);

public sealed record WebEvidence(string Reference, string Description, string State, string Holder, string? Sha256, string? FileName, long? FileSize, DateTime CollectedAt, int CustodySteps, bool Superseded);

public sealed record WebPostMortemSection(string Key, string Title, string State);

/// <summary>The post-mortem's progress: its status, each section's state, and the latest published version.</summary>
public sealed record WebPostMortemState(string Status, IReadOnlyList<WebPostMortemSection> Sections, int? PublishedVersion);

/// <summary>Everything the incident page shows beside the conversation. <see cref="Version"/> as in <see cref="WebIncidentList"/>.</summary>
public sealed record WebIncidentDetail(
    WebIncidentSummary Incident,
    IReadOnlyDictionary<string, string> Roles,
    IReadOnlyList<WebKeyMoment> Moments,
    IReadOnlyDictionary<string, string> Durations,
    IReadOnlyList<WebClock> Clocks,
    IReadOnlyList<WebActionItem> ActionItems,
    IReadOnlyList<WebEvidence> Evidence,
    WebPostMortemState? PostMortem,
    string? ReportUrl,
    IReadOnlyList<WebTimelineEntry> Timeline,
    string Version);
