using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Slack.BlockKit;

/// <summary>
/// Renders Core's neutral card as Slack Block Kit and reads Slack's interaction payloads back into Core's terms.
/// </summary>
/// <remarks>
/// <para>All model text is treated as user input: it goes into <c>plain_text</c> objects as is (cleaned and cut to
/// length) or into <c>mrkdwn</c> objects escaped (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>) with <c>verbatim: true</c>,
/// so no mention, broadcast, date or link can come through the bot. Every string is cut to Slack's limit with an
/// ellipsis; long bodies are split into more blocks, and more than 50 blocks into more messages.</para>
/// <para>Ids. Message blocks get <c>b{position}.{type}.{stamp}</c>, where the stamp is a short hash of the message's
/// content, so a re-rendered message with different content gets new block ids (PROTOCOLS 1.9). Buttons get
/// <c>action_id</c> <c>b{index}.{verb}</c> (index in <see cref="Card.Buttons"/>, cut to 255) and carry the verb and data in
/// <c>value</c>; <see cref="ReadButton"/> reads the value, never the action id. In a modal an input's <c>block_id</c> is
/// the input's <see cref="InputElement.Id"/> unchanged and its <c>action_id</c> is <c>value</c> (<c>toggle</c> for a
/// toggle), so view_submission <c>errors</c> can be keyed by input id directly; other modal blocks get
/// <c>_b{position}.{type}</c>, which is why input ids must not start with an underscore.</para>
/// </remarks>
public static partial class BlockKitRenderer
{
    private const int MaxMessageBlocks = 50;
    private const int MaxModalBlocks = 100;
    private const int MaxBlockId = 255;
    private const int MaxTextLength = 3000;
    private const int MaxFieldLength = 2000;
    private const int MaxFieldsPerSection = 10;
    private const int MaxHeaderLength = 150;
    private const int MaxButtonsPerBlock = 25;
    private const int MaxButtonText = 75;
    private const int MaxButtonValue = 2000;
    private const int MaxOptionText = 75;
    private const int MaxOptionValue = 75;
    private const int MaxOptionsPerSelect = 100;
    private const int MaxOptionsPerGroup = 10;
    private const int MaxLabel = 2000;
    private const int MaxPlaceholder = 150;
    private const int MaxInputLength = 3000;
    private const int MaxConfirmTitle = 100;
    private const int MaxConfirmText = 300;
    private const int MaxConfirmButton = 30;
    private const int MaxModalText = 24;
    private const int MaxCallbackId = 255;
    /// <summary>Slack's limit on a modal's private_metadata.</summary>
    public const int MaxPrivateMetadata = 3000;
    private const int MaxFallback = 3000;

    private const string ValueActionId = "value";
    private const string ToggleActionId = "toggle";
    private const string ToggleOn = "true";
    private const string ToggleOff = "false";
    private const string ModalBlockPrefix = "_";
    private const string Continued = " (continued)";

    // The button value is never shown or parsed as HTML, so only what JSON itself needs is escaped; that keeps
    // non-Latin data within the 2000-character budget.
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    /// <summary>
    /// What an answered card turns into: one line, no buttons — "*subject*: action by person at time. follow-up". The
    /// subject, action and person are escaped; the time is Slack's date markup, so each reader sees it in their own time
    /// zone (the fallback text says UTC).
    /// </summary>
    public static JsonObject RenderReceipt(string subject, string action, string person, DateTimeOffset at, string followUp)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(followUp);
        var line = ReceiptLine(action, person, at);
        var title = Bold(subject, MaxTextLength / 2) ?? "*This card*";
        var text = $"{title}: {line.Mrkdwn} {SlackText.EscapeCut(followUp, MaxTextLength / 4, keepLineBreaks: false)}".TrimEnd();
        var fallback = SlackText.EscapeCut($"{SlackText.Clean(subject, keepLineBreaks: false).Trim()}: {line.Plain} {followUp}".TrimEnd(), MaxFallback, keepLineBreaks: false);
        return Message(fallback, [Section(text)]);
    }

    /// <summary>"action by person at time." in mrkdwn (the time in the reader's zone) and in plain text (UTC).</summary>
    private static (string Mrkdwn, string Plain) ReceiptLine(string action, string person, DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        // Slack draws {date_num} {time} in the reader's own zone; the fallback is the same moment in UTC, in the one format.
        var clock = TimeFormat.MomentWithZone(utc.UtcDateTime, TimeZoneInfo.Utc);
        var who = SlackText.EscapeCut(person, 80, keepLineBreaks: false);
        var what = SlackText.EscapeCut(action, 200, keepLineBreaks: false);
        return ($"{what} by {who} at <!date^{utc.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}^{{date_num}} {{time}}|{clock}>.", $"{what} by {person} at {clock}.");
    }

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

    /// <summary>
    /// Reads a view_submission's <c>view.state.values</c> into input id → value. Multiple selections are joined with ",",
    /// a toggle reads "true" or "false"; inputs left empty (Slack sends null) are absent.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadModalValues(JsonObject viewStateValues)
    {
        ArgumentNullException.ThrowIfNull(viewStateValues);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (blockId, node) in viewStateValues)
        {
            if (node is not JsonObject actions)
            {
                continue;
            }

            var ordered = actions.OrderBy(a => a.Key switch { ValueActionId => 0, ToggleActionId => 1, _ => 2 });
            foreach (var (actionId, state) in ordered)
            {
                if (state is JsonObject element && ReadElementState(actionId, element) is { } value)
                {
                    values[blockId] = value;
                    break;
                }
            }
        }

        return values;
    }

    /// <summary>
    /// mrkdwn escaping: &amp; → &amp;amp;, &lt; → &amp;lt;, &gt; → &amp;gt; (in that order). Control characters are removed, except
    /// that line breaks are kept (CR LF becomes LF) and a tab becomes a space; bidirectional override characters and broken
    /// surrogates are removed too.
    /// </summary>
    public static string EscapeMrkdwn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SlackText.Escape(SlackText.Clean(text, keepLineBreaks: true));
    }

    private sealed record RenderedBlock(JsonObject Block, bool IsInput);

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
                if (input.Value is { } picked && SlackPersonId().Match(picked) is { Success: true } person)
                {
                    element["initial_user"] = person.Groups["id"].Value;
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

    private static string? ReadElementState(string actionId, JsonObject state)
    {
        if (actionId == ToggleActionId)
        {
            return state["selected_options"] is JsonArray toggled
                ? toggled.Any(o => AsString(o?["value"]) == ToggleOn) ? ToggleOn : ToggleOff
                : null;
        }

        return AsString(state["type"]) switch
        {
            "static_select" or "radio_buttons" or "external_select" => AsString(state["selected_option"]?["value"]),
            "multi_static_select" or "checkboxes" or "multi_external_select" => Join(state["selected_options"], o => o?["value"]),
            "datepicker" => AsString(state["selected_date"]),
            "timepicker" => AsString(state["selected_time"]),
            // As a mention, so Core reads a picked person exactly like one typed in a command.
            "users_select" => AsString(state["selected_user"]) is { Length: > 0 } user ? $"<@{user}>" : null,
            "multi_users_select" => Join(state["selected_users"], u => u),
            "conversations_select" => AsString(state["selected_conversation"]),
            "channels_select" => AsString(state["selected_channel"]),
            _ => AsString(state["value"]),
        };
    }

    private static string? Join(JsonNode? node, Func<JsonNode?, JsonNode?> pick) =>
        node is JsonArray items ? string.Join(",", items.Select(i => AsString(pick(i))).OfType<string>()) : null;

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Truncate(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)];

    /// <summary><c>*text*</c> with the text escaped, on one line and trimmed (bold does not survive a line break or edge spaces); null when blank.</summary>
    private static string? Bold(string text, int maxLength) =>
        SlackText.EscapeCut(text, maxLength - 2, keepLineBreaks: false) is { Length: > 0 } escaped ? $"*{escaped}*" : null;

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(mrkdwn),
    };

    private static JsonObject Context(params JsonNode?[] elements) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(elements),
    };

    private static JsonObject Mrkdwn(string escaped) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = escaped,
        ["verbatim"] = true,
    };

    private static JsonObject PlainText(string text) => new()
    {
        ["type"] = "plain_text",
        ["text"] = text,
        ["emoji"] = false,
    };

    private static JsonObject Option(string title, string value) => new()
    {
        ["text"] = PlainText(SlackText.Plain(SlackInline.Plain(title), MaxOptionText, value)),
        ["value"] = value,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"^<@(?<id>[UW][A-Z0-9]+)(\|[^>]*)?>$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SlackPersonId();
}
