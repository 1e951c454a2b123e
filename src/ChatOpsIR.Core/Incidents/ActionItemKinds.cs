using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.PostMortems;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// The kinds an action item can be given outside the post-mortem (`action A3 kind monitoring`), named with the words the
/// post-mortem's action-items section uses, so a kind set in either place reads the same in the other.
/// </summary>
public static class ActionItemKinds
{
    private static readonly Dictionary<string, ActionItemKind> ByWord = new(StringComparer.OrdinalIgnoreCase)
    {
        ["configuration"] = ActionItemKind.Configuration,
        ["policy"] = ActionItemKind.PolicyOrProcedure,
        ["monitoring"] = ActionItemKind.Monitoring,
        ["training"] = ActionItemKind.Training,
        ["awareness"] = ActionItemKind.Awareness,
        ["architecture"] = ActionItemKind.Architecture,
    };

    /// <summary>"configuration (Configuration change), policy (Policy or procedure), …" for answers that list the kinds.</summary>
    public static string Listing { get; } = string.Join(", ", PostMortemQuestions.ActionKinds.Select(c => $"`{c.Value}` ({c.Title})"));

    /// <summary>A kind's short word (`monitoring`) or its title as the post-mortem shows it (`Configuration change`).</summary>
    public static bool TryParse(string text, out ActionItemKind kind)
    {
        var word = text.Trim();
        if (ByWord.TryGetValue(word, out kind))
        {
            return true;
        }

        var titled = PostMortemQuestions.ActionKinds.FirstOrDefault(c => string.Equals(c.Title, word, StringComparison.OrdinalIgnoreCase));
        kind = titled is null ? ActionItemKind.Unspecified : ByWord[titled.Value];
        return titled is not null;
    }

    /// <summary>The answer to a kind that is not one.</summary>
    public static string Unknown(string text) => $"`{(text.Length > 40 ? text[..40] + "…" : text)}` is not a kind of action item. Use one of: {Listing}.";

    /// <summary>The form of `action A3 kind` with no kind: the kinds to pick from, the current one chosen.</summary>
    public static Card Form(ActionItem item)
    {
        var current = ByWord.FirstOrDefault(p => p.Value == item.Kind).Key;
        return new Card(
            $"Kind of {item.Reference}",
            [
                new TextElement(item.Title),
                new TextElement($"Now: {PostMortemCards.KindTitle(item.Kind)}.", TextStyle.Subtle),
                new InputElement(ReminderVerbs.KindInput, "Kind", InputKind.Choice) { IsRequired = true, Choices = PostMortemQuestions.ActionKinds, Value = current },
            ],
            [new CardButton("Save", ReminderVerbs.SaveKind, ReminderCards.Data(item)) { Style = ButtonStyle.Primary }]);
    }

    /// <summary>Sets the kind (its reach stays as the post-mortem left it) and says so.</summary>
    public static BotReply Set(ActionItem item, ActionItemKind kind, ChatUser by)
    {
        if (item.Kind == kind)
        {
            return BotReply.Private($"{item.Reference} is already of kind {PostMortemCards.KindTitle(kind)}.");
        }

        item.Classify(kind, item.Reach);
        return BotReply.ToChannel($"{item.Reference} is now of kind {PostMortemCards.KindTitle(kind)} (set by {by.DisplayName}): {item.Title}");
    }
}
