using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Slack.Api;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Slack.Ingress.Events;

/// <summary>
/// `@ChatOpsIR note …`: what follows the mention is a command, run before Slack is answered with the event id as its
/// delivery id, so a retry changes nothing and gets no second answer. A mention has no response_url: the answer is
/// posted through the Web API (to the channel, or privately to the person).
/// </summary>
public sealed partial class SlackAppMention(
    CommandService commands,
    SlackUserDirectory users,
    SlackResponder responder,
    SlackBackgroundQueue queue,
    ILogger<SlackAppMention> logger) : ISlackEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [SlackEventTypes.AppMention];

    public async Task HandleAsync(SlackEventDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Event is not { User: { } user, Channel: { } channel })
        {
            return;
        }

        var person = await users.ResolveAsync(delivery.Team, user, SlackUserDirectory.RequestBudget, cancellationToken);
        var line = SlackMentions.Translate(SlackMentions.WithoutLeadingMention(delivery.Event.Text));
        var context = new CommandContext(TenantScope.Slack(delivery.Team), Platform.Slack, channel, person)
        {
            DeliveryId = $"event:{delivery.EventId}",
            Mentions = line.Mentions,

            // Slow work (a war room, a backfill) answers here later; Core stores it with the command's answer.
            ReplyAddress = SlackReplyAddress.For(delivery.Tenant, channel, user, null).Write(),
            StartsWorkAfterAnswer = true,
        };
        var reply = await commands.ExecuteAsync(context, line.Text, cancellationToken);
        if (reply.Replayed)
        {
            return; // a retried delivery: answered the first time
        }

        var target = new SlackReplyTarget(delivery.Team, channel, user, null);
        var messages = SlackReplies.Render(reply);
        if (reply.Staged is null)
        {
            await queue.EnqueueAsync(new SlackAnswerWork(target, messages), cancellationToken);
            return;
        }

        // The slow work was stored with this answer and posts its own result when done: the answer that says it is
        // coming goes out first, then the work starts. Slack hears "OK" either way; the work is stored.
        try
        {
            await responder.SendAsync(target, messages, cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or SlackNotInstalledException or HttpRequestException)
        {
            LogNoticeFailed(logger, ex is SlackApiException api ? api.Error : ex.GetType().Name);
        }

        // Only now, so its result never arrives ahead of the notice.
        await commands.StartWorkAsync(reply, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not post the answer to a mention that started slow work ({Error}); its result follows regardless.")]
    private static partial void LogNoticeFailed(ILogger logger, string error);
}
