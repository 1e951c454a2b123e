using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Teams.Cards;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Teams.Activities;

/// <summary>
/// A <c>message</c> activity (PROTOCOLS 2.6), answered 200 at once with the reply posted afterwards: a command addressed
/// to the bot (an @mention of it, or anything in a 1:1 chat with it), the press of an <c>Action.Submit</c> button (the
/// fallback of our <c>Action.Execute</c> buttons on old clients), or any other channel message, which goes into the
/// timeline when the incident captures chat.
/// </summary>
public sealed class TeamsMessageHandler(CommandService commands, TimelineCapture capture, TeamsReplies replies, TimeProvider clock)
{
    public async Task<IResult> HandleAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        var (line, mentionsBot, mentions) = TeamsText.CommandLine(turn.Activity);
        var context = TeamsCommandContext.For(turn) with { Mentions = mentions, StartsWorkAfterAnswer = true };
        BotReply reply;
        if (TeamsCardData.Submitted(turn.Activity) is { } submitted)
        {
            reply = await commands.ExecuteActionAsync(context, submitted.Verb, submitted.Data, cancellationToken);
        }
        else if (turn.ConversationType == "personal" || mentionsBot)
        {
            reply = await commands.ExecuteAsync(context, line, cancellationToken);
        }
        else
        {
            await CaptureAsync(turn, context, line.Trim(), cancellationToken);
            return Results.Ok();
        }

        if (reply.Replayed)
        {
            return Results.Ok();
        }

        if (TeamsReplies.AnsweredByWork(reply))
        {
            await commands.StartWorkAsync(reply, cancellationToken);
        }
        else
        {
            // Work the reply announces (a history to read) starts once the reply is out, so its result comes after it.
            replies.Post(turn, TeamsMessages.From(reply), thenStartWork: reply.WorkToStart);
        }

        return Results.Ok();
    }

    /// <summary>
    /// A channel message not addressed to the bot (the bot sees these only with resource-specific consent): it goes into
    /// the timeline when the incident captures chat. Same key as "Add to timeline", so never twice.
    /// </summary>
    private async Task CaptureAsync(TeamsTurn turn, CommandContext context, string text, CancellationToken cancellationToken)
    {
        if (turn.ActivityId is not { } messageId || text.Length == 0)
        {
            return;
        }

        var postedAt = (turn.Activity.Timestamp ?? clock.GetUtcNow()).UtcDateTime;
        await capture.CaptureChatAsync(context.Scope, Platform.Teams, context.ChannelId, context.User, text, postedAt, TeamsKeys.Source(context.ChannelId, messageId), cancellationToken);
    }
}
