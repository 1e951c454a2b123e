using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Audit;

/// <summary>
/// One change to the record, as an auditor reads it: who did what to which subject, when and from where, with the value
/// before and after. Rows are written with the change they describe; <see cref="Sequence"/>, <see cref="PreviousHash"/>
/// and <see cref="Hash"/> are given afterwards, in order, by whoever links the scope's chain (<see cref="AuditChain"/>).
/// </summary>
public sealed class AuditRecord
{
    private AuditRecord()
    {
        ActorId = string.Empty;
        ActorName = string.Empty;
        Action = string.Empty;
        Subject = string.Empty;
    }

    public AuditRecord(TenantScope scope, DateTime at, ChatUser actor, Platform platform, string action, string subject, Guid? incidentId, string? before, string? after)
    {
        Scope = scope;
        At = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        ActorId = actor.Id;
        ActorName = actor.DisplayName;
        Platform = platform;
        Action = action;
        Subject = subject;
        IncidentId = incidentId;
        Before = before;
        After = after;
    }

    /// <summary>The database's own id: the order rows were written in, which the chain follows.</summary>
    public long Id { get; private set; }

    public TenantScope Scope { get; private set; }

    /// <summary>The row's place in its scope's chain, from 1; null until the row is linked.</summary>
    public long? Sequence { get; private set; }

    public DateTime At { get; private set; }
    public string ActorId { get; private set; }
    public string ActorName { get; private set; }
    public Platform Platform { get; private set; }

    /// <summary>What was done, in a stable word (<c>incident.severity</c>, <c>timeline.redacted</c>, <c>refused</c>).</summary>
    public string Action { get; private set; }

    /// <summary>What it was done to (<c>INC-0004</c>, <c>INC-0004/A2</c>).</summary>
    public string Subject { get; private set; }

    public Guid? IncidentId { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? PreviousHash { get; private set; }
    public string? Hash { get; private set; }

    /// <summary>The field values of <see cref="Before"/> or <see cref="After"/> by name; null when there are none or they cannot be read.</summary>
    public static Dictionary<string, string?>? Values(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Links the row after the one whose hash is <paramref name="previousHash"/>.</summary>
    public void Link(long sequence, string previousHash)
    {
        if (Sequence is not null)
        {
            throw new InvalidOperationException($"Audit row {Sequence} is linked already.");
        }

        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = AuditChain.HashOf(previousHash, this);
    }
}
