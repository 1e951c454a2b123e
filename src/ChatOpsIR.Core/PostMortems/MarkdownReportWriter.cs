using System.Buffers;
using System.Text;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>CommonMark with GitHub tables. User text is backslash-escaped so it cannot become a link, an image, HTML or a heading.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    private static readonly SearchValues<char> MarkdownSpecial = SearchValues.Create("\\`*_[]<>|~&\r\n\t");

    private readonly StringBuilder _out;

    public MarkdownReportWriter(int capacity = 16 * 1024) => _out = new StringBuilder(capacity);

    public void Title(string title, string subtitle, string? badge)
    {
        _out.Append("# ");
        Inline(title);
        _out.Append("\n\n");
        if (badge is not null)
        {
            _out.Append("**");
            Inline(badge);
            _out.Append("**\n\n");
        }

        _out.Append('_');
        Inline(subtitle);
        _out.Append("_\n\n");
    }

    public void Heading(string text, int level)
    {
        _out.Append('#', Math.Clamp(level, 2, 4)).Append(' ');
        Inline(text);
        _out.Append("\n\n");
    }

    public void Paragraph(string text, ReportTone tone = ReportTone.Plain)
    {
        var (open, close) = tone switch
        {
            ReportTone.Subtle => ("_", "_"),
            ReportTone.Warning => ("**⚠ ", "**"),
            _ => (string.Empty, string.Empty),
        };
        Block(text, open, close);
    }

    public void Facts(IEnumerable<(string Name, string Value)> facts) =>
        List(facts.Select(f => ((string?)f.Name, f.Value)));

    public void Bullets(IEnumerable<string> items) => List(items.Select(i => ((string?)null, i)));

    /// <summary>Lines of user text as one block: each line escaped (and wrapped in <paramref name="open"/>/<paramref name="close"/>), hard breaks between, a blank line after.</summary>
    private void Block(string text, string open, string close)
    {
        var first = true;
        foreach (var line in Lines(text))
        {
            if (!first)
            {
                _out.Append("  \n");
            }

            if (line.Length > 0)
            {
                _out.Append(open);
                Inline(line, lineStart: open.Length == 0);
                _out.Append(close);
            }

            first = false;
        }

        _out.Append("\n\n");
    }

    /// <summary>A bullet list, each item on one line; a name makes it "**name:** value".</summary>
    private void List(IEnumerable<(string? Name, string Value)> items)
    {
        var any = false;
        foreach (var (name, value) in items)
        {
            _out.Append("- ");
            if (name is not null)
            {
                _out.Append("**");
                Inline(name);
                _out.Append(":** ");
            }

            Inline(Flatten(value));
            _out.Append('\n');
            any = true;
        }

        if (any)
        {
            _out.Append('\n');
        }
    }

    public void Answer(string question, string answer, string? by)
    {
        _out.Append("**");
        Inline(question);
        _out.Append("**");
        if (by is not null)
        {
            _out.Append(" _(");
            Inline(by);
            _out.Append(")_");
        }

        _out.Append("  \n");
        Block(answer, string.Empty, string.Empty);
    }

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        Row(headers);
        _out.Append('|');
        for (var i = 0; i < headers.Count; i++)
        {
            _out.Append(" --- |");
        }

        _out.Append('\n');
        foreach (var row in rows)
        {
            Row(row);
        }

        _out.Append('\n');
    }

    public void Link(string label, string url)
    {
        if (IsWebUrl(url) && !url.Any(c => char.IsWhiteSpace(c) || c is '<' or '>'))
        {
            // An autolink shows the address itself, so the label cannot disguise where it goes.
            Inline(label);
            _out.Append(": <").Append(url).Append(">\n\n");
        }
        else
        {
            Inline(label);
            _out.Append(": ");
            Inline(url);
            _out.Append("\n\n");
        }
    }

    public string Finish() => _out.ToString();

    internal static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private void Row(IReadOnlyList<string> cells)
    {
        _out.Append('|');
        foreach (var cell in cells)
        {
            _out.Append(' ');
            var first = true;
            foreach (var line in Lines(cell))
            {
                if (!first)
                {
                    _out.Append("<br>");
                }

                Inline(line);
                first = false;
            }

            _out.Append(" |");
        }

        _out.Append('\n');
    }

    /// <summary>Appends text with every character that Markdown could act on escaped.</summary>
    private void Inline(string text, bool lineStart = false)
    {
        var start = 0;
        if (lineStart)
        {
            // "# x", "- x", "1. x", "> x" at the start of a line would become a heading, a list or a quote.
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }

            var digits = start;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }

            if (digits > start && digits < text.Length && text[digits] is '.' or ')')
            {
                _out.Append(text, start, digits - start).Append('\\').Append(text[digits]);
                start = digits + 1;
            }
            else if (start < text.Length && text[start] is '#' or '-' or '+' or '=')
            {
                _out.Append('\\').Append(text[start]);
                start++;
            }
        }

        // Plain runs are copied whole; only the characters Markdown acts on are escaped, and line breaks become spaces.
        var rest = text.AsSpan(start);
        int next;
        while ((next = rest.IndexOfAny(MarkdownSpecial)) >= 0)
        {
            _out.Append(rest[..next]);
            var c = rest[next];
            if (c is '\r' or '\n' or '\t')
            {
                _out.Append(' ');
            }
            else
            {
                _out.Append('\\').Append(c);
            }

            rest = rest[(next + 1)..];
        }

        _out.Append(rest);
    }

    private static string Flatten(string text) => text.Contains('\n', StringComparison.Ordinal) ? string.Join(" / ", Lines(text)) : text;

    private static IEnumerable<string> Lines(string text) =>
        text.Contains('\n', StringComparison.Ordinal) ? text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n') : [text];
}
