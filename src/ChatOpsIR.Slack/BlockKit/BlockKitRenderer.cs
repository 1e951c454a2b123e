using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.Slack.BlockKit;

/// <summary>
/// Renders Core's neutral card as Slack Block Kit. The renderer is one class in several files, by what it renders:
/// messages (<c>BlockKitMessages.cs</c>), the body they share with modals (<c>BlockKitBody.cs</c>), modals
/// (<c>BlockKitModals.cs</c>), buttons (<c>BlockKitButtons.cs</c>) and receipts (<c>BlockKitReceipts.cs</c>); this file
/// holds Slack's limits and the small block builders they share. Reading Slack's payloads back is
/// <see cref="Ingress.SlackPayloadReader"/>'s job.
/// </summary>
/// <remarks>
/// <para>All model text is treated as user input: it goes into <c>plain_text</c> objects as is (cleaned and cut to
/// length) or into <c>mrkdwn</c> objects escaped (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>) with <c>verbatim: true</c>,
/// so no mention, broadcast, date or link can come through the bot. Every string is cut to Slack's limit with an
/// ellipsis; long bodies are split into more blocks, and more than 50 blocks into more messages.</para>
/// <para>Ids. Message blocks get <c>b{position}.{type}.{stamp}</c>, where the stamp is a short hash of the message's
/// content, so a re-rendered message with different content gets new block ids (PROTOCOLS 1.9). Buttons get
/// <c>action_id</c> <c>b{index}.{verb}</c> (index in <see cref="Card.Buttons"/>, cut to 255) and carry the verb and data in
/// <c>value</c>; <see cref="Ingress.SlackPayloadReader.ReadButton"/> reads the value, never the action id. In a modal an
/// input's <c>block_id</c> is the input's <see cref="InputElement.Id"/> unchanged and its <c>action_id</c> is
/// <c>value</c> (<c>toggle</c> for a toggle), so view_submission <c>errors</c> can be keyed by input id directly; other
/// modal blocks get <c>_b{position}.{type}</c>, which is why input ids must not start with an underscore.</para>
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

    // The action ids and toggle values of modal inputs, which SlackPayloadReader reads back.
    internal const string ValueActionId = "value";
    internal const string ToggleActionId = "toggle";
    internal const string ToggleOn = "true";
    internal const string ToggleOff = "false";
    private const string ModalBlockPrefix = "_";
    private const string Continued = " (continued)";

    // The button value is never shown or parsed as HTML, so only what JSON itself needs is escaped; that keeps
    // non-Latin data within the 2000-character budget.
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
}
