using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.Slack.BlockKit;

/// <summary>Cards and plain text as message payloads (chat.postMessage, chat.update, response_url), with their block ids.</summary>
public static partial class BlockKitRenderer
{
    /// <summary>
    /// Message payloads for chat.postMessage / chat.update / response_url: each <c>{"text", "blocks", "unfurl_links": false,
    /// "unfurl_media": false}</c>. Usually one; more when the card needs more than 50 blocks, each later one starting with the
    /// title marked "(continued)" and the last one carrying the buttons.
    /// </summary>
    public static IReadOnlyList<JsonObject> RenderMessages(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var body = RenderBody(card, forModal: false).Select(b => b.Block).ToList();
        var actions = ActionBlocks(card.Buttons);
        var lead = LeadBlocks(card);
        if (lead.Count + body.Count + actions.Count == 0)
        {
            body.Add(Section(SlackInline.Mrkdwn(card.FallbackText, MaxTextLength, keepLineBreaks: true) is { Length: > 0 } text ? text : "(empty card)"));
        }

        var pages = new List<List<JsonObject>> { lead };
        var queue = body.Concat(actions).ToList();
        for (var i = 0; i < queue.Count; i++)
        {
            var page = pages[^1];
            var actionsWouldStraddle = i == body.Count && page.Count + actions.Count > MaxMessageBlocks
                && ContinuedLead(card).Count + actions.Count <= MaxMessageBlocks;
            if (page.Count >= MaxMessageBlocks || actionsWouldStraddle)
            {
                pages.Add(ContinuedLead(card));
            }

            pages[^1].Add(queue[i]);
        }

        var plainFallback = SlackInline.Plain(card.FallbackText);
        var fallback = SlackText.EscapeCut(plainFallback, MaxFallback, keepLineBreaks: false);
        var continuedFallback = SlackText.EscapeCut(plainFallback, MaxFallback - Continued.Length, keepLineBreaks: false) + Continued;
        return pages
            .Where(page => page.Count > 0)
            .Select((page, index) => Message(index == 0 ? fallback : continuedFallback, page))
            .ToList();
    }

    /// <summary>A plain-text-only reply: one message payload with the escaped text in sections and as the fallback.</summary>
    public static JsonObject RenderText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = SlackInline.MrkdwnPieces(text, MaxTextLength);
        if (pieces.Count == 0)
        {
            pieces.Add("(empty reply)");
        }

        var blocks = pieces.Take(MaxMessageBlocks).Select(Section).ToList();
        if (pieces.Count > MaxMessageBlocks)
        {
            blocks[^1] = Section("_… the rest is too long for one Slack message._");
        }

        var fallback = SlackText.EscapeCut(SlackInline.Plain(text), MaxFallback, keepLineBreaks: false);
        return Message(fallback.Length > 0 ? fallback : pieces[0], blocks);
    }

    private static JsonObject Message(string fallback, List<JsonObject> blocks)
    {
        var stamp = Stamp(blocks);
        for (var i = 0; i < blocks.Count; i++)
        {
            blocks[i]["block_id"] = $"b{i}.{blocks[i]["type"]}.{stamp}";
        }

        return new JsonObject
        {
            ["text"] = fallback.Length > 0 ? fallback : "(empty card)",
            ["blocks"] = new JsonArray(blocks.ToArray<JsonNode?>()),
            ["unfurl_links"] = false,
            ["unfurl_media"] = false,
        };
    }

    /// <summary>Eight hex digits of a hash of the blocks, so new content gets new block ids.</summary>
    private static string Stamp(List<JsonObject> blocks)
    {
        var json = string.Concat(blocks.Select(b => b.ToJsonString()));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)), 0, 4);
    }

    private static List<JsonObject> LeadBlocks(Card card)
    {
        var lead = new List<JsonObject>();
        if (!string.IsNullOrWhiteSpace(SlackText.Clean(card.Title, keepLineBreaks: false)))
        {
            lead.Add(Header(card.Title));
        }

        if (BadgeContext(card) is { } context)
        {
            lead.Add(context);
        }

        return lead;
    }

    private static List<JsonObject> ContinuedLead(Card card) =>
        string.IsNullOrWhiteSpace(SlackText.Clean(card.Title, keepLineBreaks: false))
            ? []
            : [HeaderText(SlackText.Plain(SlackInline.Plain(card.Title), MaxHeaderLength - Continued.Length, "") + Continued)];
}
