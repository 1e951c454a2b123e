using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Access;

/// <summary>
/// The one place that decides whether the person acting may do a <see cref="GuardedAction"/>, by the rules of
/// <see cref="PermissionMatrix"/>, and words the refusal when not. Workflows ask before they change anything, so a
/// refusal (an error, seen by the caller only) leaves no trace: nothing is staged, nothing saved.
/// </summary>
public sealed class IncidentPermissions(IEnumerable<IIncidentManagerDirectory> directories)
{
    private readonly PlatformServices<IIncidentManagerDirectory> _directories = new(directories);
    private readonly Dictionary<(Platform, string), bool> _managers = [];

    /// <summary>Null when <paramref name="context"/>'s person may do <paramref name="action"/>; otherwise the answer that refuses it.</summary>
    public async Task<BotReply?> RefusalAsync(CommandContext context, GuardedAction action, Incident incident, ActionItem? item, CancellationToken cancellationToken) =>
        await MayAsync(context, action, incident, item, cancellationToken) ? null : Refusal(action, incident, item);

    public async Task<bool> MayAsync(CommandContext context, GuardedAction action, Incident incident, ActionItem? item, CancellationToken cancellationToken)
    {
        var who = PermissionMatrix.Who(action);
        if ((who & StandingIn(context, incident, item)) != Grantee.None)
        {
            return true;
        }

        // Asked last, and once per person and request: it may cost a call to the platform's directory.
        return who.HasFlag(Grantee.IncidentManager) && await IsManagerAsync(context, cancellationToken);
    }

    /// <summary>
    /// Whether the person may see the incident at all: anyone for an incident that is not private; for a private one, its
    /// people (declarer, role holders, those invited) and the incident managers of its scope.
    /// </summary>
    public async Task<bool> CanSeeAsync(CommandContext context, Incident incident, CancellationToken cancellationToken) =>
        !incident.IsPrivate || incident.IsMember(context.User.Id, context.UserDirectoryId) || await IsManagerAsync(context, cancellationToken);

    /// <summary>What the person is to this incident and item, without asking any directory.</summary>
    public static Grantee StandingIn(CommandContext context, Incident incident, ActionItem? item)
    {
        var standing = Grantee.None;
        foreach (var role in incident.Roles.Where(r => context.IsUser(r.UserId)))
        {
            standing |= Grantee.RoleHolder | role.Role switch
            {
                IncidentRoleKind.Commander => Grantee.Commander,
                IncidentRoleKind.Deputy => Grantee.Deputy,
                _ => Grantee.None,
            };
        }

        return item is not null && context.IsUser(item.OwnerId) ? standing | Grantee.ItemOwner : standing;
    }

    /// <summary>"Only the incident commander (Alice), a deputy or an incident manager can change the severity of INC-0001."</summary>
    public static BotReply Refusal(GuardedAction action, Incident incident, ActionItem? item)
    {
        var who = PermissionMatrix.Who(action);
        var people = new List<string>();
        if (who.HasFlag(Grantee.ItemOwner) && item is not null)
        {
            people.Add($"{item.OwnerName} (the owner of {item.Reference})");
        }

        if (who.HasFlag(Grantee.RoleHolder))
        {
            people.Add($"someone with a role in {incident.Reference} (commander, deputy, scribe, comms or lead)");
        }
        else
        {
            if (who.HasFlag(Grantee.Commander))
            {
                var commander = incident.Holder(IncidentRoleKind.Commander)?.DisplayName;
                people.Add(commander is null ? "the incident commander" : $"the incident commander ({commander})");
            }

            if (who.HasFlag(Grantee.Deputy))
            {
                people.Add("a deputy");
            }
        }

        if (who.HasFlag(Grantee.IncidentManager))
        {
            people.Add("an incident manager");
        }

        var list = people.Count == 1 ? people[0] : string.Join(", ", people[..^1]) + " or " + people[^1];
        return BotReply.Error($"Only {list} can {PermissionMatrix.What(action, incident.Reference, item?.Reference)}.") with
        {
            Refused = new RefusedAttempt(incident.Id, item is null ? incident.Reference : $"{incident.Reference}/{item.Reference}", action.ToString()),
        };
    }

    private async Task<bool> IsManagerAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var key = (context.Platform, context.User.Id);
        if (!_managers.TryGetValue(key, out var manager))
        {
            manager = _directories.For(context.Platform) is { } directory && await directory.IsIncidentManagerAsync(context, cancellationToken);
            _managers[key] = manager;
        }

        return manager;
    }
}
