using ChatOpsIR.Slack.Api;

namespace ChatOpsIR.Slack.Ingress.Events;

/// <summary>
/// A person's message in a channel the bot is in: copied into the timeline while the channel's incident captures chat.
/// Written before Slack is answered, so an acknowledged message is never lost; a retry finds it already there. A message
/// that starts by mentioning the bot is a command, which <see cref="SlackAppMention"/> handles.
/// </summary>
public sealed class SlackChannelMessage(SlackUserDirectory users, SlackTimeline timeline) : ISlackEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [SlackEventTypes.Message];

    public async Task HandleAsync(SlackEventDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Event is not { User: { } author, Channel: { } channel, Ts: { } ts, ChannelType: "channel" or "group" } message
            || message.Subtype is not (null or "thread_broadcast" or "file_share")
            || SlackMentions.StartsWithMentionOf(message.Text, delivery.BotUserId))
        {
            return;
        }

        var person = await users.ResolveAsync(delivery.Team, author, SlackUserDirectory.RequestBudget, cancellationToken);
        await timeline.CaptureChatAsync(delivery.Team, channel, person, message.Text, ts, cancellationToken);
    }
}
