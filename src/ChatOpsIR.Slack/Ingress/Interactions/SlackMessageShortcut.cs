using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Slack.Api;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Slack.Ingress.Interactions;

/// <summary>
/// The "Add to timeline" message shortcut: the message is copied into the timeline with its author and time before
/// Slack is answered; the confirmation follows through the response_url. "Add as evidence", the other message shortcut,
/// goes to <see cref="SlackEvidenceShortcut"/>.
/// </summary>
public sealed class SlackMessageShortcut(SlackUserDirectory users, SlackTimeline timeline, SlackBackgroundQueue queue, SlackEvidenceShortcut evidence) : ISlackInteractionHandler
{
    /// <summary>The shortcut's callback_id, as in the manifest.</summary>
    public const string CallbackId = "timeline.add";

    public IReadOnlyCollection<string> PayloadTypes { get; } = [SlackInteractionTypes.MessageAction];

    public async Task<IResult> HandleAsync(SlackInteractionRequest request, CancellationToken cancellationToken)
    {
        if (request.Payload.CallbackId == SlackEvidenceShortcut.CallbackId)
        {
            return await evidence.HandleAsync(request, cancellationToken);
        }

        if (request.Payload is not { CallbackId: CallbackId, Channel.Id: { } channel, Message: { Ts: { } ts } message } payload)
        {
            return Results.Ok();
        }

        var authorId = message.User ?? message.BotId ?? "unknown";
        var author = message.User is null
            ? new ChatUser(authorId, authorId)
            : await users.ResolveAsync(request.Team, authorId, SlackUserDirectory.RequestBudget, cancellationToken);
        var outcome = await timeline.CaptureAsync(request.Team, channel, request.Person, author, message.Text, ts, cancellationToken);
        if (payload.ResponseUrl is { } responseUrl)
        {
            var target = new SlackReplyTarget(request.Team, channel, request.Person.Id, responseUrl);
            await queue.EnqueueAsync(new SlackAnswerWork(target, SlackReplies.Render(TimelineCapture.Describe(outcome))), cancellationToken);
        }

        return Results.Ok();
    }
}
