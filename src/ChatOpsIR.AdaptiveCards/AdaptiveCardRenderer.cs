using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.AdaptiveCards;

/// <summary>How a person input (<see cref="InputKind.Person"/>) is rendered: the hosts differ.</summary>
public enum PersonInput
{
    /// <summary>A text field for a name or @name (the web war room, whose renderer has no directory to search).</summary>
    Text = 0,

    /// <summary>
    /// Teams' people picker: an Input.ChoiceSet whose choices come from the organisation's directory
    /// (<c>choices.data</c> of type Data.Query, dataset graph.microsoft.com/users); Teams submits the Entra object id of
    /// the person picked.
    /// </summary>
    TeamsPeoplePicker = 1,
}

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
            foreach (var rendered in RenderElement(element, person))
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
            root["actions"] = new JsonArray(card.Buttons.Select((button, index) => RenderButton(button, secondary: index >= CardButton.VisibleButtons)).ToArray<JsonNode?>());
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

    private static IEnumerable<JsonNode> RenderElement(CardElement element, PersonInput person) => element switch
    {
        TextElement text => [RenderText(text)],
        FactsElement facts => [new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray(facts.Facts.Select(f => (JsonNode)new JsonObject
            {
                ["title"] = EscapeMarkdown(InlineText.ToPlain(f.Title)),
                ["value"] = EscapeMarkdown(InlineText.ToPlain(f.Value)),
            }).ToArray<JsonNode?>()),
        }],
        ListElement list => RenderList(list),
        InputElement { Kind: InputKind.Person } input when person == PersonInput.TeamsPeoplePicker => [RenderPeoplePicker(input)],
        InputElement input => [RenderInput(input)],
        _ => [],
    };

    private static JsonNode RenderText(TextElement text) => text.Style switch
    {
        TextStyle.Heading => Rich(Runs(text.Text, weight: "Bolder", size: "Medium"), spacing: "Medium"),
        TextStyle.Subtle => Rich(Runs(text.Text, subtle: true, size: "Small")),
        TextStyle.Monospace => Rich(Run(text.Text, monospace: true)), // code as a whole, shown verbatim
        TextStyle.Error => Rich(Runs(text.Text, color: "Attention", weight: "Bolder")),
        _ => Rich(Runs(text.Text)),
    };

    private static IEnumerable<JsonNode> RenderList(ListElement list)
    {
        if (list.Items.Count == 0)
        {
            yield return Rich(Runs(list.EmptyText ?? "Nothing to show.", subtle: true));
            yield break;
        }

        foreach (var item in list.Items)
        {
            var text = new JsonArray { Rich(Runs(item.Text)) };
            if (item.Detail is { } detail)
            {
                text.Add(Rich(Runs(detail, subtle: true, size: "Small")));
            }

            var columns = new JsonArray();
            if (item.Label is { } label)
            {
                columns.Add(new JsonObject
                {
                    ["type"] = "Column",
                    ["width"] = "auto",
                    ["items"] = new JsonArray(Rich(Run(InlineText.ToPlain(label), monospace: true, subtle: true))),
                });
            }
            else
            {
                columns.Add(new JsonObject { ["type"] = "Column", ["width"] = "auto", ["items"] = new JsonArray(Rich(Run("•"))) });
            }

            columns.Add(new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = text });
            yield return new JsonObject { ["type"] = "ColumnSet", ["spacing"] = "Small", ["columns"] = columns };
        }
    }

    private static JsonNode RenderInput(InputElement input)
    {
        var label = InlineText.ToPlain(input.Label);
        var node = new JsonObject { ["id"] = input.Id, ["label"] = label };
        switch (input.Kind)
        {
            case InputKind.Text or InputKind.MultilineText or InputKind.Person:
                node["type"] = "Input.Text";
                node["isMultiline"] = input.Kind == InputKind.MultilineText;
                if (input.MaxLength is { } max)
                {
                    node["maxLength"] = max;
                }

                break;
            case InputKind.Date:
                node["type"] = "Input.Date";
                break;
            case InputKind.Toggle:
                node["type"] = "Input.Toggle";
                node["title"] = label;
                node["valueOn"] = "true";
                node["valueOff"] = "false";
                break;
            case InputKind.Choice or InputKind.MultiChoice:
                node["type"] = "Input.ChoiceSet";
                node["isMultiSelect"] = input.Kind == InputKind.MultiChoice;
                node["style"] = input.Choices.Count <= 4 ? "expanded" : "compact";
                node["choices"] = new JsonArray(input.Choices.Select(c => (JsonNode)new JsonObject { ["title"] = InlineText.ToPlain(c.Title), ["value"] = c.Value }).ToArray<JsonNode?>());
                break;
        }

        if (input.Placeholder is { } placeholder && input.Kind is InputKind.Text or InputKind.MultilineText or InputKind.Person)
        {
            node["placeholder"] = InlineText.ToPlain(placeholder);
        }

        if (input.Value is { } value)
        {
            node["value"] = value;
        }

        if (input.IsRequired)
        {
            node["isRequired"] = true;
            node["errorMessage"] = $"{InlineText.ToPlain(input.Label)} is required.";
        }

        return node;
    }

    /// <summary>
    /// Teams' people picker for one person. A value given (a form shown again with what was submitted) is kept only when
    /// it is an Entra object id, the only value the picker can show; a name typed elsewhere cannot be pre-selected.
    /// </summary>
    private static JsonNode RenderPeoplePicker(InputElement input)
    {
        var node = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = input.Id,
            ["label"] = InlineText.ToPlain(input.Label),
            ["choices"] = new JsonArray(),
            ["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = PeopleDataset },
            ["isMultiSelect"] = false,
            ["placeholder"] = "Search for a person",
        };
        if (input.Value is { } value && Guid.TryParse(value, out var objectId))
        {
            node["value"] = objectId.ToString("D");
        }

        if (input.IsRequired)
        {
            node["isRequired"] = true;
            node["errorMessage"] = $"{InlineText.ToPlain(input.Label)} is required.";
        }

        return node;
    }

    private static JsonNode RenderButton(CardButton button, bool secondary)
    {
        var action = RenderAction(button);
        if (secondary)
        {
            action["mode"] = "secondary";
        }

        return action;
    }

    private static JsonObject RenderAction(CardButton button)
    {
        var title = InlineText.ToPlain(button.Title);
        if (button.Url is { } url)
        {
            return new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };
        }

        var execute = Execute(title, button);
        if (button.Confirm is null)
        {
            return execute;
        }

        // Adaptive Cards have no confirmation dialog: the button opens a small card that asks first.
        // "Yes, resolve" where it fits a button; a longer title ("Publish version 2") stands as it is, so it is read whole.
        var yes = $"Yes, {title.ToLowerInvariant()}";
        execute["title"] = yes.Length <= CardButton.MaxTitleLength ? yes : title;
        return new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = title,
            ["card"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["body"] = new JsonArray(Rich(Runs(button.Confirm))),
                ["actions"] = new JsonArray(execute),
            },
        };
    }

    private static JsonObject Execute(string title, CardButton button)
    {
        var data = new JsonObject { ["verb"] = button.Verb };
        foreach (var (key, value) in button.Data)
        {
            data[key] = value;
        }

        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = button.Verb,
            ["data"] = data,
            ["associatedInputs"] = button.SubmitsInputs ? "auto" : "none",
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data.DeepClone(), ["associatedInputs"] = button.SubmitsInputs ? "auto" : "none" },
        };
        var style = button.Style switch { ButtonStyle.Primary => "positive", ButtonStyle.Danger => "destructive", _ => null };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }

    private static JsonObject Rich(JsonObject run, string? spacing = null) => Rich([run], spacing);

    private static JsonObject Rich(IReadOnlyList<JsonObject> runs, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(runs.ToArray<JsonNode?>()) };
        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    /// <summary>
    /// The TextRuns of Core text in one style: a run per piece of <see cref="InlineText"/>, code in the monospace font and
    /// emphasis in italics. TextRun text is never read as markdown, so nothing else needs escaping.
    /// </summary>
    private static List<JsonObject> Runs(string text, string? weight = null, string? color = null, string? size = null, bool subtle = false, bool monospace = false)
    {
        var runs = InlineText.Parse(text)
            .Select(r => Run(r.Text, weight, color, size, subtle, monospace || r.Kind == InlineKind.Code, italic: r.Kind == InlineKind.Emphasis))
            .ToList();
        return runs.Count > 0 ? runs : [Run(text, weight, color, size, subtle, monospace)];
    }

    private static JsonObject Run(string text, string? weight = null, string? color = null, string? size = null, bool subtle = false, bool monospace = false, bool italic = false)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = Clean(text) };
        if (weight is not null) run["weight"] = weight;
        if (color is not null) run["color"] = color;
        if (size is not null) run["size"] = size;
        if (subtle) run["isSubtle"] = true;
        if (monospace) run["fontType"] = "Monospace";
        if (italic) run["italic"] = true;
        return run;
    }

    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c is not '\n')
            ? new string(text.Where(c => !char.IsControl(c) || c == '\n').ToArray())
            : text;

    private static string ContainerStyle(CardTone tone) => tone switch
    {
        CardTone.Good => "good",
        CardTone.Warning => "warning",
        CardTone.Attention => "attention",
        CardTone.Accent => "accent",
        _ => "emphasis",
    };
}
