using System.Globalization;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Insights;

/// <summary>
/// How a scope's incident response went: the last eight calendar quarters and this year to date against last year to the same day.
/// Exercises are counted apart and left out of the times and severities; a private incident is a number like any
/// other, and nothing here names an incident. Calendar quarters and years are in UTC.
/// </summary>
public sealed record InsightsReport(
    DateTime GeneratedAt,
    int OpenIncidents,
    IReadOnlyList<PeriodFigures> Quarters,
    YearComparison Years,
    IReadOnlyList<PrincipleCount> FailedPrinciples)
{
    public const int QuarterCount = 8;

    /// <summary>Whether any incident or exercise was declared in the eight quarters (the page then shows what to do first).</summary>
    public bool IsEmpty => Quarters.All(q => q.Incidents + q.Exercises == 0);

    /// <summary>
    /// Reads the eight quarters up to <paramref name="now"/> in three queries (incidents, their action items, their
    /// post-mortems). The window always covers last year: it starts at least 21 months before the current quarter.
    /// </summary>
    public static async Task<InsightsReport> BuildAsync(IIncidentStore store, TenantScope scope, DateTime now, CancellationToken cancellationToken)
    {
        var windowStart = QuarterStart(now).AddMonths(-3 * (QuarterCount - 1));
        var incidents = await store.GetIncidentsDeclaredAsync(scope, windowStart, now, cancellationToken);
        var items = await store.GetActionItemsOfIncidentsDeclaredAsync(scope, windowStart, now, cancellationToken);
        var postMortems = await store.GetPostMortemsOfIncidentsDeclaredAsync(scope, windowStart, now, cancellationToken);
        return Build(incidents, items, postMortems, now);
    }

    /// <summary>The report from what was read (action items and post-mortems of the same incidents); incidents outside the eight quarters are left out.</summary>
    public static InsightsReport Build(IReadOnlyList<Incident> incidents, IReadOnlyList<ActionItem> items, IReadOnlyList<PostMortem> postMortems, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var start = QuarterStart(now).AddMonths(-3 * (QuarterCount - 1));
        incidents = incidents.Where(i => i.DeclaredAt >= start && i.DeclaredAt <= now).ToList();
        var declared = incidents.ToDictionary(i => i.Id, i => i.DeclaredAt);
        var data = new Data(incidents, items, postMortems.Where(p => declared.ContainsKey(p.IncidentId)).ToList(), declared, today);
        var quarters = new List<PeriodFigures>();
        for (var i = 0; i < QuarterCount; i++)
        {
            var end = start.AddMonths(3);
            quarters.Add(data.Period(QuarterLabel(start), start, end));
            start = end;
        }

        var yearStart = new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var current = data.Period($"{now.Year.ToString(CultureInfo.InvariantCulture)} to date", yearStart, now.AddTicks(1));
        // Last year up to the same day, so a count of this year to date is set against as many months of last year
        // (the whole of last year is in the quarters).
        var sameDay = now.AddYears(-1);
        var previous = data.Period($"{sameDay.Year.ToString(CultureInfo.InvariantCulture)} to {sameDay.ToString("d MMM", CultureInfo.InvariantCulture)}", yearStart.AddYears(-1), sameDay.AddTicks(1));
        return new InsightsReport(
            now,
            incidents.Count(i => !i.IsExercise && i.IsOpen),
            quarters,
            new YearComparison(current, previous, Compare(current, previous)),
            InsightsCounts.FailedPrinciples(data.PostMortems));
    }

    public static DateTime QuarterStart(DateTime moment) => new(moment.Year, (((moment.Month - 1) / 3) * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>"2026 Q4".</summary>
    public static string QuarterLabel(DateTime start) => $"{start.Year.ToString(CultureInfo.InvariantCulture)} Q{(((start.Month - 1) / 3) + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Every figure of the two years side by side, with whether the change is for the better.</summary>
    public static IReadOnlyList<ComparedFigure> Compare(PeriodFigures current, PeriodFigures previous)
    {
        var figures = new List<ComparedFigure>
        {
            Counted("incidents", "Incidents", p => p.Incidents, Direction.LowerIsBetter),
            Counted("exercises", "Exercises", p => p.Exercises, Direction.HigherIsBetter),
        };
        for (var sev = 1; sev <= 4; sev++)
        {
            var severity = sev;
            figures.Add(Counted($"sev{severity}", $"{DomainNames.SeverityLabel(severity)} incidents", p => p.BySeverity.Of(severity), Direction.LowerIsBetter));
        }

        figures.AddRange(Timed("timeToDetect", "time to detect", p => p.TimeToDetect));
        figures.AddRange(Timed("timeToContain", "time to contain", p => p.TimeToContain));
        figures.AddRange(Timed("timeToRecover", "time to recover", p => p.TimeToRecover));
        figures.Add(Counted("actionItemsOpened", "Action items opened", p => p.ActionItemsOpened, Direction.Neither));
        figures.Add(Counted("actionItemsClosed", "Action items closed", p => p.ActionItemsClosed, Direction.HigherIsBetter));
        figures.Add(Counted("actionItemsOverdue", "Action items overdue", p => p.ActionItemsOverdue, Direction.LowerIsBetter));
        figures.AddRange(Timed("timeToClose", "time to close an action item", p => p.TimeToClose));
        return figures;

        ComparedFigure Counted(string key, string label, Func<PeriodFigures, int> of, string better) =>
            Figure(key, label, ComparedFigure.Count, of(current), of(previous), better);

        IEnumerable<ComparedFigure> Timed(string key, string label, Func<PeriodFigures, DurationFigure> of) =>
        [
            Figure($"{key}Median", $"Median {label}", ComparedFigure.Minutes, of(current).MedianMinutes, of(previous).MedianMinutes, Direction.LowerIsBetter),
            Figure($"{key}P90", $"90th percentile {label}", ComparedFigure.Minutes, of(current).P90Minutes, of(previous).P90Minutes, Direction.LowerIsBetter),
        ];
    }

    private static ComparedFigure Figure(string key, string label, string unit, double? current, double? previous, string better)
    {
        var verdict = (current, previous) switch
        {
            ({ } c, { } p) when c == p => Verdict.Same,
            ({ } c, { } p) => better switch
            {
                Direction.LowerIsBetter => c < p ? Verdict.Better : Verdict.Worse,
                Direction.HigherIsBetter => c > p ? Verdict.Better : Verdict.Worse,
                _ => Verdict.Changed,
            },
            _ => Verdict.NotComparable,
        };
        return new ComparedFigure(key, label, unit, current, previous, better, verdict);
    }

    /// <summary>What was read, and the figures of any period of it.</summary>
    private sealed record Data(IReadOnlyList<Incident> Incidents, IReadOnlyList<ActionItem> Items, IReadOnlyList<PostMortem> PostMortems, Dictionary<Guid, DateTime> Declared, DateOnly Today)
    {
        /// <summary>The figures of [<paramref name="from"/>, <paramref name="to"/>).</summary>
        public PeriodFigures Period(string label, DateTime from, DateTime to)
        {
            bool In(DateTime? moment) => moment is { } m && m >= from && m < to;
            var all = Incidents.Where(i => In(i.DeclaredAt)).ToList();
            var real = all.Where(i => !i.IsExercise).ToList();
            var opened = Items.Where(a => In(a.CreatedAt)).ToList();
            var closed = Items.Where(a => a.Status == ActionItemStatus.Done && In(a.DoneAt)).ToList();
            return new PeriodFigures(
                label,
                from,
                to,
                real.Count,
                all.Count - real.Count,
                real.Count(i => i.IsPrivate),
                new SeverityCounts(real.Count(i => i.Severity == 1), real.Count(i => i.Severity == 2), real.Count(i => i.Severity == 3), real.Count(i => i.Severity == 4)),
                Percentiles.Figure(real.Select(i => i.Durations().TimeToDetect)),
                Percentiles.Figure(real.Select(i => i.Durations().TimeToContain)),
                Percentiles.Figure(real.Select(i => i.Durations().TimeToRecover)),
                opened.Count,
                closed.Count,
                opened.Count(a => InsightsCounts.IsOverdue(a, Today)),
                Percentiles.Figure(closed.Select(a => a.DoneAt - a.CreatedAt)),
                InsightsCounts.FailedPrinciples(PostMortems.Where(p => In(Declared[p.IncidentId]))));
        }
    }
}
