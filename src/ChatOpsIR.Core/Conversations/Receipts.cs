using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.PostMortems;

namespace ChatOpsIR.Core.Conversations;

/// <summary>What a pressed card says once it has been answered, in the same words on every platform.</summary>
public sealed record Receipt(string Title, string Done, string FollowUp);

/// <summary>
/// When a card in a channel turns into a receipt, and what the receipt says. Platforms that can change a posted message
/// (Slack, Teams) replace the answered card with it, so nobody answers an old card by mistake. Only an answer that went to
/// the channel counts: a refusal, field errors or a private answer leave the card as it was.
/// </summary>
public static class Receipts
{
    public const string PostMortemContinues = "The post-mortem continues below.";
    public const string SummaryBelow = "The published summary is below.";
    public const string NewCardBelow = "The new card is below.";

    /// <summary>True when the answer changed something for everyone: it went to the channel and was not refused.</summary>
    public static bool MovedOn(BotReply reply) =>
        !reply.IsError && reply.FieldErrors is not { Count: > 0 } && reply.Audience == ReplyAudience.Channel;

    /// <summary>A post-mortem card is named by its section and what was done to it; null for other verbs.</summary>
    public static Receipt? ForPostMortem(string verb, IReadOnlyDictionary<string, string> data)
    {
        if (CardVerbs.FamilyOf(verb) != PostMortemVerbs.Family)
        {
            return null;
        }

        var section = PostMortemSections.TryParse(data.GetValueOrDefault(PostMortemVerbs.SectionKey), out var named) ? named.Title() : "This post-mortem card";
        var done = verb switch
        {
            PostMortemVerbs.Next => "marked done",
            PostMortemVerbs.Skip => "skipped",
            PostMortemVerbs.Keep => "wording kept",
            PostMortemVerbs.Reword => "reworded",
            PostMortemVerbs.Publish => "published",
            PostMortemVerbs.Open => "resumed",
            _ => "answered",
        };
        return new Receipt(section, done, verb == PostMortemVerbs.Publish ? SummaryBelow : PostMortemContinues);
    }

    /// <summary>Any other card whose answer is a new card for the channel: the new card supersedes it.</summary>
    public static Receipt ForCard(string title, string done) => new(title, done, NewCardBelow);
}
