using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Insights;
using ChatOpsIR.Core.PostMortems;

namespace ChatOpsIR.Core.Tests;

/// <summary>The insights figures: eight calendar quarters, medians and 90th percentiles, exercises apart, private incidents as numbers, this year against last.</summary>
public sealed class InsightsReportTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly ChatUser Alice = new("alice", "Alice");
    private static readonly ChatUser Bob = new("bob", "Bob");

    private readonly List<Incident> _incidents = [];
    private readonly List<ActionItem> _items = [];
    private readonly List<PostMortem> _postMortems = [];

    private Incident Declare(DateTime at, int severity = 2, ExerciseKind exercise = ExerciseKind.None, bool isPrivate = false, double? detectHours = null, double? containHours = null, double? recoverHours = null, string? title = null)
    {
        var (incident, _) = Incident.Declare(TenantScope.Web, _incidents.Count + 1, title ?? $"Incident {_incidents.Count + 1}", severity, exercise, Platform.Web, $"room-{_incidents.Count + 1}", null, Alice, at, isPrivate: isPrivate);
        if (detectHours is { } detect)
        {
            incident.Mark(Alice, KeyMoment.FirstActivity, Platform.Web, at.AddHours(-detect), at);
            incident.Mark(Alice, KeyMoment.Detected, Platform.Web, at, at);
        }
        else if (containHours is not null || recoverHours is not null)
        {
            incident.Mark(Alice, KeyMoment.Detected, Platform.Web, at, at);
        }

        if (containHours is { } contain)
        {
            incident.Mark(Alice, KeyMoment.Contained, Platform.Web, at.AddHours(contain), at);
        }

        if (recoverHours is { } recover)
        {
            incident.Mark(Alice, KeyMoment.Recovered, Platform.Web, at.AddHours(recover), at);
        }

        _incidents.Add(incident);
        return incident;
    }

    private ActionItem Item(Incident incident, DateTime created, DateOnly due, DateTime? done = null)
    {
        var item = new ActionItem(incident, _items.Count + 1, "Fix it", Bob, due, Alice, created);
        if (done is { } at)
        {
            item.Complete(Bob, at);
        }

        _items.Add(item);
        return item;
    }

    private void RootCauses(Incident incident, params string[][] principles)
    {
        var postMortem = PostMortem.Start(incident, Alice, incident.DeclaredAt.AddDays(1));
        foreach (var named in principles)
        {
            postMortem.AddFinding(FindingKind.RootCause, "A cause", named, "process", null, Alice, incident.DeclaredAt.AddDays(1));
        }

        _postMortems.Add(postMortem);
    }

    private InsightsReport Build() => InsightsReport.Build(_incidents.OrderBy(i => i.DeclaredAt).ToList(), _items, _postMortems, Now);

    private static string Describe(ComparedFigure figure) =>
        string.Join('|', new[] { figure.Current, figure.Previous, figure.Change }.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")) + "|" + figure.Verdict;

    private static DateTime On(int year, int month, int day) => new(year, month, day, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_last_eight_calendar_quarters_count_incidents_by_severity_with_exercises_apart_and_private_ones_as_numbers()
    {
        Declare(On(2024, 12, 31), severity: 1); // before the window: not counted anywhere
        Declare(On(2025, 1, 1), severity: 1);
        Declare(On(2026, 10, 2), severity: 2);
        Declare(On(2026, 11, 20), severity: 2, isPrivate: true);
        Declare(On(2026, 11, 21), severity: 4);
        Declare(On(2026, 11, 22), severity: 1, exercise: ExerciseKind.Tabletop);

        var report = Build();

        Assert.Equal(["2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"], report.Quarters.Select(q => q.Label));
        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), report.Quarters[0].From);
        Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), report.Quarters[7].To);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 3], report.Quarters.Select(q => q.Incidents));
        var last = report.Quarters[7];
        Assert.Equal(new SeverityCounts(0, 2, 0, 1), last.BySeverity);
        Assert.Equal(1, last.Exercises);
        Assert.Equal(1, last.PrivateIncidents);
        Assert.Equal(4, report.OpenIncidents);
        Assert.False(report.IsEmpty);
    }

    [Fact]
    public void Times_are_medians_and_nearest_rank_90th_percentiles_of_real_incidents_only()
    {
        foreach (var hours in new[] { 1.0, 2, 3, 4, 10 })
        {
            Declare(On(2026, 11, 1), detectHours: hours, containHours: hours * 2, recoverHours: hours * 3);
        }

        // An exercise with very long times moves nothing.
        Declare(On(2026, 11, 2), exercise: ExerciseKind.Simulation, detectHours: 500, containHours: 500, recoverHours: 500);
        // An incident without marked moments is counted but not timed.
        Declare(On(2026, 11, 3));

        var quarter = Build().Quarters[7];

        Assert.Equal(6, quarter.Incidents);
        Assert.Equal(new DurationFigure(5, TimeSpan.FromHours(3), TimeSpan.FromHours(10)), quarter.TimeToDetect);
        Assert.Equal(180.0, quarter.TimeToDetect.MedianMinutes);
        Assert.Equal(600.0, quarter.TimeToDetect.P90Minutes);
        Assert.Equal(TimeSpan.FromHours(6), quarter.TimeToContain.Median);
        Assert.Equal(TimeSpan.FromHours(30), quarter.TimeToRecover.P90);
        Assert.Equal(DurationFigure.None, Build().Quarters[6].TimeToDetect);
    }

    [Fact]
    public void Percentiles_average_the_middle_pair_for_the_median_and_take_a_real_value_for_the_90th()
    {
        TimeSpan? H(double hours) => TimeSpan.FromHours(hours);
        Assert.Equal(H(2.5), Percentiles.Median([H(4), H(1), H(3), H(2)]));
        Assert.Equal(H(4), Percentiles.P90([H(4), H(1), H(3), H(2)]));
        Assert.Equal(H(9), Percentiles.P90([.. Enumerable.Range(1, 10).Select(h => H(h))]));
        Assert.Equal(H(10), Percentiles.P90([.. Enumerable.Range(1, 11).Select(h => H(h))]));
        Assert.Equal(H(7), Percentiles.P90([H(7), null]));
        Assert.Null(Percentiles.Median([null]));
        Assert.Null(Percentiles.P90([]));
    }

    [Fact]
    public void Action_items_count_opened_by_creation_closed_by_completion_and_overdue_when_still_open_past_due()
    {
        var incident = Declare(On(2026, 3, 1));
        Item(incident, On(2026, 3, 2), new DateOnly(2026, 4, 1), done: On(2026, 4, 3)); // opened Q1, closed Q2 after 32 days
        Item(incident, On(2026, 3, 2), new DateOnly(2026, 6, 1)); // open, overdue
        Item(incident, On(2026, 3, 5), new DateOnly(2026, 12, 31)); // open, not yet due
        Item(incident, On(2026, 3, 5), new DateOnly(2026, 3, 6), done: On(2026, 3, 7)); // 2 days to close

        var quarters = Build().Quarters;
        var (q1, q2) = (quarters[4], quarters[5]);

        Assert.Equal((4, 1, 1), (q1.ActionItemsOpened, q1.ActionItemsClosed, q1.ActionItemsOverdue));
        Assert.Equal((0, 1, 0), (q2.ActionItemsOpened, q2.ActionItemsClosed, q2.ActionItemsOverdue));
        Assert.Equal(TimeSpan.FromDays(2), q1.TimeToClose.Median);
        Assert.Equal(TimeSpan.FromDays(32), q2.TimeToClose.P90);
    }

    [Fact]
    public void The_principles_that_failed_most_come_first_by_title()
    {
        RootCauses(Declare(On(2025, 5, 1)), ["rigor", "opportunity"], ["rigor"]);
        RootCauses(Declare(On(2026, 5, 1), isPrivate: true), ["fault-tolerance"], ["opportunity"]);

        var report = Build();

        Assert.Equal([new PrincipleCount("Opportunity", 2), new PrincipleCount("Rigor", 2), new PrincipleCount("Fault tolerance", 1)], report.FailedPrinciples);
        Assert.Equal([new PrincipleCount("Fault tolerance", 1), new PrincipleCount("Opportunity", 1)], report.Years.Current.FailedPrinciples);
        Assert.Equal("Rigor", report.Years.Previous.FailedPrinciples[0].Principle);
    }

    [Fact]
    public void This_year_to_date_is_compared_with_the_whole_of_last_year_with_lower_times_better()
    {
        Declare(On(2025, 2, 1), severity: 1, detectHours: 10);
        Declare(On(2025, 6, 1), severity: 2, detectHours: 20);
        Declare(On(2025, 12, 31), severity: 2, detectHours: 30);
        Declare(On(2026, 4, 1), severity: 2, detectHours: 2);
        Declare(On(2026, 5, 1), severity: 1, exercise: ExerciseKind.Tabletop);
        Declare(On(2026, 9, 1), severity: 1, detectHours: 40);

        var years = Build().Years;
        var figure = years.Figures.ToDictionary(f => f.Key);

        // Last year up to the same day: the incident of 31 December 2025 is not yet in the comparison.
        Assert.Equal(("2026 to date", "2025 to 25 Nov"), (years.Current.Label, years.Previous.Label));
        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), years.Previous.From);
        Assert.Equal("2|2|0|same", Describe(figure["incidents"]));
        Assert.Equal("1|0|1|better", Describe(figure["exercises"]));
        Assert.Equal("1|1|0|same", Describe(figure["sev1"]));
        Assert.Equal("1260|900|360|worse", Describe(figure["timeToDetectMedian"]));
        Assert.Equal(ComparedFigure.Minutes, figure["timeToDetectP90"].Unit);
        Assert.Equal(Verdict.NotComparable, figure["timeToContainMedian"].Verdict);
        Assert.Equal(Direction.Neither, figure["actionItemsOpened"].Better);
    }

    [Fact]
    public void A_scope_without_incidents_is_empty()
    {
        var report = Build();
        Assert.True(report.IsEmpty);
        Assert.Equal(8, report.Quarters.Count);
        Assert.All(report.Years.Figures.Where(f => f.Unit == ComparedFigure.Count), f => Assert.Equal(0.0, f.Current));
    }
}
