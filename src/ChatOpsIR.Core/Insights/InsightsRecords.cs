using System.Text.Json.Serialization;

namespace ChatOpsIR.Core.Insights;

/// <summary>How many durations were measured, their median and 90th percentile (see <see cref="Percentiles"/>); null medians where none was.</summary>
public sealed record DurationFigure(
    int Count,
    [property: JsonIgnore] TimeSpan? Median,
    [property: JsonIgnore] TimeSpan? P90)
{
    /// <summary>The median in minutes, to a tenth (what the page charts and the CSV holds).</summary>
    public double? MedianMinutes => Minutes(Median);

    public double? P90Minutes => Minutes(P90);

    public static DurationFigure None { get; } = new(0, null, null);

    internal static double? Minutes(TimeSpan? span) => span is { } s ? Math.Round(s.TotalMinutes, 1, MidpointRounding.AwayFromZero) : null;
}

/// <summary>Real incidents by severity (exercises are never in it).</summary>
public sealed record SeverityCounts(int Sev1, int Sev2, int Sev3, int Sev4)
{
    public int Of(int severity) => severity switch
    {
        1 => Sev1,
        2 => Sev2,
        3 => Sev3,
        4 => Sev4,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Severity is 1 to 4."),
    };
}

/// <summary>A first principle (its title) and how many root causes named it as failed.</summary>
public sealed record PrincipleCount(string Principle, int Count);

/// <summary>
/// The figures of one period: a calendar quarter, or a calendar year (to date for the current one). Incidents are
/// counted in the period they were declared in; action items opened by the day they were created, closed by the day
/// they were done; overdue are the items opened in the period that are still open after their due date today.
/// </summary>
public sealed record PeriodFigures(
    string Label,
    DateTime From,
    DateTime To,
    int Incidents,
    int Exercises,
    int PrivateIncidents,
    SeverityCounts BySeverity,
    DurationFigure TimeToDetect,
    DurationFigure TimeToContain,
    DurationFigure TimeToRecover,
    int ActionItemsOpened,
    int ActionItemsClosed,
    int ActionItemsOverdue,
    DurationFigure TimeToClose,
    IReadOnlyList<PrincipleCount> FailedPrinciples);

/// <summary>Which way a figure should move.</summary>
public static class Direction
{
    public const string LowerIsBetter = "lower";
    public const string HigherIsBetter = "higher";
    public const string Neither = "neither";
}

/// <summary>What the change from last year means.</summary>
public static class Verdict
{
    public const string Better = "better";
    public const string Worse = "worse";
    public const string Same = "same";

    /// <summary>A figure that is neither better nor worse when it moves (action items opened).</summary>
    public const string Changed = "changed";

    /// <summary>One of the two years has no value (no marked moments, no closed item).</summary>
    public const string NotComparable = "not comparable";
}

/// <summary>One figure of this year to date against last year.</summary>
public sealed record ComparedFigure(string Key, string Label, string Unit, double? Current, double? Previous, string Better, string Verdict)
{
    public const string Count = "count";
    public const string Minutes = "minutes";

    public double? Change => Current is { } c && Previous is { } p ? Math.Round(c - p, 1, MidpointRounding.AwayFromZero) : null;
}

/// <summary>The current calendar year to date and the previous one up to the same day, and every figure compared.</summary>
public sealed record YearComparison(PeriodFigures Current, PeriodFigures Previous, IReadOnlyList<ComparedFigure> Figures);
