namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// A security incident (or an exercise) run from one channel. Every change goes through a method that
/// returns the timeline entry recording it, so nothing changes without leaving a trace.
/// </summary>
public sealed partial class Incident
{
    public const int MaxTitleLength = 200;
    public const int MaxCloseReasonLength = 1000;
    private readonly List<IncidentRoleAssignment> _roles = [];

    private Incident()
    {
        Title = string.Empty;
        ChannelId = string.Empty;
        DeclaredById = string.Empty;
        DeclaredByName = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The workspace or tenant this incident belongs to (a Slack workspace, a Teams tenant or the web war room). Every query filters on it.</summary>
    public TenantScope Scope { get; private set; }

    /// <summary>Sequential per scope; shown as INC-0001.</summary>
    public int Number { get; private set; }

    public string Reference => FormatReference(Number);
    public string Title { get; private set; }
    public int Severity { get; private set; }
    public IncidentStatus Status { get; private set; }
    public ExerciseKind Exercise { get; private set; }
    public bool IsExercise => Exercise != ExerciseKind.None;
    public Platform Platform { get; private set; }
    public string ChannelId { get; private set; }
    public string? ChannelName { get; private set; }

    /// <summary>Equal to <see cref="ChannelId"/> while the incident is open and null after; a unique index on (Scope, OpenChannelId) allows one open incident per channel.</summary>
    public string? OpenChannelId { get; private set; }

    public DateTime DeclaredAt { get; private set; }
    public string DeclaredById { get; private set; }
    public string DeclaredByName { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    /// <summary>Why the incident was closed: the post-mortem was published, or the commander's reason.</summary>
    public string? ClosedReason { get; private set; }

    /// <summary>
    /// The zone the incident's cards, report and exports show times in: the declarer's, where their platform tells it.
    /// Null means UTC.
    /// </summary>
    public string? TimeZoneId { get; private set; }

    /// <summary>The zone of <see cref="TimeZoneId"/>; UTC when none is set or this server does not know it.</summary>
    public TimeZoneInfo TimeZone =>
        TimeZoneId is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public bool IsOpen => Status == IncidentStatus.Open;

    public bool IsClosed => Status == IncidentStatus.Closed;
    public string? LastStatus { get; private set; }
    public DateTime? LastStatusAt { get; private set; }

    /// <summary>Whether every message in the channel goes into the timeline (on by default in a dedicated war-room channel).</summary>
    public bool CaptureChat { get; private set; }

    public DateTime? FirstActivityAt { get; private set; }
    public DateTime? DetectedAt { get; private set; }
    public DateTime? AcknowledgedAt { get; private set; }
    public DateTime? ContainedAt { get; private set; }
    public DateTime? EradicatedAt { get; private set; }
    public DateTime? RecoveredAt { get; private set; }

    /// <summary>Changes on every write; two hosts editing the same incident cannot overwrite each other silently.</summary>
    public Guid ConcurrencyStamp { get; private set; }

    public IReadOnlyList<IncidentRoleAssignment> Roles => _roles;

    public static string FormatReference(int number) => $"INC-{number:0000}";

    public static (Incident Incident, TimelineEntry Entry) Declare(
        TenantScope scope,
        int number,
        string title,
        int severity,
        ExerciseKind exercise,
        Platform platform,
        string channelId,
        string? channelName,
        ChatUser declaredBy,
        DateTime now,
        bool captureChat = false,
        TimeZoneInfo? timeZone = null,
        bool isPrivate = false)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(scope, default);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        EnsureSeverity(severity);

        var incident = new Incident
        {
            Id = Guid.NewGuid(),
            Scope = scope,
            Number = number,
            Title = title.Trim().Length > MaxTitleLength ? title.Trim()[..MaxTitleLength] : title.Trim(),
            Severity = severity,
            Status = IncidentStatus.Open,
            Exercise = exercise,
            Platform = platform,
            ChannelId = channelId,
            ChannelName = channelName,
            OpenChannelId = channelId,
            DeclaredAt = now,
            DeclaredById = declaredBy.Id,
            DeclaredByName = declaredBy.DisplayName,
            CaptureChat = captureChat,
            TimeZoneId = timeZone is null || timeZone == TimeZoneInfo.Utc ? null : timeZone.Id,
            ConcurrencyStamp = Guid.NewGuid(),
        };
        incident._roles.Add(new IncidentRoleAssignment(incident.Id, IncidentRoleKind.Commander, declaredBy, now));
        if (isPrivate)
        {
            incident.StartPrivate(declaredBy, now);
        }

        var label = (exercise == ExerciseKind.None ? "Incident" : exercise.Describe()) + (isPrivate ? " (private)" : string.Empty);
        var entry = new TimelineEntry(
            incident,
            TimelineEntryKind.Declared,
            $"{label} declared: {incident.Title} ({DomainNames.SeverityLabel(severity)}). Commander: {declaredBy.DisplayName}.",
            declaredBy,
            platform,
            now,
            now);
        return (incident, entry);
    }

    public ChatUser? Holder(IncidentRoleKind role) => _roles.FirstOrDefault(r => r.Role == role)?.User;

    public bool IsCommander(ChatUser user) => Holder(IncidentRoleKind.Commander)?.Id == user.Id;

    public TimelineEntry AddNote(ChatUser author, string text, Platform source, DateTime occurredAt, DateTime now, string? sourceKey = null)
    {
        EnsureText(text);

        // A note changes nothing on the incident itself, so notes written at the same moment never conflict.
        return new TimelineEntry(this, TimelineEntryKind.Note, text, author, source, occurredAt, now, sourceKey: sourceKey);
    }

    /// <summary>A chat message copied into the timeline; one without text (an image, a file) is still a moment worth keeping.</summary>
    public TimelineEntry AddChatMessage(ChatUser author, string? text, Platform source, DateTime occurredAt, DateTime now, string sourceKey)
    {
        text = string.IsNullOrWhiteSpace(text) ? "(message without text)" : text;
        return new TimelineEntry(this, TimelineEntryKind.ChatMessage, text, author, source, occurredAt, now, sourceKey: sourceKey);
    }

    public TimelineEntry PostStatus(ChatUser author, string text, Platform source, DateTime now)
    {
        EnsureText(text);
        LastStatus = text.Trim();
        LastStatusAt = now;
        Touch();
        return new TimelineEntry(this, TimelineEntryKind.Status, $"Status: {LastStatus}", author, source, now, now);
    }

    public TimelineEntry ChangeSeverity(ChatUser author, int severity, Platform source, DateTime now)
    {
        EnsureSeverity(severity);
        var previous = Severity;
        Severity = severity;
        Touch();
        return new TimelineEntry(
            this,
            TimelineEntryKind.Severity,
            $"Severity changed from {DomainNames.SeverityLabel(previous)} to {DomainNames.SeverityLabel(severity)}.",
            author,
            source,
            now,
            now);
    }

    public TimelineEntry AssignRole(ChatUser author, IncidentRoleKind role, ChatUser holder, Platform source, DateTime now)
    {
        var previous = _roles.FirstOrDefault(r => r.Role == role);
        if (previous is not null)
        {
            _roles.Remove(previous);
        }

        _roles.Add(new IncidentRoleAssignment(Id, role, holder, now));
        Touch();
        var text = previous is null
            ? $"{holder.DisplayName} is now {role.Name()}."
            : $"{holder.DisplayName} is now {role.Name()} (was {previous.UserName}).";
        return new TimelineEntry(this, TimelineEntryKind.Role, text, author, source, now, now);
    }

    public TimelineEntry SetChatCapture(ChatUser author, bool on, Platform source, DateTime now)
    {
        CaptureChat = on;
        Touch();
        var text = on
            ? "Chat capture on: every message in this channel now goes into the timeline."
            : "Chat capture off: only commands, pins and shortcuts add to the timeline.";
        return new TimelineEntry(this, TimelineEntryKind.Note, text, author, source, now, now);
    }

    public DateTime? MomentAt(KeyMoment moment) => moment switch
    {
        KeyMoment.FirstActivity => FirstActivityAt,
        KeyMoment.Detected => DetectedAt,
        KeyMoment.Acknowledged => AcknowledgedAt,
        KeyMoment.Contained => ContainedAt,
        KeyMoment.Eradicated => EradicatedAt,
        KeyMoment.Recovered => RecoveredAt,
        _ => null,
    };

    public TimelineEntry Mark(ChatUser author, KeyMoment moment, Platform source, DateTime occurredAt, DateTime now)
    {
        var previous = MomentAt(moment);
        switch (moment)
        {
            case KeyMoment.FirstActivity: FirstActivityAt = occurredAt; break;
            case KeyMoment.Detected: DetectedAt = occurredAt; break;
            case KeyMoment.Acknowledged: AcknowledgedAt = occurredAt; break;
            case KeyMoment.Contained: ContainedAt = occurredAt; break;
            case KeyMoment.Eradicated: EradicatedAt = occurredAt; break;
            case KeyMoment.Recovered: RecoveredAt = occurredAt; break;
            default: throw new ArgumentOutOfRangeException(nameof(moment));
        }

        Touch();
        var text = previous is null
            ? $"Key moment: {moment.Describe()}."
            : $"Key moment: {moment.Describe()} (moved from {Workflows.TimeFormat.MomentWithZone(previous.Value, TimeZone)}).";
        return new TimelineEntry(this, TimelineEntryKind.KeyMoment, text, author, source, occurredAt, now, keyMoment: moment);
    }

    public TimelineEntry Resolve(ChatUser author, string? summary, Platform source, DateTime now)
    {
        if (Status != IncidentStatus.Open)
        {
            throw new InvalidOperationException($"{Reference} is already {Status.ToString().ToLowerInvariant()}.");
        }

        var text = string.IsNullOrWhiteSpace(summary)
            ? $"Incident resolved by {author.DisplayName}."
            : $"Incident resolved by {author.DisplayName}: {summary.Trim()}";

        // Recorded while still open: the resolution itself is not something "added after resolve".
        var entry = new TimelineEntry(this, TimelineEntryKind.Resolved, text, author, source, now, now);
        Status = IncidentStatus.Resolved;
        ResolvedAt = now;
        OpenChannelId = null;
        Touch();
        return entry;
    }

    /// <summary>Brings a resolved or closed incident back to open, in its channel. The caller checks the channel has no other open incident.</summary>
    public TimelineEntry Reopen(ChatUser author, string? reason, Platform source, DateTime now)
    {
        if (Status == IncidentStatus.Open)
        {
            throw new InvalidOperationException($"{Reference} is already open.");
        }

        var was = Status == IncidentStatus.Closed ? "closed" : "resolved";
        Status = IncidentStatus.Open;
        ResolvedAt = null;
        ClosedAt = null;
        ClosedReason = null;
        OpenChannelId = ChannelId;
        Touch();
        var text = string.IsNullOrWhiteSpace(reason)
            ? $"Incident reopened by {author.DisplayName} (it was {was})."
            : $"Incident reopened by {author.DisplayName} (it was {was}): {reason.Trim()}";
        return new TimelineEntry(this, TimelineEntryKind.Reopened, text, author, source, now, now);
    }

    /// <summary>Ends the incident's life: after this the channel's commands no longer act on it.</summary>
    public TimelineEntry Close(ChatUser author, string reason, Platform source, DateTime now)
    {
        if (Status != IncidentStatus.Resolved)
        {
            throw new InvalidOperationException(Status == IncidentStatus.Open ? $"{Reference} is still open." : $"{Reference} is already closed.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        reason = reason.Trim();
        var entry = new TimelineEntry(this, TimelineEntryKind.Closed, $"Incident closed by {author.DisplayName}: {reason}", author, source, now, now);
        Status = IncidentStatus.Closed;
        ClosedAt = now;
        ClosedReason = reason.Length > MaxCloseReasonLength ? reason[..MaxCloseReasonLength] : reason;
        Touch();
        return entry;
    }

    /// <summary>The derived durations the post-mortem reports; null where a moment is not marked.</summary>
    public IncidentDurations Durations() => new(
        TimeToDetect: Between(FirstActivityAt, DetectedAt),
        TimeToAcknowledge: Between(DetectedAt, AcknowledgedAt),
        TimeToContain: Between(DetectedAt, ContainedAt),
        TimeToEradicate: Between(DetectedAt, EradicatedAt),
        TimeToRecover: Between(DetectedAt, RecoveredAt));

    private static TimeSpan? Between(DateTime? from, DateTime? to) =>
        from is { } f && to is { } t && t >= f ? t - f : null;

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();

    private static void EnsureText(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("Text is required.", nameof(text));
        }
    }

    private static void EnsureSeverity(int severity)
    {
        if (severity is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, "Severity is 1 to 4.");
        }
    }
}

public sealed record IncidentDurations(
    TimeSpan? TimeToDetect,
    TimeSpan? TimeToAcknowledge,
    TimeSpan? TimeToContain,
    TimeSpan? TimeToEradicate,
    TimeSpan? TimeToRecover);
