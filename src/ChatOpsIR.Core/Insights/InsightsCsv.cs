using System.Globalization;
using System.Text;

namespace ChatOpsIR.Core.Insights;

/// <summary>
/// The insights as a tidy CSV: one row per figure and period, the columns
/// <c>section,figure,period,from,to,value,unit</c> (section is "quarter" or "year"; from and to are the first and last
/// days, inclusive; value is empty where nothing was measured). RFC 4180: comma-separated, CRLF line ends, a field with
/// a comma, quote or line break is quoted with its quotes doubled. A cell a spreadsheet would read as a formula (one
/// starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, so opening the file runs nothing.
/// </summary>
public static class InsightsCsv
{
    public const string Header = "section,figure,period,from,to,value,unit";
    public const string QuarterSection = "quarter";
    public const string YearSection = "year";

    public static string Write(InsightsReport report)
    {
        var csv = new StringBuilder();
        csv.Append(Header).Append("\r\n");
        foreach (var quarter in report.Quarters)
        {
            Append(csv, QuarterSection, quarter);
        }

        Append(csv, YearSection, report.Years.Current);
        Append(csv, YearSection, report.Years.Previous);
        return csv.ToString();
    }

    /// <summary>The figures of a period as (figure, value, unit), in the order the CSV lists them.</summary>
    public static IEnumerable<(string Figure, double? Value, string Unit)> Figures(PeriodFigures period)
    {
        yield return ("Incidents", period.Incidents, ComparedFigure.Count);
        yield return ("Exercises", period.Exercises, ComparedFigure.Count);
        yield return ("Private incidents", period.PrivateIncidents, ComparedFigure.Count);
        for (var sev = 1; sev <= 4; sev++)
        {
            yield return ($"SEV{sev} incidents", period.BySeverity.Of(sev), ComparedFigure.Count);
        }

        foreach (var (name, figure) in new[] { ("time to detect", period.TimeToDetect), ("time to contain", period.TimeToContain), ("time to recover", period.TimeToRecover) })
        {
            yield return ($"Median {name}", figure.MedianMinutes, ComparedFigure.Minutes);
            yield return ($"90th percentile {name}", figure.P90Minutes, ComparedFigure.Minutes);
        }

        yield return ("Action items opened", period.ActionItemsOpened, ComparedFigure.Count);
        yield return ("Action items closed", period.ActionItemsClosed, ComparedFigure.Count);
        yield return ("Action items overdue", period.ActionItemsOverdue, ComparedFigure.Count);
        yield return ("Median time to close an action item", period.TimeToClose.MedianMinutes, ComparedFigure.Minutes);
        yield return ("90th percentile time to close an action item", period.TimeToClose.P90Minutes, ComparedFigure.Minutes);
        foreach (var principle in period.FailedPrinciples)
        {
            yield return ($"Failed first principle: {principle.Principle}", principle.Count, ComparedFigure.Count);
        }
    }

    /// <summary>One field as RFC 4180 writes it, with the formula guard.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static void Append(StringBuilder csv, string section, PeriodFigures period)
    {
        var from = DateOnly.FromDateTime(period.From).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.FromDateTime(period.To.AddTicks(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var (figure, value, unit) in Figures(period))
        {
            csv.AppendJoin(',', Field(section), Field(figure), Field(period.Label), from, to, value?.ToString("0.#", CultureInfo.InvariantCulture) ?? string.Empty, unit).Append("\r\n");
        }
    }
}
