using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.Slack.BlockKit;

/// <summary>
/// A card's buttons as Block Kit (<see cref="Ingress.SlackPayloadReader.ReadButton"/> reads a pressed one back). The
/// first <see cref="CardButton.VisibleButtons"/> are buttons; the rest go into one <c>overflow</c> menu ("…") at the end
/// of the same actions block, whose options carry exactly the value the button would have. Some stay buttons: a link or
/// a button that asks for confirmation (an overflow has one confirm dialog for all its options), one whose value is
/// longer than an option may carry, a lone extra (an overflow wants at least two options) and any beyond the menu's five
/// options.
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
