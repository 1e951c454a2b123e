using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.Slack.BlockKit;

/// <summary>
/// A card's buttons as Block Kit, and a pressed one read back. The first <see cref="CardButton.VisibleButtons"/> are buttons;
/// the rest go into one <c>overflow</c> menu ("…") at the end of the same actions block, whose options carry exactly the
/// value the button would have. Some stay buttons: a link or a button that asks for confirmation (an overflow has one
/// confirm dialog for all its options), one whose value is longer than an option may carry, a lone extra (an overflow
/// wants at least two options) and any beyond the menu's five options.
/// </summary>
public static partial class BlockKitRenderer
{
    private const int MaxOverflowOptions = 5;
    private const int MinOverflowOptions = 2;

    /// <summary>
    /// Slack's limit on an option's value as its reference states it now (docs.slack.dev, option object: 150); the older SDK
    /// types said 75, which select inputs still keep to (<see cref="MaxOptionValue"/>). Core's longest overflow value, a
    /// post-mortem "Keep" with its finding id, is about 110 characters; a longer one stays a button.
    /// </summary>
    private const int MaxOverflowValue = 150;

    private const string OverflowPrefix = "more.";

    /// <summary>
    /// A message as it was, without what was pressed — the button, or the chosen option of an overflow menu (an overflow
    /// left with one option turns into that button, an actions block left empty goes) — and with a line saying who pressed
    /// it and when: for a card that stays useful after one of its one-shot buttons was used.
    /// </summary>
    public static JsonObject RenderWithoutButton(string? fallback, JsonArray blocks, string pressedActionId, string action, string person, DateTimeOffset at, string? pressedValue = null)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(pressedActionId);
        var kept = new List<JsonObject>();
        foreach (var block in blocks.OfType<JsonObject>())
        {
            var copy = (JsonObject)block.DeepClone();
            if (AsString(copy["type"]) == "actions" && copy["elements"] is JsonArray elements)
            {
                foreach (var element in elements.OfType<JsonObject>().Where(e => AsString(e["action_id"]) == pressedActionId).ToList())
                {
                    var position = elements.IndexOf(element);
                    elements.RemoveAt(position);
                    if (AsString(element["type"]) == "overflow" && pressedValue is not null && WithoutOption(element, pressedValue) is { } rest)
                    {
                        elements.Insert(position, rest);
                    }
                }

                if (elements.Count == 0)
                {
                    continue;
                }
            }

            copy.Remove("block_id");
            kept.Add(copy);
        }

        var line = ReceiptLine(action, person, at);
        if (kept.Count < MaxMessageBlocks)
        {
            kept.Add(Context(Mrkdwn(line.Mrkdwn)));
        }

        // The fallback came back from Slack as it was posted, already escaped; only a missing one is made here.
        return Message(fallback is { Length: > 0 } posted ? SlackText.Cut(posted, MaxFallback) : SlackText.EscapeCut(line.Plain, MaxFallback, keepLineBreaks: false), kept);
    }

    /// <summary>
    /// Reads a block_actions action back into the verb and data its button was rendered with — from a button's
    /// <c>value</c> or an overflow option's <c>selected_option.value</c>, which are the same; null for anything else.
    /// </summary>
    public static (string Verb, IReadOnlyDictionary<string, string> Data)? ReadButton(JsonObject action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return PressedValue(action) is { } value ? ReadValue(value) : null;
    }

    /// <summary>The value a block_actions action carries: a button's <c>value</c>, an overflow's chosen option's; null for other elements.</summary>
    public static string? PressedValue(JsonObject action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return AsString(action["type"]) switch
        {
            null or "button" => AsString(action["value"]),
            "overflow" => AsString(action["selected_option"]?["value"]),
            _ => null,
        };
    }

    /// <summary>The title of what was pressed, as the person saw it: a button's text or the chosen overflow option's.</summary>
    public static string? PressedTitle(JsonObject action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return AsString(action["type"]) == "overflow" ? AsString(action["selected_option"]?["text"]?["text"]) : AsString(action["text"]?["text"]);
    }

    private static (string Verb, IReadOnlyDictionary<string, string> Data)? ReadValue(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? verb = null;
            var data = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                var text = property.Value.GetString()!;
                if (property.Name == "verb")
                {
                    if (verb is not null)
                    {
                        return null;
                    }

                    verb = text;
                }
                else if (!data.TryAdd(property.Name, text))
                {
                    return null;
                }
            }

            return string.IsNullOrEmpty(verb) ? null : (verb, data);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<JsonObject> ActionBlocks(IReadOnlyList<CardButton> buttons)
    {
        var elements = new List<JsonObject>();
        var extras = new List<(CardButton Button, int Index, string Value)>();
        for (var i = 0; i < buttons.Count; i++)
        {
            var button = buttons[i];
            var value = ButtonValue(button);
            if (i < CardButton.VisibleButtons || button.Url is not null || button.Confirm is not null || value.Length > MaxOverflowValue)
            {
                elements.Add(Button(button, i));
            }
            else
            {
                extras.Add((button, i, value));
            }
        }

        var menu = extras.Count >= MinOverflowOptions ? extras.Take(MaxOverflowOptions).ToList() : [];
        elements.AddRange(extras.Except(menu).Select(extra => Button(extra.Button, extra.Index)));
        if (menu.Count > 0)
        {
            elements.Add(new JsonObject
            {
                ["type"] = "overflow",
                ["action_id"] = $"{OverflowPrefix}{menu[0].Index}",
                ["options"] = new JsonArray(menu.Select(extra => (JsonNode)new JsonObject
                {
                    ["text"] = PlainText(SlackText.Plain(SlackInline.Plain(extra.Button.Title), MaxOptionText, "Open")),
                    ["value"] = extra.Value,
                }).ToArray()),
            });
        }

        return elements.Chunk(MaxButtonsPerBlock).Select(chunk => new JsonObject
        {
            ["type"] = "actions",
            ["elements"] = new JsonArray(chunk.ToArray<JsonNode?>()),
        }).ToList();
    }

    /// <summary>An overflow without the option of <paramref name="value"/>: still a menu with two or more left, the lone one as a button, else nothing.</summary>
    private static JsonObject? WithoutOption(JsonObject overflow, string value)
    {
        var options = (overflow["options"] as JsonArray)?.OfType<JsonObject>().Where(o => AsString(o["value"]) != value).ToList() ?? [];
        return options.Count switch
        {
            0 => null,
            1 => new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = $"{AsString(overflow["action_id"])}.last",
                ["text"] = options[0]["text"]!.DeepClone(),
                ["value"] = AsString(options[0]["value"]),
            },
            _ => new JsonObject
            {
                ["type"] = "overflow",
                ["action_id"] = AsString(overflow["action_id"]),
                ["options"] = new JsonArray(options.Select(o => o.DeepClone()).ToArray()),
            },
        };
    }

    private static JsonObject Button(CardButton button, int index)
    {
        var title = SlackText.Plain(SlackInline.Plain(button.Title), MaxButtonText, "Open");
        var node = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = Truncate($"b{index}.{SlackText.Clean(button.Verb, keepLineBreaks: false)}", MaxBlockId),
            ["text"] = PlainText(title),
            ["value"] = ButtonValue(button),
        };
        if (button.Url is { } url)
        {
            node["url"] = Truncate(url, 3000);
        }

        var style = button.Style switch { ButtonStyle.Primary => "primary", ButtonStyle.Danger => "danger", _ => null };
        if (style is not null)
        {
            node["style"] = style;
        }

        if (button.Confirm is { } question)
        {
            var confirm = new JsonObject
            {
                ["title"] = PlainText(SlackText.Plain(title, MaxConfirmTitle - 1, "").TrimEnd('?') is { Length: > 0 } asked ? asked + "?" : "Are you sure?"),
                ["text"] = PlainText(SlackText.Plain(SlackInline.Plain(question), MaxConfirmText, "Are you sure?")),
                ["confirm"] = PlainText(SlackText.Plain(title, MaxConfirmButton, "Yes")),
                ["deny"] = PlainText("Cancel"),
            };
            if (style is not null)
            {
                confirm["style"] = style;
            }

            node["confirm"] = confirm;
        }

        return node;
    }

    private static string ButtonValue(CardButton button)
    {
        if (string.IsNullOrEmpty(button.Verb))
        {
            throw new ArgumentException($"Button '{button.Title}' has no verb.", nameof(button));
        }

        var value = new JsonObject { ["verb"] = button.Verb };
        foreach (var (key, data) in button.Data)
        {
            if (key == "verb")
            {
                throw new ArgumentException($"Button '{button.Title}' uses the reserved data key 'verb'.", nameof(button));
            }

            value[key] = data;
        }

        var json = value.ToJsonString(CompactJson);
        return json.Length <= MaxButtonValue
            ? json
            : throw new ArgumentException(
                $"Button '{button.Verb}' carries {json.Length} characters of data; Slack allows {MaxButtonValue}. Keep button data to ids.", nameof(button));
    }
}
