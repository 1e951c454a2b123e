namespace ChatOpsIR.Core.Exports;

// The exported documents, field by field as docs/exports.md and docs/schemas/*.schema.json describe them. Times are UTC
// in ISO 8601 text; words (statuses, kinds) are lower-case with hyphens.

/// <summary>Everything ChatOpsIR holds about one incident, with the audit rows that prove it unchanged (schema 1).</summary>
public sealed record IncidentExport(
    string Schema,
    string ExportedAt,
    ExportPerson ExportedBy,
    ExportedIncident Incident,
    IReadOnlyList<ExportedTimelineEntry> Timeline,
    ExportedPostMortem? PostMortem,
    IReadOnlyList<ExportedActionItem> ActionItems,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Evidence,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> AccessGrants,
    ExportedAudit Audit)
{
    public const string SchemaName = "chatopsir-incident-export/1";
}

public sealed record ExportPerson(string Id, string Name);

public sealed record ExportedIncident(
    string Reference,
    string Id,
    string Scope,
    string Title,
    int Severity,
    string SeverityLabel,
    string Status,
    bool Private,
    string Exercise,
    string Platform,
    string ChannelId,
    string? ChannelName,
    ExportPerson DeclaredBy,
    string DeclaredAt,
    string? ResolvedAt,
    string? ClosedAt,
    string? ClosedReason,
    string? LastStatus,
    string? TimeZone,
    IReadOnlyList<ExportedRole> Roles,
    IReadOnlyList<ExportedMember> Members,
    IReadOnlyDictionary<string, string?> KeyMoments,
    IReadOnlyDictionary<string, long?> DurationSeconds);

public sealed record ExportedRole(string Role, ExportPerson Holder, string AssignedAt);

public sealed record ExportedMember(ExportPerson Person, string AddedBy, string AddedAt);

public sealed record ExportedTimelineEntry(
    string OccurredAt,
    string RecordedAt,
    string Kind,
    string Text,
    ExportPerson Author,
    string Source,
    string? KeyMoment,
    bool Backdated,
    bool AddedAfterResolve);

public sealed record ExportedPostMortem(
    ExportPerson StartedBy,
    string StartedAt,
    string CurrentSection,
    int PublishedVersion,
    string? PublishedAt,
    bool ChangedSincePublish,
    string? SingleCauseReason,
    IReadOnlyList<ExportedSection> Sections,
    IReadOnlyList<ExportedFinding> RootCauses,
    IReadOnlyList<ExportedFinding> Lessons);

public sealed record ExportedSection(int Number, string Slug, string Title, string Status, string? SkipReason, ExportPerson? By, string? At, IReadOnlyList<ExportedAnswer> Answers);

/// <summary>An answer as it stands, and every value it had, oldest first (the last is the current one), from the audit rows.</summary>
public sealed record ExportedAnswer(string Field, string Value, ExportPerson By, string At, IReadOnlyList<ExportedAnswerValue> History);

public sealed record ExportedAnswerValue(string? Value, ExportPerson? By, string? At, long? AuditSequence);

public sealed record ExportedFinding(string Label, int Number, string Text, IReadOnlyList<string> Principles, string? Enabler, string BlameState, ExportPerson By, string At);

public sealed record ExportedActionItem(
    string Reference,
    string Title,
    ExportPerson Owner,
    string DueDate,
    string Kind,
    string Reach,
    string Status,
    string CreatedBy,
    string CreatedAt,
    string? DoneAt,
    string? DoneBy);

/// <summary>
/// The incident's audit rows in full, and the links of the scope's whole chain (no content), so the rows can be checked
/// offline against the chain: <c>scripts/verify-export.sh</c> recomputes every hash from the canonical form.
/// </summary>
public sealed record ExportedAudit(
    string Canonical,
    string Scope,
    IReadOnlyList<ExportedAuditRow> Rows,
    IReadOnlyList<ExportedAuditLink> Chain,
    string Head,
    ExportedVerification Verification);

/// <summary>A row exactly as it was hashed: <see cref="At"/> is the canonical text of its time, before and after the JSON texts the hash covers.</summary>
public sealed record ExportedAuditRow(
    long Sequence,
    string At,
    string Actor,
    string ActorName,
    string Platform,
    string Action,
    string Subject,
    string? Incident,
    string? Before,
    string? After,
    string PreviousHash,
    string Hash);

public sealed record ExportedAuditLink(long Sequence, string PreviousHash, string Hash);

public sealed record ExportedVerification(bool Intact, int Checked, long? BrokenAt, string? Problem, string Head);

/// <summary>The sign-off of one plan review, with the figures of its period (schema 1).</summary>
public sealed record PlanReviewExport(
    string Schema,
    string ExportedAt,
    ExportPerson ExportedBy,
    ExportedPlanReview Review,
    ExportedSignOff SignOff,
    ExportedPlanFigures Figures)
{
    public const string SchemaName = "chatopsir-plan-review-export/1";
}

public sealed record ExportedPlanReview(string Id, string Scope, string Key, string Kind, ExportPerson Owner, string PeriodFrom, string PeriodTo, string RequestedAt, string Status);

public sealed record ExportedSignOff(ExportPerson By, string At, string Decision, string DecisionText, string? Notes, string? NextReviewDue);

public sealed record ExportedPlanFigures(
    int Incidents,
    int Exercises,
    IReadOnlyDictionary<string, int> BySeverity,
    long? MedianTimeToDetectSeconds,
    long? MedianTimeToContainSeconds,
    long? MedianTimeToRecoverSeconds,
    int ActionItemsClosed,
    int ActionItemsOverdue,
    int ActionItemsOpenNotYetDue,
    IReadOnlyList<ExportedPrinciple> FailedPrinciples,
    IReadOnlyList<ExportedLesson> Lessons,
    int PrivateLessons);

public sealed record ExportedPrinciple(string Principle, int Count);

public sealed record ExportedLesson(string Incident, string Lesson);
