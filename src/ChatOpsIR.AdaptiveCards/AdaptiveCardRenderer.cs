using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using static ChatOpsIR.AdaptiveCards.AdaptiveText;

namespace ChatOpsIR.AdaptiveCards;

/// <summary>
/// Renders Core's neutral card as an Adaptive Card (schema 1.5), the format Teams shows and the web war room
/// renders with Microsoft's own JavaScript renderer. User text goes into TextRuns, which are never parsed as
/// markdown; where a FactSet needs markdown-parsed text it is escaped.
/// </summary>
/// <remarks>
/// Core's inline markup (<see cref="InlineText"/>) becomes TextRuns of its own: code in <c>fontType: "Monospace"</c>,
/// emphasis <c>italic</c>. Where only a string fits (the title, fact titles and values, input labels, button titles,
/// <c>fallbackText</c>) the markers are dropped. Buttons after the first <see cref="CardButton.VisibleButtons"/> are
/// <c>mode: "secondary"</c>, which Teams and the JavaScript renderer show behind a "…" menu.
/// </remarks>
public static class AdaptiveCardRenderer
{
    public const string PeopleDataset = "graph.microsoft.com/users";

    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string SchemaVersion = "1.5";

    /// <summary>The card as an Adaptive Card; person inputs as <paramref name="person"/> says (a text field unless told otherwise).</summary>
    public static JsonObject Render(Card card, PersonInput person = PersonInput.Text)
    {
        var header = new JsonArray();
        if (card.Badge is { } badge)
        {
            header.Add(Rich(Run(InlineText.ToPlain(badge), weight: "Bolder", color: "Attention", size: "Small")));
        }

        header.Add(Rich(Run(InlineText.ToPlain(card.Title), weight: "Bolder", size: "Large")));
        if (card.Subtitle is { } subtitle)
        {
            header.Add(Rich(Runs(subtitle, subtle: true)));
        }

        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "Container",
                ["style"] = ContainerStyle(card.Tone),
                ["bleed"] = true,
                ["items"] = header,
            },
        };
        foreach (var element in card.Body)
        {
            foreach (var rendered in AdaptiveElements.Render(element, person))
            {
                body.Add(rendered);
            }
        }

        var root = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = SchemaVersion,
            ["fallbackText"] = InlineText.ToPlain(card.FallbackText),
            ["body"] = body,
        };
        if (card.Buttons.Count > 0)
        {
            root["actions"] = new JsonArray(card.Buttons.Select((button, index) => AdaptiveButtons.Render(button, secondary: index >= CardButton.VisibleButtons)).ToArray<JsonNode?>());
        }

        root["msteams"] = new JsonObject { ["width"] = "Full" };
        return root;
    }

    /// <summary>The card JSON budget per Teams message (PROTOCOLS 3.6): older clients refuse bigger messages.</summary>
    public const int MaxCardBytes = 28 * 1024;

    public const string TruncatedNotice = "This card was too long for Teams. The rest is in the web war room.";

    /// <summary>
    /// Renders a card for Teams (person inputs as its people picker) whose JSON stays within <paramref name="maxBytes"/>
    /// (UTF-8): when the whole card is larger, body elements are dropped from the end and a TextRun where they were says
    /// where the rest is. The header, the buttons, the inputs (a form without its fields cannot be answered) and the
    /// error lines stay.
    /// </summary>
    public static JsonObject RenderWithinLimit(Card card, int maxBytes = MaxCardBytes, PersonInput person = PersonInput.TeamsPeoplePicker)
    {
        var root = Render(card, person);
        if (Size(root) <= maxBytes)
        {
            return root;
        }

        var body = root["body"]!.AsArray();
        var notice = Rich(Run(TruncatedNotice, subtle: true, weight: "Bolder"), spacing: "Medium");
        var size = Size(root) + Size(notice) + 1;
        var at = body.Count;
        for (var i = body.Count - 1; i > 0 && size > maxBytes; i--)
        {
            if (MustStay(body[i]!))
            {
                continue;
            }

            size -= Size(body[i]!) + 1;
            body.RemoveAt(i);
            at = i;
        }

        body.Insert(at, notice);
        return root;
    }

    private static bool MustStay(JsonNode element) =>
        element["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal)
        || element["inlines"]?[0]?["color"]?.GetValue<string>() == "Attention";

    private static int Size(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());

    /// <summary>Backslash-escapes the markdown an Adaptive Card parses in FactSets and TextBlocks, breaks date functions and mentions, drops control characters.</summary>
    public static string EscapeMarkdown(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '-' or '+' or '.' or '!' or '`' or '~' or '>' or '|':
                    builder.Append('\\').Append(c);
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '{' when builder.Length > 0 && builder[^1] == '{':
                    builder.Append('\u200B').Append(c);
                    break;
                case '\n' or '\t':
                    builder.Append(' ');
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static string ContainerStyle(CardTone tone) => tone switch
    {
        CardTone.Good => "good",
        CardTone.Warning => "warning",
        CardTone.Attention => "attention",
        CardTone.Accent => "accent",
        _ => "emphasis",
    };
}
