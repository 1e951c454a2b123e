using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// `invite @person` and `private`: who is in an incident, which for a private incident is who may see it at all.
/// </summary>
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

    public async Task<BotReply> MakePrivateAsync(CommandContext context, MakePrivateCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindGuardedAsync(context, command, IncidentNeed.NotClosed, GuardedAction.MakePrivate, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (incident.IsPrivate)
        {
            return BotReply.Private($"{incident.Reference} is already private.");
        }

        var owners = (await store.GetActionItemsAsync(context.Scope, incident.Id, cancellationToken))
            .Where(i => i.Status == ActionItemStatus.Open)
            .Select(i => new ChatUser(i.OwnerId, i.OwnerName));
        var entry = incident.MakePrivate(context.User, owners, context.Platform, clock.GetUtcNow().UtcDateTime);
        store.Add(entry);
        var card = new Card($"{incident.Reference} is now private",
        [
            new TextElement(entry.Text),
            new TextElement("Everyone else stops finding it: it is left out of incident lists, App Home and reports, " +
                "counted without its name in metrics, and its lessons are counted without being quoted in the plan review. " +
                "Let more people in with `invite @person`."),
            new TextElement(ChannelNote(incident.Platform), TextStyle.Subtle),
        ])
        {
            Tone = CardTone.Accent,
        };
        return BotReply.ToChannel($"{incident.Reference} is now private, made so by {context.User.DisplayName}.", card);
    }

    /// <summary>What becomes of the channel people already read: only the web war room can hide it by itself.</summary>
    private static string ChannelNote(Platform platform) => platform switch
    {
        Platform.Slack => "This channel does not change by itself: whoever is in it still reads it, and if it is a public channel anyone " +
            "in the workspace can still join. To close it, open the channel's settings in Slack and choose Change to a private channel.",
        Platform.Teams => "A standard Teams channel stays open to everyone in the team, so they can still read what is posted here. " +
            "For a room of its own, declare a new incident with `private`: it gets a private channel (or a group chat) that only invited people see.",
        _ => "This channel of the web war room is hidden from everyone who is not in the incident, from now on.",
    };
}
