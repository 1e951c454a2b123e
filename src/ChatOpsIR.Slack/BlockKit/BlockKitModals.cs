using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Slack.Ingress;

namespace ChatOpsIR.Slack.BlockKit;

/// <summary>A card with inputs as a modal view: real input blocks whose ids are the inputs' ids.</summary>
public static partial class BlockKitRenderer
{
    /// <summary>
    /// A modal view for a card with inputs. Inputs become real input blocks; the card's buttons are not shown, the primary
    /// (else first) button's title becomes the submit label. The caller routes the submission by <paramref name="callbackId"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The callback id or private metadata is too long, or an input id is unusable.</exception>
    public static JsonObject RenderModal(Card card, string callbackId, string privateMetadata)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(callbackId);
        ArgumentNullException.ThrowIfNull(privateMetadata);
        if (callbackId.Length > MaxCallbackId)
        {
            throw new ArgumentException($"A modal callback_id is at most {MaxCallbackId} characters.", nameof(callbackId));
        }

        if (privateMetadata.Length > MaxPrivateMetadata)
        {
            throw new ArgumentException($"private_metadata is at most {MaxPrivateMetadata} characters; keep an id there and look the rest up.", nameof(privateMetadata));
        }

        var title = SlackText.Plain(SlackInline.Plain(card.Title), MaxModalText, "Form");
        var blocks = new List<RenderedBlock>();
        if (SlackText.Clean(SlackInline.Plain(card.Title), keepLineBreaks: false).Trim().Length > MaxModalText)
        {
            blocks.Add(new(Header(card.Title), IsInput: false));
        }

        if (BadgeContext(card) is { } context)
        {
            blocks.Add(new(context, IsInput: false));
        }

        blocks.AddRange(RenderBody(card, forModal: true));
        CheckInputIds(blocks);
        var fitted = FitModal(blocks);
        if (fitted.Count == 0)
        {
            fitted.Add(Context(Mrkdwn(SlackInline.Mrkdwn(card.FallbackText, MaxTextLength, keepLineBreaks: true) is { Length: > 0 } text ? text : "(empty form)")));
        }

        for (var i = 0; i < fitted.Count; i++)
        {
            fitted[i]["block_id"] ??= $"{ModalBlockPrefix}b{i}.{fitted[i]["type"]}";
        }

        var submitButton = card.Buttons.FirstOrDefault(b => b.Style == ButtonStyle.Primary) ?? card.Buttons.FirstOrDefault();
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["private_metadata"] = privateMetadata,
            ["title"] = PlainText(title),
            ["submit"] = PlainText(SlackText.Plain(SlackInline.Plain(submitButton?.Title), MaxModalText, "Submit")),
            ["close"] = PlainText("Cancel"),
            ["blocks"] = new JsonArray(fitted.ToArray<JsonNode?>()),
        };
    }

    private static RenderedBlock InputBlock(InputElement input)
    {
        var label = SlackText.Plain(SlackInline.Plain(input.Label), MaxLabel, "Answer");
        JsonObject element;
        switch (input.Kind)
        {
            case InputKind.Date:
                element = new JsonObject { ["type"] = "datepicker", ["action_id"] = ValueActionId };
                if (DateOnly.TryParseExact(input.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    element["initial_date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }

                break;
            case InputKind.Toggle:
                var on = Option("Yes", ToggleOn);
                element = new JsonObject { ["type"] = "checkboxes", ["action_id"] = ToggleActionId, ["options"] = new JsonArray(on) };
                if (string.Equals(input.Value, ToggleOn, StringComparison.OrdinalIgnoreCase))
                {
                    element["initial_options"] = new JsonArray(on.DeepClone());
                }

                break;
            case InputKind.Person:
                element = new JsonObject { ["type"] = "users_select", ["action_id"] = ValueActionId };
                if (SlackMentions.PickedUserId(input.Value) is { } picked)
                {
                    element["initial_user"] = picked;
                }

                break;
            case InputKind.Choice or InputKind.MultiChoice:
                if (input.Choices.Count == 0)
                {
                    return new(Context(Mrkdwn($"*{SlackText.EscapeCut(label, MaxTextLength - 40, keepLineBreaks: false)}*: nothing to choose from yet.")), IsInput: false);
                }

                element = ChoiceElement(input);
                break;
            default:
                var maxLength = input.MaxLength is int max && max > 0 ? Math.Min(max, MaxInputLength) : MaxInputLength;
                element = new JsonObject
                {
                    ["type"] = "plain_text_input",
                    ["action_id"] = ValueActionId,
                    ["multiline"] = input.Kind == InputKind.MultilineText,
                    ["max_length"] = maxLength,
                };
                if (input.Value is { } value && SlackText.Clean(value, input.Kind == InputKind.MultilineText) is { Length: > 0 } initial)
                {
                    element["initial_value"] = SlackText.Cut(initial, maxLength);
                }

                break;
        }

        var takesPlaceholder = AsString(element["type"]) is "plain_text_input" or "datepicker" or "static_select" or "multi_static_select" or "users_select";
        if (takesPlaceholder && SlackText.Plain(SlackInline.Plain(input.Placeholder), MaxPlaceholder, "") is { Length: > 0 } placeholder)
        {
            element["placeholder"] = PlainText(placeholder);
        }

        var block = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = input.Id,
            ["label"] = PlainText(label),
            ["optional"] = !input.IsRequired,
            ["element"] = element,
        };
        return new(block, IsInput: true);
    }

    private static JsonObject ChoiceElement(InputElement input)
    {
        var multi = input.Kind == InputKind.MultiChoice;
        foreach (var choice in input.Choices)
        {
            if (string.IsNullOrEmpty(choice.Value) || choice.Value.Length > MaxOptionValue || (multi && choice.Value.Contains(',')))
            {
                throw new ArgumentException(
                    $"Choice values of input '{input.Id}' must be 1–{MaxOptionValue} characters{(multi ? " without commas" : "")}; '{choice.Value}' is not.", nameof(input));
            }
        }

        var options = input.Choices.DistinctBy(c => c.Value).Select(c => Option(c.Title, c.Value)).ToList();
        var chosen = multi ? (input.Value ?? "").Split(',') : [input.Value ?? ""];
        var initial = options.Where(o => chosen.Contains((string)o["value"]!)).ToList();
        var small = options.Count <= MaxOptionsPerGroup;
        var element = new JsonObject
        {
            ["type"] = (small, multi) switch
            {
                (true, true) => "checkboxes",
                (true, false) => "radio_buttons",
                (false, true) => "multi_static_select",
                (false, false) => "static_select",
            },
            ["action_id"] = ValueActionId,
        };
        if (options.Count <= MaxOptionsPerSelect)
        {
            element["options"] = new JsonArray(options.ToArray<JsonNode?>());
        }
        else if (options.Count <= MaxOptionsPerSelect * MaxOptionsPerSelect)
        {
            element["option_groups"] = new JsonArray(options.Chunk(MaxOptionsPerSelect).Select((group, i) => (JsonNode)new JsonObject
            {
                ["label"] = PlainText($"{(i * MaxOptionsPerSelect) + 1}–{(i * MaxOptionsPerSelect) + group.Length}"),
                ["options"] = new JsonArray(group.ToArray<JsonNode?>()),
            }).ToArray<JsonNode?>());
        }
        else
        {
            throw new ArgumentException($"Input '{input.Id}' has more choices than Slack can show ({MaxOptionsPerSelect * MaxOptionsPerSelect}).", nameof(input));
        }

        if (multi && initial.Count > 0)
        {
            element["initial_options"] = new JsonArray(initial.Select(o => o.DeepClone()).ToArray());
        }
        else if (!multi && initial.Count == 1)
        {
            element["initial_option"] = initial[0].DeepClone();
        }

        return element;
    }

    private static void CheckInputIds(List<RenderedBlock> blocks)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks.Where(b => b.IsInput))
        {
            var id = (string)block.Block["block_id"]!;
            if (id.Length is 0 or > MaxBlockId || id.StartsWith(ModalBlockPrefix, StringComparison.Ordinal) || !seen.Add(id))
            {
                throw new ArgumentException(
                    $"Input id '{id}' cannot be a Slack block_id: ids must be 1–{MaxBlockId} characters, unique, and not start with '{ModalBlockPrefix}'.", "card");
            }
        }
    }

    /// <summary>Keeps every input and as much of the rest as fits in a modal, noting when something was left out.</summary>
    private static List<JsonObject> FitModal(List<RenderedBlock> blocks)
    {
        if (blocks.Count <= MaxModalBlocks)
        {
            return blocks.Select(b => b.Block).ToList();
        }

        var inputs = blocks.Count(b => b.IsInput);
        if (inputs > MaxModalBlocks - 1)
        {
            throw new ArgumentException($"A Slack modal holds at most {MaxModalBlocks} blocks; this card has {inputs} inputs.", "card");
        }

        var room = MaxModalBlocks - 1 - inputs;
        var kept = new List<JsonObject>();
        foreach (var block in blocks)
        {
            if (block.IsInput || room-- > 0)
            {
                kept.Add(block.Block);
            }
        }

        kept.Add(Context(Mrkdwn("Some of this card does not fit in a Slack form and is not shown.")));
        return kept;
    }
}
