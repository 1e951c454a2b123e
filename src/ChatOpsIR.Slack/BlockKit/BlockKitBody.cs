using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.Slack.BlockKit;

/// <summary>A card's title, badge and body as blocks: the part messages and modals share.</summary>
public static partial class BlockKitRenderer
{
    private sealed record RenderedBlock(JsonObject Block, bool IsInput);

    private static JsonObject Header(string title) => HeaderText(SlackText.Plain(SlackInline.Plain(title), MaxHeaderLength, "…"));

    private static JsonObject HeaderText(string text) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(text),
    };

    /// <summary>The badge (in bold) and subtitle under the title. Block Kit has no colours, so the tone shows only through this text.</summary>
    private static JsonObject? BadgeContext(Card card)
    {
        var elements = new List<JsonNode?>();
        if (Bold(SlackInline.Plain(card.Badge), MaxTextLength) is { } badge)
        {
            elements.Add(Mrkdwn(badge));
        }

        if (SlackInline.Mrkdwn(card.Subtitle ?? "", MaxTextLength, keepLineBreaks: true) is { Length: > 0 } subtitle)
        {
            elements.Add(Mrkdwn(subtitle));
        }

        return elements.Count == 0 ? null : Context(elements.ToArray());
    }

    private static IEnumerable<RenderedBlock> RenderBody(Card card, bool forModal)
    {
        var questions = new List<InputElement>();
        foreach (var element in card.Body)
        {
            if (element is InputElement input && !forModal)
            {
                questions.Add(input);
                continue;
            }

            if (questions.Count > 0)
            {
                foreach (var block in QuestionSections(questions, card.Buttons.Count > 0))
                {
                    yield return new(block, IsInput: false);
                }

                questions.Clear();
            }

            if (element is InputElement modalInput)
            {
                yield return InputBlock(modalInput);
                continue;
            }

            var blocks = element switch
            {
                TextElement text => TextBlocks(text),
                FactsElement facts => FactBlocks(facts),
                ListElement list => ListBlocks(list),
                _ => [],
            };
            foreach (var block in blocks)
            {
                yield return new(block, IsInput: false);
            }
        }

        foreach (var block in QuestionSections(questions, card.Buttons.Count > 0))
        {
            yield return new(block, IsInput: false);
        }
    }

    private static IEnumerable<JsonObject> TextBlocks(TextElement element)
    {
        const string warning = ":warning: ";
        switch (element.Style)
        {
            case TextStyle.Heading:
                return SlackInline.Mrkdwn(element.Text, MaxTextLength - 2, keepLineBreaks: false) is { Length: > 0 } heading ? [Section($"*{heading}*")] : [];
            case TextStyle.Subtle:
                return SlackInline.MrkdwnPieces(element.Text, MaxTextLength).Select(piece => Context(Mrkdwn(piece)));
            case TextStyle.Monospace:
                // Monospace text is code as a whole and shown verbatim: its backticks and underscores are content, not markup.
                var code = element.Text.Replace('`', SlackText.BacktickStandIn);
                return code.Contains('\n')
                    ? SlackText.EscapeInPieces(code, MaxTextLength - 6).Select(piece => Section($"```{piece}```"))
                    : SlackText.EscapeInPieces(code, MaxTextLength - 2).Select(piece => Section($"`{piece}`"));
            case TextStyle.Error:
                return SlackInline.MrkdwnPieces(element.Text, MaxTextLength - warning.Length).Select((piece, i) => Section(i == 0 ? warning + piece : piece));
            default:
                return SlackInline.MrkdwnPieces(element.Text, MaxTextLength).Select(Section);
        }
    }

    private static IEnumerable<JsonObject> FactBlocks(FactsElement element)
    {
        var fields = new List<JsonNode?>();
        foreach (var fact in element.Facts)
        {
            var title = Bold(SlackInline.Plain(fact.Title), MaxFieldLength / 4);
            var prefix = title is null ? "" : title + "\n";
            var value = SlackInline.Mrkdwn(fact.Value, MaxFieldLength - prefix.Length, keepLineBreaks: true);
            if (prefix.Length + value.Length > 0)
            {
                fields.Add(Mrkdwn(value.Length > 0 ? prefix + value : prefix + "–"));
            }
        }

        return fields.Chunk(MaxFieldsPerSection).Select(chunk => new JsonObject
        {
            ["type"] = "section",
            ["fields"] = new JsonArray(chunk),
        });
    }

    private static IEnumerable<JsonObject> ListBlocks(ListElement element)
    {
        if (element.Items.Count == 0)
        {
            return [Context(Mrkdwn(SlackInline.Mrkdwn(element.EmptyText ?? "", MaxTextLength, keepLineBreaks: true) is { Length: > 0 } empty ? empty : "Nothing to show."))];
        }

        var lines = element.Items.Select(item =>
        {
            var label = item.Label is null ? "" : SlackText.EscapeCut(SlackInline.Plain(item.Label).Replace('`', SlackText.BacktickStandIn), 150, keepLineBreaks: false);
            var prefix = label.Length > 0 ? $"`{label}` " : "• ";
            var detail = item.Detail is null ? "" : SlackText.EscapeCut(SlackInline.Plain(item.Detail), 1000, keepLineBreaks: false);
            var suffix = detail.Length > 0 ? $" _{detail}_" : "";
            return prefix + SlackInline.Mrkdwn(item.Text, MaxTextLength - prefix.Length - suffix.Length, keepLineBreaks: false) + suffix;
        });
        return PackLines(lines);
    }

    /// <summary>In a message the inputs cannot be answered in place: name the questions and point at the buttons.</summary>
    private static IEnumerable<JsonObject> QuestionSections(List<InputElement> questions, bool hasButtons)
    {
        if (questions.Count == 0)
        {
            return [];
        }

        var intro = hasButtons ? "*To answer, use a button below.* It asks:" : "*This card asks:*";
        var lines = questions.Select(q => "• " + SlackText.EscapeCut(SlackInline.Plain(q.Label), MaxTextLength - 20, keepLineBreaks: false) + (q.IsRequired ? " _(required)_" : ""));
        return PackLines(lines.Prepend(intro));
    }

    /// <summary>Joins lines into as few sections as fit (each line is already short enough for one section).</summary>
    private static IEnumerable<JsonObject> PackLines(IEnumerable<string> lines)
    {
        var current = new StringBuilder();
        foreach (var line in lines)
        {
            if (current.Length > 0 && current.Length + 1 + line.Length > MaxTextLength)
            {
                yield return Section(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append('\n');
            }

            current.Append(line);
        }

        if (current.Length > 0)
        {
            yield return Section(current.ToString());
        }
    }
}
