namespace ChatOpsIR.Core.Incidents;

/// <summary>An item of evidence with its hash and chain of custody (who held it, when, what was done).</summary>
public sealed class Evidence
{
    public const int MaxDescriptionLength = 1000;
    private readonly List<CustodyEntry> _custody = [];

    private Evidence()
    {
        Description = string.Empty;
        CollectedById = string.Empty;
        CollectedByName = string.Empty;
    }

    public Evidence(Incident incident, int number, string description, string? sha256, string? link, ChatUser collectedBy, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Id = Guid.NewGuid();
        IncidentId = incident.Id;
        Scope = incident.Scope;
        Number = number;
        Description = description.Trim().Length > MaxDescriptionLength ? description.Trim()[..MaxDescriptionLength] : description.Trim();
        Sha256 = sha256?.ToLowerInvariant();
        Link = link;
        CollectedById = collectedBy.Id;
        CollectedByName = collectedBy.DisplayName;
        CollectedAt = now;
        _custody.Add(new CustodyEntry(Id, collectedBy, "Collected and recorded", now));
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public TenantScope Scope { get; private set; }

    /// <summary>Sequential per incident: E1, E2…</summary>
    public int Number { get; private set; }

    public string Reference => $"E{Number}";
    public string Description { get; private set; }
    public string? Sha256 { get; private set; }
    public string? Link { get; private set; }
    public string CollectedById { get; private set; }
    public string CollectedByName { get; private set; }
    public DateTime CollectedAt { get; private set; }
    public IReadOnlyList<CustodyEntry> Custody => _custody;
}

public sealed class CustodyEntry
{
    private CustodyEntry()
    {
        HolderId = string.Empty;
        HolderName = string.Empty;
        Action = string.Empty;
    }

    internal CustodyEntry(Guid evidenceId, ChatUser holder, string action, DateTime at)
    {
        Id = Guid.NewGuid();
        EvidenceId = evidenceId;
        HolderId = holder.Id;
        HolderName = holder.DisplayName;
        Action = action;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid EvidenceId { get; private set; }
    public string HolderId { get; private set; }
    public string HolderName { get; private set; }
    public string Action { get; private set; }
    public DateTime At { get; private set; }
}
