using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.SlowWork;
using ChatOpsIR.Teams.Cards;
using ChatOpsIR.Teams.Protocol;

namespace ChatOpsIR.Teams.Activities;

/// <summary>
/// What a handler says in the turn's conversation after the activity was answered, queued in <see cref="TeamsOutbox"/>
/// at the turn's serviceUrl, so it goes out in order with everything else said there.
/// </summary>
/// <remarks>
/// Teams has no ephemeral messages for bots: a reply meant only for the caller (errors, help) is still posted in the
/// conversation, in the thread of the message that asked.
/// </remarks>
public sealed class TeamsReplies(TeamsOutbox outbox)
{
    /// <summary>
    /// True when the slow work a reply announces answers in the thread itself (the job posts a war room's pointer, or the
    /// incident it declared here), so the announcement is not posted.
    /// </summary>
    public static bool AnsweredByWork(BotReply reply) => reply.Staged is WorkKind.OpenWarRoom or WorkKind.DeclareHere;

    /// <summary>
    /// Posts to the turn's conversation; with <paramref name="inThread"/> it answers the activity (in a channel, in its
    /// thread). Stored work the message announces (<paramref name="thenStartWork"/>) starts once it is sent.
    /// </summary>
    public void Post(TeamsTurn turn, OutgoingActivity message, bool inThread = true, Guid? thenStartWork = null) =>
        outbox.Enqueue(new TeamsOutboxItem(turn.ServiceUrl, turn.ConversationId, inThread && turn.ActivityId is { } id ? message with { ReplyToId = id } : message)
        {
            ThenStartWork = thenStartWork,
        });

    /// <summary>
    /// Replaces the message a card button was pressed on (the invoke's replyToId) with <paramref name="card"/> for
    /// everyone in the conversation, before anything posted after it. Nothing happens when Teams did not say which message.
    /// </summary>
    public void Update(TeamsTurn turn, Card card)
    {
        if (turn.Activity.ReplyToId is { Length: > 0 } messageId)
        {
            outbox.Enqueue(new TeamsOutboxItem(turn.ServiceUrl, turn.ConversationId, TeamsMessages.WithCard(TeamsReceipts.FallbackText(card), card), messageId));
        }
    }
}
