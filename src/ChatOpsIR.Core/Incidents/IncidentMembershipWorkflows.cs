using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>`invite @person`: who is in an incident, which for a private incident is who may see it at all.</summary>
public sealed class IncidentMembershipWorkflows(
    IIncidentStore store,
    IncidentLookup lookup,
    TimeProvider clock,
    IEnumerable<IMentionResolver> resolvers,
    IEnumerable<IChannelMembers> channels)
{
    private readonly PlatformServices<IMentionResolver> _resolvers = new(resolvers);
    private readonly PlatformServices<IChannelMembers> _channels = new(channels);

    public async Task<BotReply> InviteAsync(CommandContext context, InviteCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindGuardedAsync(context, command, IncidentNeed.NotClosed, GuardedAction.Invite, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var person = await Mentions.ResolveAsync(_resolvers, context, command.User, cancellationToken);
        if (incident.IsMember(person.Id))
        {
            return BotReply.Private($"{person.DisplayName} is already in {incident.Reference}.");
        }

        // The channel first: should the platform refuse, the record does not claim someone is in a room they cannot enter.
        if (_channels.For(incident.Platform) is { } channel && incident.Platform == context.Platform)
        {
            try
            {
                await channel.AddAsync(context, incident, person, cancellationToken);
            }
            catch (ChannelMembersException ex)
            {
                return BotReply.Error($"I could not add {person.DisplayName} to this incident's channel: {ex.Message}");
            }
        }

        var entry = incident.Invite(context.User, person, context.Platform, clock.GetUtcNow().UtcDateTime)!;
        store.Add(entry);
        return BotReply.ToChannel($"{incident.Reference}: {entry.Text}");
    }
}
