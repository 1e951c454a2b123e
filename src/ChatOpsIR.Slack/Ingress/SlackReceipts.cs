using System.Text.Json.Nodes;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Slack.BlockKit;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// What a card in the channel becomes once it has been answered, so nobody answers an old card by mistake. Only an
/// answer that went to the channel counts: a refusal, field errors or a private answer change nothing, and the card
/// stays as it was.
/// </summary>
public static class SlackReceipts
{
    /// <summary>
    /// For a button pressed on a message: a receipt in place of the whole card when the answer is a new card for the
    /// channel (it supersedes this one); the same message without the pressed button when the answer is only a line for
    /// the channel (a one-shot button such as "Mark contained" on a card that stays useful); otherwise null.
    /// </summary>
    public static JsonObject? ForPress(string verb, IReadOnlyDictionary<string, string> data, JsonObject action, SlackMessage? message, BotReply reply, string person, DateTimeOffset at)
    {
        if (!Receipts.MovedOn(reply))
        {
            return null;
        }

        var pressed = $"“{SlackPayloadReader.PressedTitle(action) ?? "The button"}” pressed";
        if (reply.Card is not null)
        {
            return Render(Receipts.ForPostMortem(verb, data) ?? Receipts.ForCard(Header(message) ?? "This card", pressed), person, at);
        }

        return message?.Blocks is { } blocks && Text(action["action_id"]) is { } actionId
            ? BlockKitRenderer.RenderWithoutButton(message.Text, blocks, actionId, pressed, person, at, SlackPayloadReader.PressedValue(action))
            : null;
    }

    /// <summary>For a modal submitted from a card's button: a receipt in place of that card when the answer is a new card for the channel.</summary>
    public static JsonObject? ForSubmission(string verb, IReadOnlyDictionary<string, string> data, BotReply reply, string person, DateTimeOffset at) =>
        Receipts.MovedOn(reply) && reply.Card is not null ? Render(Receipts.ForPostMortem(verb, data) ?? Receipts.ForCard("This card", "answered"), person, at) : null;

    private static JsonObject Render(Receipt receipt, string person, DateTimeOffset at) =>
        BlockKitRenderer.RenderReceipt(receipt.Title, receipt.Done, person, at, receipt.FollowUp);

    /// <summary>The card's title as Slack shows it: the text of the message's first header block.</summary>
    private static string? Header(SlackMessage? message) =>
        Text(message?.Blocks?.OfType<JsonObject>().FirstOrDefault(b => Text(b["type"]) == "header")?["text"]?["text"]);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
