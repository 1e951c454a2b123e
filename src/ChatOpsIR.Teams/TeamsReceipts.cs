using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Teams;

/// <summary>
/// What a card in the conversation becomes once a button on it has been answered, so nobody answers an old card by
/// mistake (the wording follows the Slack adapter's receipts). Only an answer that went to the channel counts: a
/// refusal, field errors or a private answer change nothing, and the card stays as it was.
/// </summary>
/// <remarks>
/// Teams does not send the pressed card with the invoke, so a receipt is built from what the press was (its verb, data
/// and, when Teams sends it, the button's title) and what Core answered; a card that stays useful after a one-shot
/// button is rebuilt from the incident as it is now.
/// </remarks>
public static class TeamsReceipts
{
    public const string DeclareFormTitle = "Declare an incident";
    private const int MaxName = 80;

    /// <summary>
    /// A receipt in place of the whole card when the press moved a post-mortem on, or when its answer is a new card for
    /// the channel (which supersedes the pressed one); otherwise null.
    /// </summary>
    public static Card? ForPress(string verb, IReadOnlyDictionary<string, string> data, string? buttonTitle, BotReply reply, string person, DateTimeOffset at)
    {
        if (!Receipts.MovedOn(reply))
        {
            return null;
        }

        if (Receipts.ForPostMortem(verb, data) is { } postMortem)
        {
            return Render(postMortem, reply.Text, person, at);
        }

        if (reply.Card is not { } next)
        {
            return null;
        }

        if (verb == DeclareForm.SubmitVerb)
        {
            return Render(Receipts.ForCard(DeclareFormTitle, "answered"), reply.Text, person, at);
        }

        // A command button (Resolve on the incident card): the new card is the same incident's, so it names the pressed card too.
        var title = verb == CardVerbs.RunCommand ? next.Title : "This card";
        return Render(Receipts.ForCard(title, $"“{ButtonTitle(buttonTitle, data)}” pressed"), reply.Text, person, at);
    }

    /// <summary>
    /// For a one-shot command button on a card that stays useful (Mark contained on the incident card) whose answer is
    /// only a line for the channel: <paramref name="current"/> (the card as it would be posted now) without that
    /// button, with a line saying who pressed it and when. Null when the card has no such button.
    /// </summary>
    public static Card? WithoutButton(Card current, string commandLine, string person, DateTimeOffset at, TimeZoneInfo zone)
    {
        var pressed = current.Buttons.FirstOrDefault(b => b.Verb == CardVerbs.RunCommand && b.Data.GetValueOrDefault(CardVerbs.CommandLineKey) == commandLine);
        if (pressed is null)
        {
            return null;
        }

        return current with
        {
            // The card states its zone once already; the line's time is a bare moment in that zone.
            Body = [.. current.Body, new TextElement(Line($"“{pressed.Title}” pressed", person, TimeFormat.Moment(at.UtcDateTime, zone)), TextStyle.Subtle)],
            Buttons = current.Buttons.Where(b => !ReferenceEquals(b, pressed)).ToList(),
        };
    }

    /// <summary>The plain-text version of a receipt, for the activity's text beside the card.</summary>
    public static string FallbackText(Card card) =>
        card.Body.OfType<TextElement>().LastOrDefault() is { } last ? $"{card.Title}: {last.Text}" : card.Title;

    private static Card Render(Receipt receipt, string answer, string person, DateTimeOffset at) =>
        new(receipt.Title, [new TextElement(answer), new TextElement($"{Line(receipt.Done, person, TimeFormat.MomentWithZone(at.UtcDateTime, TimeZoneInfo.Utc))} {receipt.FollowUp}", TextStyle.Subtle)]) { Tone = CardTone.Good };

    /// <summary>"action by person at 2026-12-02 14:05 UTC." (the receipt's only time, with its zone) or a bare moment on a card that states its zone.</summary>
    private static string Line(string action, string person, string at)
    {
        var who = person.Length <= MaxName ? person : string.Concat(person.AsSpan(0, MaxName - 1), "…");
        return $"{action} by {who} at {at}.";
    }

    /// <summary>The pressed button's title when Teams sent it, else the command it ran ("resolve" → "Resolve").</summary>
    private static string ButtonTitle(string? sent, IReadOnlyDictionary<string, string> data)
    {
        var title = sent is { Length: > 0 } ? sent : data.GetValueOrDefault(CardVerbs.CommandLineKey) is { Length: > 0 } line ? line.Split(' ', 2)[0] : "The button";
        title = title.Length <= MaxName ? title : title[..MaxName];
        return char.ToUpperInvariant(title[0]) + title[1..];
    }
}
