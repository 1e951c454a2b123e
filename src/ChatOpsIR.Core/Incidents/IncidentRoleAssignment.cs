namespace ChatOpsIR.Core.Incidents;

public sealed class IncidentRoleAssignment
{
    private IncidentRoleAssignment()
    {
        UserId = string.Empty;
        UserName = string.Empty;
    }

    internal IncidentRoleAssignment(Guid incidentId, IncidentRoleKind role, ChatUser user, DateTime assignedAt)
    {
        Id = Guid.NewGuid();
        IncidentId = incidentId;
        Role = role;
        UserId = user.Id;
        UserName = user.DisplayName;
        AssignedAt = assignedAt;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public IncidentRoleKind Role { get; private set; }
    public string UserId { get; private set; }
    public string UserName { get; private set; }
    public DateTime AssignedAt { get; private set; }

    public ChatUser User => new(UserId, UserName);
}
