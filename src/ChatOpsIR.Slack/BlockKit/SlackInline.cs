using System.Text;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.Slack.BlockKit;

/// <summary>
/// Core text with its inline markup (<see cref="InlineText"/>) as mrkdwn: code as <c>`…`</c>, emphasis as <c>_…_</c>,
/// everything escaped (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>) inside and out, and cut to Slack's limits without splitting
/// an escape, a surrogate pair or a marker: a span cut in two is closed and opened again, so each piece is whole mrkdwn.
/// </summary>
internal static class SlackInline
{
    /// <summary>One written character: its mrkdwn (an escape is one unit), the run it belongs to, and whether a piece may break there.</summary>
    private readonly record struct Unit(string Text, InlineKind Kind, bool IsSpace, bool IsLineBreak);

    /// <summary>Plain text for a <c>plain_text</c> object or a notification: cleaned, markers dropped.</summary>
    public static string Plain(string? text) => InlineText.ToPlain(text ?? string.Empty);

    /// <summary>Cleans <paramref name="text"/> and writes it as mrkdwn of at most <paramref name="maxLength"/>, ending in an ellipsis when anything was dropped.</summary>
    public static string Mrkdwn(string text, int maxLength, bool keepLineBreaks)
    {
        var units = Units(SlackText.Clean(text, keepLineBreaks).Trim());
        var whole = Write(units, 0, units.Count);
        if (whole.Length <= maxLength)
        {
            return whole;
        }

        var end = Fit(units, 0, maxLength - SlackText.Ellipsis.Length);
        return Write(units, 0, end).TrimEnd() + SlackText.Ellipsis;
    }

    /// <summary>
    /// Cleans <paramref name="text"/> and writes it as mrkdwn in pieces of at most <paramref name="maxLength"/>, breaking at a
    /// line break (else a space) outside code and emphasis in the second half of a piece when there is one. Blank pieces are dropped.
    /// </summary>
    public static List<string> MrkdwnPieces(string text, int maxLength)
    {
        var units = Units(SlackText.Clean(text, keepLineBreaks: true));
        var pieces = new List<string>();
        var start = 0;
        while (start < units.Count)
        {
            var end = Fit(units, start, maxLength);
            if (end == start)
            {
                end = start + 1; // A single unit longer than a piece cannot happen with Slack's limits; never loop.
            }

            var next = end;
            if (end < units.Count)
            {
                var cut = BreakPoint(units, start + ((end - start) / 2), end);
                if (cut >= 0)
                {
                    end = cut;
                    next = cut + 1;
                }
            }

            if (Write(units, start, end).Trim() is { Length: > 0 } piece)
            {
                pieces.Add(piece);
            }

            start = next;
        }

        return pieces;
    }

    private static List<Unit> Units(string cleaned)
    {
        var units = new List<Unit>(cleaned.Length);
        foreach (var run in InlineText.Parse(cleaned))
        {
            var text = run.Kind == InlineKind.Plain ? run.Text : run.Text.Replace(InlineText.CodeMark, InlineText.BacktickStandIn);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var written = char.IsHighSurrogate(c) && i + 1 < text.Length ? text.Substring(i++, 2) : SlackText.Escape(c.ToString());
                var plain = run.Kind == InlineKind.Plain;
                units.Add(new Unit(written, run.Kind, plain && c == ' ', plain && c == '\n'));
            }
        }

        return units;
    }

    private static string Marker(InlineKind kind) => kind switch
    {
        InlineKind.Code => "`",
        InlineKind.Emphasis => "_",
        _ => string.Empty,
    };

    /// <summary>The mrkdwn of units [start, end): each stretch of code or emphasis between its markers.</summary>
    private static string Write(List<Unit> units, int start, int end)
    {
        var builder = new StringBuilder();
        var open = InlineKind.Plain;
        for (var i = start; i < end; i++)
        {
            if (units[i].Kind != open)
            {
                builder.Append(Marker(open)).Append(Marker(units[i].Kind));
                open = units[i].Kind;
            }

            builder.Append(units[i].Text);
        }

        return builder.Append(Marker(open)).ToString();
    }

    /// <summary>How far from <paramref name="start"/> units can go while their mrkdwn (closing marker included) stays within <paramref name="budget"/>.</summary>
    private static int Fit(List<Unit> units, int start, int budget)
    {
        var length = 0;
        var open = InlineKind.Plain;
        var i = start;
        for (; i < units.Count; i++)
        {
            var grown = length + units[i].Text.Length + (units[i].Kind != open ? Marker(open).Length + Marker(units[i].Kind).Length : 0);
            if (grown + Marker(units[i].Kind).Length > budget)
            {
                break;
            }

            length = grown;
            open = units[i].Kind;
        }

        return i;
    }

    /// <summary>The last line break in [notBefore, end), else the last space there, else -1.</summary>
    private static int BreakPoint(List<Unit> units, int notBefore, int end)
    {
        for (var i = end - 1; i >= notBefore; i--)
        {
            if (units[i].IsLineBreak)
            {
                return i;
            }
        }

        for (var i = end - 1; i >= notBefore; i--)
        {
            if (units[i].IsSpace)
            {
                return i;
            }
        }

        return -1;
    }
}
