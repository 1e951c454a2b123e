namespace ChatOpsIR.Core.Insights;

/// <summary>
/// The middle and the 90th percentile of a set of durations.
/// The median is the middle value, or the mean of the two middle values of an even count (how the metrics always
/// counted it); the 90th percentile is the nearest rank: the smallest value with at least 90% of the values at or
/// below it (for 10 values the 9th, for 3 values the 3rd), so it is always a time that really happened.
/// </summary>
public static class Percentiles
{
    public static TimeSpan? Median(IEnumerable<TimeSpan?> spans)
    {
        var values = Sorted(spans);
        if (values.Count == 0)
        {
            return null;
        }

        return values.Count % 2 == 1
            ? values[values.Count / 2]
            : TimeSpan.FromTicks((values[(values.Count / 2) - 1].Ticks + values[values.Count / 2].Ticks) / 2);
    }

    public static TimeSpan? P90(IEnumerable<TimeSpan?> spans) => NearestRank(Sorted(spans), 90);

    /// <summary>The nearest-rank percentile of sorted values: the value at rank ceil(p/100 × n), counted from 1.</summary>
    public static TimeSpan? NearestRank(IReadOnlyList<TimeSpan> sorted, int percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>How many there are, their median and 90th percentile.</summary>
    public static DurationFigure Figure(IEnumerable<TimeSpan?> spans)
    {
        var values = Sorted(spans);
        return new DurationFigure(values.Count, Median(values.Select(v => (TimeSpan?)v)), NearestRank(values, 90));
    }

    private static List<TimeSpan> Sorted(IEnumerable<TimeSpan?> spans) =>
        spans.Where(s => s.HasValue).Select(s => s!.Value).Order().ToList();
}
