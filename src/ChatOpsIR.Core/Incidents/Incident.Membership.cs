namespace ChatOpsIR.Core.Incidents;

/// <summary>Who is in an incident: what makes a private incident visible to some people and to nobody else.</summary>
public sealed partial class Incident
{
    private readonly List<IncidentMember> _members = [];

    /// <summary>Visible only to its members (see <see cref="IsMember"/>): insider and HR-related incidents.</summary>
    public bool IsPrivate { get; private set; }

    public IReadOnlyList<IncidentMember> Members => _members;

    /// <summary>
    /// True for the people in the incident: whoever declared it, holds one of its roles or was invited. Either of a
    /// person's ids counts (their platform id, or their directory id where the platform sends one).
    /// </summary>
    public bool IsMember(string userId, string? directoryId = null)
    {
        bool Same(string id) => id == userId || (directoryId is { Length: > 0 } && string.Equals(id, directoryId, StringComparison.OrdinalIgnoreCase));
        return Same(DeclaredById) || _roles.Any(r => Same(r.UserId)) || _members.Any(m => Same(m.UserId));
    }

    /// <summary>Lets <paramref name="person"/> into the incident; null when they are in it already (nothing to record).</summary>
    public TimelineEntry? Invite(ChatUser invitedBy, ChatUser person, Platform source, DateTime now)
    {
        if (_members.Any(m => m.UserId == person.Id))
        {
            return null;
        }

        _members.Add(new IncidentMember(Id, person, invitedBy, now));
        Touch();
        var text = IsPrivate
            ? $"{person.DisplayName} was let into this private incident by {invitedBy.DisplayName}."
            : $"{person.DisplayName} was invited by {invitedBy.DisplayName}.";
        return new TimelineEntry(this, TimelineEntryKind.Member, text, invitedBy, source, now, now);
    }

    private void StartPrivate(ChatUser declaredBy, DateTime now)
    {
        IsPrivate = true;
        _members.Add(new IncidentMember(Id, declaredBy, declaredBy, now));
    }
}
