using System.Text;

namespace ChatOpsIR.Slack.BlockKit;

/// <summary>
/// Text handling for Block Kit: cleaning user text, mrkdwn escaping, and cutting to Slack's length limits
/// without ever splitting an escape sequence (<c>&amp;amp;</c>) or a surrogate pair. Lengths are counted in
/// UTF-16 code units, which is never fewer than the characters Slack counts.
/// </summary>
internal static class SlackText
{
    public const string Ellipsis = "…";

    /// <summary>Stands in for a backtick inside a code span, where a real one would end the span early.</summary>
    public const char BacktickStandIn = 'ˋ';

    /// <summary>
    /// Drops control characters (keeping line breaks when asked, otherwise turning them into spaces), bidirectional
    /// override characters that can make text read differently from what it says, and broken surrogates.
    /// </summary>
    public static string Clean(string text, bool keepLineBreaks)
    {
        if (IsClean(text, keepLineBreaks))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                builder.Append(keepLineBreaks ? '\n' : ' ');
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c) && !IsBidiControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Plain text for a <c>plain_text</c> object: one line, trimmed, at most <paramref name="maxLength"/> long, never empty.</summary>
    public static string Plain(string? text, int maxLength, string whenBlank)
    {
        var cleaned = Clean(text ?? "", keepLineBreaks: false).Trim();
        return cleaned.Length == 0 ? whenBlank : Cut(cleaned, maxLength, escape: false);
    }

    /// <summary>Escapes cleaned text for mrkdwn: &amp; first, then &lt; and &gt;.</summary>
    public static string Escape(string cleaned)
    {
        var builder = new StringBuilder(cleaned.Length + 16);
        foreach (var c in cleaned)
        {
            if (Entity(c) is { } entity)
            {
                builder.Append(entity);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Cleans and escapes <paramref name="text"/> for mrkdwn, cutting it with an ellipsis to at most <paramref name="maxLength"/>.</summary>
    public static string EscapeCut(string text, int maxLength, bool keepLineBreaks) =>
        Cut(Clean(text, keepLineBreaks).Trim(), maxLength, escape: true);

    /// <summary>
    /// Cleans and escapes <paramref name="text"/> for mrkdwn in pieces of at most <paramref name="maxLength"/>, breaking at a
    /// line break or space in the second half of a piece when there is one. Blank pieces are dropped.
    /// </summary>
    public static List<string> EscapeInPieces(string text, int maxLength)
    {
        var cleaned = Clean(text, keepLineBreaks: true);
        var pieces = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < cleaned.Length; i++)
        {
            if (current.Length + UnitLength(cleaned, i, escape: true) > maxLength)
            {
                var cut = BreakPoint(current, maxLength / 2);
                if (cut < 0)
                {
                    AddPiece(pieces, current.ToString());
                    current.Clear();
                }
                else
                {
                    AddPiece(pieces, current.ToString(0, cut));
                    current.Remove(0, cut + 1);
                }
            }

            AppendUnit(current, cleaned, ref i, escape: true);
        }

        AddPiece(pieces, current.ToString());
        return pieces;
    }

    /// <summary>Cuts already-cleaned plain text to <paramref name="maxLength"/>, ending in an ellipsis when anything was dropped.</summary>
    public static string Cut(string cleaned, int maxLength) => Cut(cleaned, maxLength, escape: false);

    /// <summary>Cuts already-cleaned text to <paramref name="maxLength"/> (escaping it on the way if asked), ending in an ellipsis when anything was dropped.</summary>
    private static string Cut(string cleaned, int maxLength, bool escape)
    {
        var whole = escape ? Escape(cleaned) : cleaned;
        if (whole.Length <= maxLength)
        {
            return whole;
        }

        var budget = maxLength - Ellipsis.Length;
        var builder = new StringBuilder(maxLength);
        for (var i = 0; i < cleaned.Length && builder.Length + UnitLength(cleaned, i, escape) <= budget; i++)
        {
            AppendUnit(builder, cleaned, ref i, escape);
        }

        return builder.ToString().TrimEnd() + Ellipsis;
    }

    /// <summary>How long the text unit at <paramref name="i"/> is once written: a surrogate pair is 2, an escaped character its entity.</summary>
    private static int UnitLength(string cleaned, int i, bool escape) =>
        char.IsHighSurrogate(cleaned[i]) ? 2 : escape && Entity(cleaned[i]) is { } entity ? entity.Length : 1;

    private static void AppendUnit(StringBuilder builder, string cleaned, ref int i, bool escape)
    {
        var c = cleaned[i];
        if (char.IsHighSurrogate(c))
        {
            builder.Append(c).Append(cleaned[++i]);
        }
        else if (escape && Entity(c) is { } entity)
        {
            builder.Append(entity);
        }
        else
        {
            builder.Append(c);
        }
    }

    private static int BreakPoint(StringBuilder current, int notBefore)
    {
        for (var i = current.Length - 1; i >= notBefore; i--)
        {
            if (current[i] == '\n')
            {
                return i;
            }
        }

        for (var i = current.Length - 1; i >= notBefore; i--)
        {
            if (current[i] == ' ')
            {
                return i;
            }
        }

        return -1;
    }

    private static void AddPiece(List<string> pieces, string piece)
    {
        var trimmed = piece.Trim();
        if (trimmed.Length > 0)
        {
            pieces.Add(trimmed);
        }
    }

    private static string? Entity(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        _ => null,
    };

    private static bool IsClean(string text, bool keepLineBreaks)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c) || (char.IsControl(c) && !(keepLineBreaks && c == '\n')) || IsBidiControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
