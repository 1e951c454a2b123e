namespace ChatOpsIR.Core.PostMortems;

/// <summary>How a report line should stand out: plain, quiet (who and when), a warning, or good news.</summary>
public enum ReportTone
{
    Plain = 0,
    Subtle = 1,
    Warning = 2,
    Good = 3,
}

/// <summary>
/// The few shapes a report is made of. <see cref="PostMortemReport"/> walks the document once and says what to
/// write; each format decides how. Every string passed in is plain text (often written by users) and is escaped here.
/// </summary>
public interface IReportWriter
{
    void Title(string title, string subtitle, string? badge);

    void Heading(string text, int level);

    /// <summary>Text that may span several lines; line breaks are kept.</summary>
    void Paragraph(string text, ReportTone tone = ReportTone.Plain);

    void Facts(IEnumerable<(string Name, string Value)> facts);

    void Bullets(IEnumerable<string> items);

    /// <summary>A question and its answer, as a user gave it.</summary>
    void Answer(string question, string answer, string? by);

    void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows);

    /// <summary>A link that stays text unless it is http or https.</summary>
    void Link(string label, string url);

    string Finish();
}
