using System.Buffers;
using System.Text;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>A link the report page shows: where it goes and what it says.</summary>
public sealed record ReportPageLink(string Label, string Url);

/// <summary>The links of a served report page: back to where the incident is run (when there is such a place) and the Markdown download.</summary>
public sealed record ReportPageLinks(ReportPageLink? Back, string MarkdownUrl, string MarkdownFileName);

/// <summary>
/// One self-contained HTML page: inline styles, no scripts, no external resources, so it can be saved, mailed or
/// printed as it is. Every user string is HTML-encoded; links are kept only for http and https.
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    private static readonly SearchValues<char> HtmlSpecial = SearchValues.Create("<>&\"'\r");

    // Text written by people can hold a 5,000-character word (a hash, a URL, a pasted log line): every block and cell
    // breaks anywhere rather than widen the page, and tables have a fixed layout sized to the page.
    private const string Style = """
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;max-width:60rem;margin:2rem auto;padding:0 1rem;overflow-wrap:anywhere}
        h1,h2,h3,h4,p,li,dt,dd,th,td{overflow-wrap:anywhere;min-width:0}
        h1{font-size:1.7rem;margin:0 0 .2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2.2rem}h3{margin:1.4rem 0 .4rem}
        .sub,.subtle{color:#59636e}.badge{display:inline-block;background:#fff1c2;border:1px solid #d4a72c;border-radius:4px;padding:.1rem .5rem;font-weight:600;letter-spacing:.04em}
        .warning{background:#fff8e1;border-left:4px solid #d4a72c;padding:.4rem .7rem}.good{background:#e9f7ee;border-left:4px solid #2da44e;padding:.4rem .7rem}
        dl.facts{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.2rem 1rem}dl.facts dt{font-weight:600;max-width:18rem}dl.facts dd{margin:0}
        .q{font-weight:600;margin:.8rem 0 .1rem}.a{white-space:pre-wrap;margin:0 0 .2rem}
        table{border-collapse:collapse;width:100%;max-width:100%;table-layout:fixed;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa}td{white-space:pre-wrap}
        @media print{
        body{margin:0;max-width:none;padding:0;font-size:11pt;color:#000;background:none}
        *{color:#000 !important;background:none !important;box-shadow:none !important;text-shadow:none !important}
        .page-links{display:none !important}
        .warning,.good,.badge{border-color:#000}th,td{border-color:#777}
        h1,h2,h3,h4,.q{break-after:avoid}tr,dt,dd,li,.warning,.good{break-inside:avoid}thead{display:table-header-group}
        }
        """;

    /// <summary>The page's links (back to the incident, the Markdown download); added when a page is served, never stored.</summary>
    private const string LinkStyle = """
        <style>.page-links{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin:0 0 1.2rem;font-size:.95rem}.page-links a{color:#0969da}
        @media print{.page-links{display:none !important}}</style>

        """;

    private readonly StringBuilder _out;

    public HtmlReportWriter(int capacity = 32 * 1024)
    {
        _out = new StringBuilder(capacity);
        _out.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    }

    public void Title(string title, string subtitle, string? badge)
    {
        _out.Append("<title>");
        Encode(title);
        _out.Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<header>\n");
        if (badge is not null)
        {
            _out.Append("<p><span class=\"badge\">");
            Encode(badge);
            _out.Append("</span></p>\n");
        }

        _out.Append("<h1>");
        Encode(title);
        _out.Append("</h1>\n<p class=\"sub\">");
        Encode(subtitle);
        _out.Append("</p>\n</header>\n");
    }

    public void Heading(string text, int level)
    {
        var tag = Math.Clamp(level, 2, 4);
        _out.Append("<h").Append(tag).Append('>');
        Encode(text);
        _out.Append("</h").Append(tag).Append(">\n");
    }

    public void Paragraph(string text, ReportTone tone = ReportTone.Plain)
    {
        _out.Append(tone switch
        {
            ReportTone.Subtle => "<p class=\"subtle a\">",
            ReportTone.Warning => "<p class=\"warning a\">",
            ReportTone.Good => "<p class=\"good a\">",
            _ => "<p class=\"a\">",
        });
        Encode(text);
        _out.Append("</p>\n");
    }

    public void Facts(IEnumerable<(string Name, string Value)> facts)
    {
        _out.Append("<dl class=\"facts\">\n");
        foreach (var (name, value) in facts)
        {
            _out.Append("<dt>");
            Encode(name);
            _out.Append("</dt><dd>");
            Encode(value);
            _out.Append("</dd>\n");
        }

        _out.Append("</dl>\n");
    }

    public void Bullets(IEnumerable<string> items)
    {
        _out.Append("<ul>\n");
        foreach (var item in items)
        {
            _out.Append("<li>");
            Encode(item);
            _out.Append("</li>\n");
        }

        _out.Append("</ul>\n");
    }

    public void Answer(string question, string answer, string? by)
    {
        _out.Append("<p class=\"q\">");
        Encode(question);
        if (by is not null)
        {
            _out.Append(" <span class=\"subtle\">(");
            Encode(by);
            _out.Append(")</span>");
        }

        _out.Append("</p>\n<p class=\"a\">");
        Encode(answer);
        _out.Append("</p>\n");
    }

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        // A fixed table layout cannot grow past the page; each column gets a share of the width by how long its text
        // runs (a date column stays narrow, the "what" column gets the room).
        var rowList = rows.ToList();
        var weights = headers.Select((h, i) => Math.Clamp(rowList.Select(r => i < r.Count ? LongestLine(r[i]) : 0).Append(h.Length).Max(), 8, 60)).ToList();
        var total = weights.Sum();
        _out.Append("<table>\n<colgroup>");
        foreach (var weight in weights)
        {
            _out.Append("<col style=\"width:").Append((weight * 100.0 / total).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)).Append("%\">");
        }

        _out.Append("</colgroup>\n<thead><tr>");
        foreach (var header in headers)
        {
            _out.Append("<th>");
            Encode(header);
            _out.Append("</th>");
        }

        _out.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rowList)
        {
            _out.Append("<tr>");
            foreach (var cell in row)
            {
                _out.Append("<td>");
                Encode(cell);
                _out.Append("</td>");
            }

            _out.Append("</tr>\n");
        }

        _out.Append("</tbody>\n</table>\n");
    }

    public void Link(string label, string url)
    {
        _out.Append("<p>");
        Encode(label);
        _out.Append(": ");
        if (MarkdownReportWriter.IsWebUrl(url))
        {
            _out.Append("<a rel=\"noopener noreferrer nofollow\" href=\"");
            Encode(url);
            _out.Append("\">");
            Encode(url);
            _out.Append("</a>");
        }
        else
        {
            Encode(url);
        }

        _out.Append("</p>\n");
    }

    public string Finish() => _out.Append("</body>\n</html>\n").ToString();

    /// <summary>
    /// A written page (a live one, or a published copy as it was stored) with the links of the page it is served as:
    /// back to the incident and the Markdown download. They are added when the page is served, so a stored copy never
    /// carries a link with someone's token in it; the print style hides them.
    /// </summary>
    public static string WithLinks(string page, ReportPageLinks links)
    {
        var nav = new StringBuilder(512).Append("<nav class=\"page-links\" aria-label=\"Report links\">");
        if (links.Back is { } back)
        {
            nav.Append("<a href=\"");
            Encode(nav, back.Url);
            nav.Append("\">← ");
            Encode(nav, back.Label);
            nav.Append("</a>");
        }

        nav.Append("<a href=\"");
        Encode(nav, links.MarkdownUrl);
        nav.Append("\" download=\"");
        Encode(nav, links.MarkdownFileName);
        nav.Append("\">Download Markdown</a></nav>\n");

        var head = page.IndexOf("</head>", StringComparison.Ordinal);
        var body = page.IndexOf("<body>\n", StringComparison.Ordinal);
        if (head < 0 || body < head)
        {
            return page;
        }

        var insertAt = body + "<body>\n".Length;
        return new StringBuilder(page.Length + LinkStyle.Length + nav.Length)
            .Append(page, 0, head).Append(LinkStyle)
            .Append(page, head, insertAt - head).Append(nav)
            .Append(page, insertAt, page.Length - insertAt)
            .ToString();
    }

    private static int LongestLine(string text)
    {
        var longest = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            longest = Math.Max(longest, line.Length);
        }

        return longest;
    }

    /// <summary>HTML-encodes in place, without a string per call; quotes are encoded too, so the same call serves attributes.</summary>
    private void Encode(string text) => Encode(_out, text);

    private static void Encode(StringBuilder output, string text)
    {
        var rest = text.AsSpan();
        int next;
        while ((next = rest.IndexOfAny(HtmlSpecial)) >= 0)
        {
            output.Append(rest[..next]).Append(rest[next] switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => string.Empty, // \r: line breaks are \n only
            });
            rest = rest[(next + 1)..];
        }

        output.Append(rest);
    }
}
