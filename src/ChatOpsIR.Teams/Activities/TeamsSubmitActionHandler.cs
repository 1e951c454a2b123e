using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Teams.Graph;
using ChatOpsIR.Teams.Protocol;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Teams.Activities;

/// <summary>
/// <c>composeExtension/submitAction</c>: the "Add to timeline" dialog confirmed. The message goes into the open
/// incident's timeline (once: same key as live capture and backfill) and the conversation is told.
/// </summary>
public sealed class TeamsSubmitActionHandler(TimelineCapture capture, TeamsUserDirectory users, TeamsReplies replies, TimeProvider clock) : ITeamsInvokeHandler
{
    public string Name => TeamsInvokeNames.SubmitAction;

    public async Task<IResult> HandleAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        if (TimelineAddAction.Read(turn) is not { } value)
        {
            return TeamsInvokeResults.TaskMessage(TimelineAddAction.UnknownAction);
        }

        if (value.MessagePayload is not { Id: { Length: > 0 } messageId } payload)
        {
            return TeamsInvokeResults.TaskMessage("Teams did not send the message with the action, so there is nothing to add.");
        }

        // Teams sometimes leaves the author's name out; Graph knows it (within a time budget: the dialog waits on us).
        // The author comes as an Entra object id: the person live capture knows by their Teams id, when they have been seen.
        var (authorId, name) = payload.From?.User?.Id is { Length: > 0 } given
            ? await users.FindAuthorAsync(turn.TenantId, given, payload.From.User.DisplayName, cancellationToken)
            : ("teams-unknown", null);
        var author = new ChatUser(authorId, name ?? "Unknown author");
        var postedAt = (payload.CreatedDateTime ?? clock.GetUtcNow()).UtcDateTime;

        var channel = turn.ChannelKey;
        var result = await capture.CaptureAsync(TeamsCommandContext.For(turn), author, TimelineAddAction.Text(payload.Body), postedAt, TeamsKeys.Source(channel, messageId), cancellationToken);
        switch (result.Outcome)
        {
            case CaptureOutcome.Added:
                var by = turn.Activity.From?.Name is { Length: > 0 } who ? $" ({who} added it)" : string.Empty;
                replies.Post(turn, new OutgoingActivity($"Added {author.DisplayName}'s message from {TimeFormat.MomentWithZone(postedAt, turn.Zone)} to the {result.IncidentReference} timeline{by}."), inThread: false);

                // An empty object closes the dialog; the confirmation arrives as a post.
                return TeamsInvokeResults.TaskClosed();
            case CaptureOutcome.AlreadyThere:
                return TeamsInvokeResults.TaskMessage($"That message is already in the {result.IncidentReference} timeline.");
            case CaptureOutcome.Private:
                return TeamsInvokeResults.TaskMessage(IncidentLookup.PrivateChannel);
            default:
                return TeamsInvokeResults.TaskMessage(TimelineAddAction.NoIncident);
        }
    }
}
