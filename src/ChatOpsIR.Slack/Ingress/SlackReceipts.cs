using System.Text.Json.Nodes;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Slack.BlockKit;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// What a card in the channel becomes once it has been answered, so nobody answers an old card by mistake. Only an
/// answer that went to the channel counts: a refusal, field errors or a private answer change nothing, and the card
/// stays as it was.
/// </summary>
public static class SlackReceipts
{
    public const string PostMortemContinues = "The post-mortem continues below.";
    public const string SummaryBelow = "The published summary is below.";
    public const string NewCardBelow = "The new card is below.";

    /// <summary>
    /// For a button pressed on a message: a receipt in place of the whole card when the answer is a new card for the
    /// channel (it supersedes this one); the same message without the pressed button when the answer is only a line for
    /// the channel (a one-shot button such as "Mark contained" on a card that stays useful); otherwise null.
    /// </summary>
    public static JsonObject? ForPress(string verb, IReadOnlyDictionary<string, string> data, JsonObject action, SlackMessage? message, BotReply reply, string person, DateTimeOffset at)
    {
        if (!MovedOn(reply))
        {
            return null;
        }

        var pressed = $"“{Text(action["text"]?["text"]) ?? "The button"}” pressed";
        if (reply.Card is not null)
        {
            return Receipt(verb, data, person, at, Header(message) ?? "This card", pressed);
        }

        return message?.Blocks is { } blocks && Text(action["action_id"]) is { } actionId
            ? BlockKitRenderer.RenderWithoutButton(message.Text, blocks, actionId, pressed, person, at)
            : null;
    }

    /// <summary>For a modal submitted from a card's button: a receipt in place of that card when the answer is a new card for the channel.</summary>
    public static JsonObject? ForSubmission(string verb, IReadOnlyDictionary<string, string> data, BotReply reply, string person, DateTimeOffset at) =>
        MovedOn(reply) && reply.Card is not null ? Receipt(verb, data, person, at, "This card", "answered") : null;

    /// <summary>True when the answer changed something for everyone: it went to the channel and was not refused.</summary>
    public static bool MovedOn(BotReply reply) =>
        !reply.IsError && reply.FieldErrors is not { Count: > 0 } && reply.Audience == ReplyAudience.Channel;

    /// <summary>A post-mortem card is named by its section and what was done to it; any other card by its title and <paramref name="done"/>.</summary>
    private static JsonObject Receipt(string verb, IReadOnlyDictionary<string, string> data, string person, DateTimeOffset at, string title, string done)
    {
        if (!PostMortemVerbs.Owns(verb))
        {
            return BlockKitRenderer.RenderReceipt(title, done, person, at, NewCardBelow);
        }

        var section = PostMortemSections.TryParse(data.GetValueOrDefault(PostMortemVerbs.SectionKey), out var named) ? named.Title() : "This post-mortem card";
        var action = verb switch
        {
            PostMortemVerbs.Answer => "answered",
            PostMortemVerbs.Next => "marked done",
            PostMortemVerbs.Skip => "skipped",
            PostMortemVerbs.Keep => "wording kept",
            PostMortemVerbs.Reword => "reworded",
            PostMortemVerbs.Publish => "published",
            PostMortemVerbs.Open => "resumed",
            _ => "answered",
        };
        return BlockKitRenderer.RenderReceipt(section, action, person, at, verb == PostMortemVerbs.Publish ? SummaryBelow : PostMortemContinues);
    }

    /// <summary>The card's title as Slack shows it: the text of the message's first header block.</summary>
    private static string? Header(SlackMessage? message) =>
        Text(message?.Blocks?.OfType<JsonObject>().FirstOrDefault(b => Text(b["type"]) == "header")?["text"]?["text"]);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
