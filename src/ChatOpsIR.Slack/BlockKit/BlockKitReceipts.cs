using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Slack.BlockKit;

/// <summary>What an answered card turns into: a one-line receipt, or the same message without the button that was pressed.</summary>
public static partial class BlockKitRenderer
{
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
}
