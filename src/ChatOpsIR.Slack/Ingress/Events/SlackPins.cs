using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Slack.Api;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack.Ingress.Events;

/// <summary>
/// The pin reaction (Slack:PinReaction) on a message: the message is copied into the timeline after Slack is answered.
/// Its text must first be read from Slack (conversations.history, which apps outside Slack's Marketplace may call once a
/// minute), which does not fit in Slack's 3 seconds. A copy lost with the host is not lost for good: the reaction stays
/// on the message, and the message can be added with the shortcut or `backfill`; it is never copied twice.
/// </summary>
public sealed class SlackReactionAdded(SlackBackgroundQueue queue, IOptions<SlackOptions> options) : ISlackEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [SlackEventTypes.ReactionAdded];

    public async Task HandleAsync(SlackEventDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Event is { Item: { Type: "message", Channel: { } channel, Ts: { } ts } } reaction && reaction.Reaction == options.Value.PinReaction)
        {
            await queue.EnqueueAsync(new SlackPinWork(delivery.Team, channel, ts, reaction.ItemUser, reaction.User), cancellationToken);
        }
    }
}

/// <summary>Copies a pinned message into the timeline: its text read back from the channel's history, its author and its own time.</summary>
public sealed class SlackPins(SlackApiClient client, SlackTokenProvider tokens, SlackUserDirectory users, SlackTimeline timeline)
{
    public async Task CopyAsync(SlackPinWork pin, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(pin.Team, cancellationToken);

        // A read method: Slack takes its arguments form-encoded, not as JSON.
        var history = await client.CallFormAsync("conversations.history", new Dictionary<string, string>
        {
            ["channel"] = pin.Channel,
            ["latest"] = pin.Ts,
            ["oldest"] = pin.Ts,
            ["inclusive"] = "true",
            ["limit"] = "1",
        }, token, cancellationToken);
        if (history["messages"] is not JsonArray { Count: > 0 } messages || messages[0] is not JsonObject message)
        {
            return;
        }

        var authorId = message["user"]?.GetValue<string>() ?? pin.ItemUser ?? "unknown";
        var author = await users.ResolveAsync(pin.Team, authorId, null, cancellationToken);
        // Whoever reacted chose the message; they are who a private incident has to know.
        var pinnedBy = new ChatUser(pin.PinnedBy ?? "unknown", pin.PinnedBy ?? "unknown");
        await timeline.CaptureAsync(pin.Team, pin.Channel, pinnedBy, author, message["text"]?.GetValue<string>(), pin.Ts, cancellationToken);
    }
}
