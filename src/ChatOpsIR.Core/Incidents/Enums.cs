namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// An incident's life: open while it is handled, resolved while its post-mortem runs (the channel's commands still
/// act on it, to correct the record), closed once the post-mortem is published or the commander closes it with a reason.
/// </summary>
public enum IncidentStatus
{
    Open = 0,
    Resolved = 1,
    Closed = 2,
}

/// <summary>Whether an incident is real or a rehearsal; exercises run the same flow and are counted apart.</summary>
public enum ExerciseKind
{
    None = 0,
    Tabletop = 1,
    Simulation = 2,
}

public enum IncidentRoleKind
{
    Commander = 0,
    Scribe = 1,
    Comms = 2,
    Lead = 3,

    /// <summary>Named by the commander; may do what the commander may, except hand action items to someone else.</summary>
    Deputy = 4,
}

/// <summary>The moments from which time to detect, contain and recover are derived.</summary>
public enum KeyMoment
{
    FirstActivity = 0,
    Detected = 1,
    Acknowledged = 2,
    Contained = 3,
    Eradicated = 4,
    Recovered = 5,
}

public enum TimelineEntryKind
{
    Declared = 0,
    Note = 1,
    Status = 2,
    Severity = 3,
    Role = 4,
    KeyMoment = 5,
    Resolved = 6,
    Evidence = 7,
    ChatMessage = 8,
    ActionItem = 9,
    Reopened = 10,
    Closed = 11,

    /// <summary>Someone let into the incident (`invite`).</summary>
    Member = 12,

    /// <summary>Access granted to a responder, or taken back (`access grant`, `access revoked`).</summary>
    Access = 13,
}

/// <summary>Where something entered ChatOpsIR.</summary>
public enum Platform
{
    Web = 0,
    Slack = 1,
    Teams = 2,
    System = 3,
}

public static class DomainNames
{
    public static string Name(this IncidentRoleKind role) => role switch
    {
        IncidentRoleKind.Commander => "commander",
        IncidentRoleKind.Scribe => "scribe",
        IncidentRoleKind.Comms => "comms",
        IncidentRoleKind.Lead => "lead",
        IncidentRoleKind.Deputy => "deputy",
        _ => role.ToString().ToLowerInvariant(),
    };

    public static string Name(this KeyMoment moment) => moment switch
    {
        KeyMoment.FirstActivity => "first-activity",
        _ => moment.ToString().ToLowerInvariant(),
    };

    public static string Describe(this KeyMoment moment) => moment switch
    {
        KeyMoment.FirstActivity => "First malicious activity",
        KeyMoment.Detected => "Detected",
        KeyMoment.Acknowledged => "Acknowledged",
        KeyMoment.Contained => "Contained",
        KeyMoment.Eradicated => "Eradicated",
        KeyMoment.Recovered => "Recovered",
        _ => moment.ToString(),
    };

    public static string Describe(this ExerciseKind kind) => kind switch
    {
        ExerciseKind.Tabletop => "Tabletop exercise",
        ExerciseKind.Simulation => "Simulation exercise",
        _ => "Real incident",
    };

    public static string SeverityLabel(int severity) => severity switch
    {
        1 => "SEV1 (critical)",
        2 => "SEV2 (high)",
        3 => "SEV3 (moderate)",
        4 => "SEV4 (low)",
        _ => $"SEV{severity}",
    };
}
