using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Teams.Cards;
using ChatOpsIR.Teams.Protocol;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Teams.Activities;

/// <summary>
/// <c>adaptiveCard/action</c>: a card button (<c>Action.Execute</c>) pressed. Core runs the button; the answer is the
/// card the presser sees in its place, and what moved things on also changes the card for everyone and is posted.
/// </summary>
public sealed class TeamsCardActionHandler(CommandService commands, IIncidentStore store, TeamsReplies replies, TimeProvider clock) : ITeamsInvokeHandler
{
    public string Name => TeamsInvokeNames.CardAction;

    public async Task<IResult> HandleAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        var value = TeamsCardData.Read(turn.Activity.Value, TeamsJsonContext.Default.AdaptiveCardInvokeValue);
        if (value?.Action?.Verb is not { Length: > 0 } verb)
        {
            return TeamsInvokeResults.BadRequest("The card action has no verb.");
        }

        if (value.Trigger == "automatic")
        {
            // A card refresh: never a write. Our cards do not ask for refresh, so there is nothing newer to show.
            return TeamsInvokeResults.Message("The card is up to date.");
        }

        var context = TeamsCommandContext.For(turn);
        var data = TeamsCardData.Strings(value.Action.Data);
        var reply = await commands.ExecuteActionAsync(context, verb, data, cancellationToken);
        if (TeamsReplies.AnsweredByWork(reply))
        {
            // The pressed card stays; what the work does follows in the thread.
            return TeamsInvokeResults.Message(reply.Text);
        }

        if (reply.IsError)
        {
            // A form with mistakes comes back as the same card, the answers kept and the problems shown beside them.
            // Without such a form from Core, an error answer leaves the card the person typed into on screen.
            return reply is { FieldErrors.Count: > 0, Card: { } corrected } && corrected.Body.OfType<InputElement>().Any()
                ? TeamsInvokeResults.Card(corrected)
                : TeamsInvokeResults.BadRequest(InlineText.ToPlain(reply.Text));
        }

        // A press that moved things on changes the pressed card for everyone (a receipt, or the card without its one-shot
        // button), before the answer is posted below it; a retried invoke gets the same answer and changes nothing again.
        var replacement = await ReplacementAsync(verb, data, value.Action.Title, context, reply, cancellationToken);
        if (replacement is not null && !reply.Replayed)
        {
            replies.Update(turn, replacement);
        }

        if (reply.Audience == ReplyAudience.Channel && !reply.Replayed)
        {
            // The channel learns of the change by a post, once.
            replies.Post(turn, TeamsMessages.From(reply));
        }

        return (replacement ?? reply.Card) is { } card
            ? TeamsInvokeResults.Card(card)
            : TeamsInvokeResults.Message(InlineText.ToPlain(reply.Text));
    }

    /// <summary>What the pressed card becomes for everyone, or null when it stays as it is (see <see cref="TeamsReceipts"/>).</summary>
    private async Task<Card?> ReplacementAsync(string verb, IReadOnlyDictionary<string, string> data, string? buttonTitle, CommandContext context, BotReply reply, CancellationToken cancellationToken)
    {
        var person = context.User.DisplayName;
        var at = clock.GetUtcNow();
        if (TeamsReceipts.ForPress(verb, data, buttonTitle, reply, person, at) is { } receipt)
        {
            return receipt;
        }

        // A one-shot button whose answer is only a line (Mark contained): the incident card as it is now, without that button.
        if (verb == CardVerbs.RunCommand && reply.Card is null && Receipts.MovedOn(reply)
            && data.GetValueOrDefault(CardVerbs.CommandLineKey) is { Length: > 0 } line
            && await store.FindCurrentIncidentAsync(context.Scope, context.ChannelId, cancellationToken) is { } incident)
        {
            return TeamsReceipts.WithoutButton(IncidentCards.Summary(incident, incident.TimeZone), line, person, at, incident.TimeZone);
        }

        return null;
    }
}
