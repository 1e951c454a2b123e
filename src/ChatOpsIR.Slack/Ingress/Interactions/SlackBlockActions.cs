using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Slack.Ingress.Interactions;

/// <summary>
/// A button (or an overflow menu's choice) pressed on one of our cards. A button that asks for answers opens them as a
/// modal while the trigger is fresh; any other runs through Core before Slack is answered. Afterwards the answered card
/// is replaced by its receipt, for everyone, and the answer follows through the press's response_url as new messages.
/// </summary>
public sealed class SlackBlockActions(CommandService commands, SlackForms forms, SlackBackgroundQueue queue, TimeProvider clock) : ISlackInteractionHandler
{
    public IReadOnlyCollection<string> PayloadTypes { get; } = [SlackInteractionTypes.BlockActions];

    public async Task<IResult> HandleAsync(SlackInteractionRequest request, CancellationToken cancellationToken)
    {
        var payload = request.Payload;
        if (payload is not { Actions: [var action, ..] } || (payload.Channel?.Id ?? payload.Container?.ChannelId) is not { } channel)
        {
            return Results.Ok();
        }

        if (SlackPayloadReader.ReadButton(action) is not { } pressed || pressed.Verb == CardVerbs.OpenUrl)
        {
            // A link button: Slack opened the page in the browser and only tells us it was pressed.
            return Results.Ok();
        }

        var context = new CommandContext(TenantScope.Slack(request.Team), Platform.Slack, channel, request.Person);
        var target = new SlackReplyTarget(request.Team, channel, request.Person.Id, payload.ResponseUrl);
        var original = new SlackOriginalMessage(request.Team, channel, payload.Container?.MessageTs ?? payload.Message?.Ts, payload.Container?.IsEphemeral == true, payload.ResponseUrl);

        // A button that asks for answers (a post-mortem section, a reason) opens them as a modal, while the trigger is fresh.
        if (payload.TriggerId is { Length: > 0 } trigger && await commands.FormForAsync(context, pressed.Verb, pressed.Data, cancellationToken) is { } asked)
        {
            if (await forms.OpenAsync(request.Team, asked, trigger, channel, original, cancellationToken) is not null && target.ResponseUrl is not null)
            {
                var retry = SlackReplies.Render(BotReply.Error("I could not open the form in time. Press the button again."));
                await queue.EnqueueAsync(new SlackAnswerWork(target, retry), cancellationToken);
            }

            return Results.Ok();
        }

        var reply = await commands.ExecuteActionAsync(context, pressed.Verb, pressed.Data, cancellationToken);
        var receipt = SlackReceipts.ForPress(pressed.Verb, pressed.Data, action, payload.Message, reply, request.Person.DisplayName, clock.GetUtcNow());

        // The answer comes as new messages (replace_original false): the pressed card changes only through its receipt.
        var messages = target.ResponseUrl is null ? [] : SlackReplies.Render(reply);
        foreach (var message in messages)
        {
            message["replace_original"] = false;
        }

        if (messages.Count > 0 || receipt is not null)
        {
            await queue.EnqueueAsync(new SlackAnswerWork(target, messages, receipt is null ? null : new SlackReceipt(original, receipt)), cancellationToken);
        }

        return Results.Ok();
    }
}
