namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// A person let into an incident: the declarer of a private incident, or someone invited. For a private incident these
/// (with its role holders) are the only people who see it anywhere.
/// </summary>
public sealed class IncidentMember
{
    private IncidentMember()
    {
        UserId = string.Empty;
        UserName = string.Empty;
        AddedById = string.Empty;
    }

    internal IncidentMember(Guid incidentId, ChatUser user, ChatUser addedBy, DateTime addedAt)
    {
        Id = Guid.NewGuid();
        IncidentId = incidentId;
        UserId = user.Id;
        UserName = user.DisplayName;
        AddedById = addedBy.Id;
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public string UserId { get; private set; }
    public string UserName { get; private set; }
    public string AddedById { get; private set; }
    public DateTime AddedAt { get; private set; }

    public ChatUser User => new(UserId, UserName);
}
