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

    /// <summary>
    /// Keeps a running incident to its people from now on. Whoever asked and <paramref name="alsoIn"/> (the owners of its
    /// open action items, whose reminders name it) are let in beside the declarer and role holders, who are in already.
    /// </summary>
    public TimelineEntry MakePrivate(ChatUser by, IEnumerable<ChatUser> alsoIn, Platform source, DateTime now)
    {
        if (IsPrivate)
        {
            throw new InvalidOperationException($"{Reference} is already private.");
        }

        IsPrivate = true;
        var added = new List<string>();
        foreach (var person in alsoIn.Prepend(by).DistinctBy(p => p.Id))
        {
            if (!IsMember(person.Id))
            {
                _members.Add(new IncidentMember(Id, person, by, now));
                if (person.Id != by.Id)
                {
                    added.Add(person.DisplayName);
                }
            }
        }

        Touch();
        var text = $"{by.DisplayName} made this incident private: only its members and role holders see it from now on.";
        if (added.Count > 0)
        {
            text += $" Kept in as owners of open action items: {string.Join(", ", added)}.";
        }

        return new TimelineEntry(this, TimelineEntryKind.Member, text, by, source, now, now);
    }

    /// <summary>
    /// Lets the owner of an action item (or the new holder of an item of evidence) into a private incident, so the
    /// reminders and messages that name it go to someone who may see it; null when the incident is not private or the
    /// person is in it already. <paramref name="why"/> says what they are ("the owner of A2", "the holder of E1").
    /// </summary>
    public TimelineEntry? LetInOwner(ChatUser by, ChatUser owner, string why, Platform source, DateTime now)
    {
        if (!IsPrivate || IsMember(owner.Id))
        {
            return null;
        }

        _members.Add(new IncidentMember(Id, owner, by, now));
        Touch();
        return new TimelineEntry(this, TimelineEntryKind.Member, $"{owner.DisplayName} was let into this private incident as {why}.", by, source, now, now);
    }

    private void StartPrivate(ChatUser declaredBy, DateTime now)
    {
        IsPrivate = true;
        _members.Add(new IncidentMember(Id, declaredBy, declaredBy, now));
    }
}
