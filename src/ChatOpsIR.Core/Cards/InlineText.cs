using System.Text;

namespace ChatOpsIR.Core.Cards;

/// <summary>What a run of card text is: shown as it is, as inline code, or emphasised.</summary>
public enum InlineKind
{
    Plain = 0,
    Code = 1,
    Emphasis = 2,
}

/// <summary>One run of card text: its kind and its text without the markers.</summary>
public readonly record struct InlineRun(InlineKind Kind, string Text);

/// <summary>
/// The one inline markup of Core text (card text and <c>BotReply.Text</c>), read here once for every renderer:
/// <c>`…`</c> is inline code and <c>_…_</c> is emphasis. Everything else is plain text, which renderers escape.
/// </summary>
/// <remarks>
/// <para>A code span is a backtick, at least one character that is neither a backtick nor a line break, and a backtick.
/// Nothing inside a code span is markup.</para>
/// <para>Emphasis needs word boundaries, so <c>file_name_here</c> and <c>__init__</c> stay plain: the opening underscore
/// follows the start, a space or punctuation (not a letter, digit or underscore) and comes before a character that is
/// neither a space nor an underscore; the closing one follows a character that is neither a space nor an underscore
/// and comes before the end, a space or punctuation. Emphasis stays on one line and holds no backtick.</para>
/// <para>A delimiter without its partner is plain text. User text follows the same convention (someone who writes
/// <c>`code`</c> sees code, as Slack users expect); mentions, links and headings are never markup here.</para>
/// </remarks>
public static class InlineText
{
    public const char CodeMark = '`';
    public const char EmphasisMark = '_';

    /// <summary>Stands in for a backtick inside text given to <see cref="Code"/> or <see cref="Emphasis"/> (MODIFIER LETTER GRAVE ACCENT).</summary>
    public const char BacktickStandIn = '\u02CB';

    /// <summary>Stands in for an underscore inside text given to <see cref="Emphasis"/> (MODIFIER LETTER LOW MACRON).</summary>
    public const char UnderscoreStandIn = '\u02CD';

    /// <summary>The runs of <paramref name="text"/>, in order; neighbouring plain text is one run. Empty text has no runs.</summary>
    public static IReadOnlyList<InlineRun> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runs = new List<InlineRun>();
        var plain = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var end = c switch
            {
                CodeMark => CodeEnd(text, i),
                EmphasisMark => EmphasisEnd(text, i),
                _ => -1,
            };
            if (end < 0)
            {
                plain.Append(c);
                i++;
                continue;
            }

            if (plain.Length > 0)
            {
                runs.Add(new InlineRun(InlineKind.Plain, plain.ToString()));
                plain.Clear();
            }

            runs.Add(new InlineRun(c == CodeMark ? InlineKind.Code : InlineKind.Emphasis, text[(i + 1)..end]));
            i = end + 1;
        }

        if (plain.Length > 0)
        {
            runs.Add(new InlineRun(InlineKind.Plain, plain.ToString()));
        }

        return runs;
    }

    /// <summary>True when <paramref name="text"/> holds at least one code span or emphasis.</summary>
    public static bool HasMarkup(string? text) =>
        text is not null && (text.Contains(CodeMark) || text.Contains(EmphasisMark)) && Parse(text).Any(r => r.Kind != InlineKind.Plain);

    /// <summary>The text as it reads without markup: the markers of code spans and emphasis dropped, everything else kept.</summary>
    public static string ToPlain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return HasMarkup(text) ? string.Concat(Parse(text).Select(r => r.Text)) : text;
    }

    /// <summary>
    /// <paramref name="text"/> as one code span: backticks inside become <see cref="BacktickStandIn"/> and line breaks
    /// spaces, so the span cannot end early. Blank text gives an empty string.
    /// </summary>
    public static string Code(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var inner = OneLine(text).Replace(CodeMark, BacktickStandIn);
        return inner.Trim().Length == 0 ? string.Empty : $"{CodeMark}{inner}{CodeMark}";
    }

    /// <summary>
    /// <paramref name="text"/> emphasised: trimmed, on one line, with backticks and underscores replaced by look-alikes so
    /// the emphasis cannot end early or hold code. Blank text gives an empty string.
    /// </summary>
    public static string Emphasis(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var inner = OneLine(text).Replace(CodeMark, BacktickStandIn).Replace(EmphasisMark, UnderscoreStandIn).Trim();
        return inner.Length == 0 ? string.Empty : $"{EmphasisMark}{inner}{EmphasisMark}";
    }

    private static string OneLine(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>The index of the backtick closing a code span opened at <paramref name="open"/>, or -1.</summary>
    private static int CodeEnd(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case CodeMark:
                    return i > open + 1 ? i : -1;
                case '\n' or '\r':
                    return -1;
            }
        }

        return -1;
    }

    /// <summary>The index of the underscore closing emphasis opened at <paramref name="open"/>, or -1.</summary>
    private static int EmphasisEnd(string text, int open)
    {
        if ((open > 0 && IsWordChar(text[open - 1])) || open + 1 >= text.Length || char.IsWhiteSpace(text[open + 1]) || text[open + 1] == EmphasisMark)
        {
            return -1;
        }

        for (var i = open + 2; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or CodeMark)
            {
                return -1;
            }

            if (c == EmphasisMark && !char.IsWhiteSpace(text[i - 1]) && text[i - 1] != EmphasisMark && (i + 1 == text.Length || !IsWordChar(text[i + 1])))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == EmphasisMark;
}
