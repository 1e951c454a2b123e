using System.Globalization;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Insights;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PlanReviews;

/// <summary>The year in figures for the plan review. Exercises are counted apart and left out of the times and severities.</summary>
public sealed record PlanReviewSummary(
    int Incidents,
    int Exercises,
    IReadOnlyDictionary<int, int> BySeverity,
    TimeSpan? MedianTimeToDetect,
    TimeSpan? MedianTimeToContain,
    TimeSpan? MedianTimeToRecover,
    int ActionItemsClosed,
    int ActionItemsOverdue,
    int ActionItemsOpen,
    IReadOnlyList<(string Principle, int Count)> FailedPrinciples,
    IReadOnlyList<(string Incident, string Lesson)> Lessons,
    int PrivateLessons = 0)
{
    public const int MaxPrinciples = 3;
    public const int MaxLessons = 10;

    /// <summary>The figures of the incidents declared from <paramref name="from"/> to <paramref name="to"/>, counted as the insights count them, in three reads.</summary>
    public static async Task<PlanReviewSummary> BuildAsync(IIncidentStore store, TenantScope scope, DateTime from, DateTime to, DateOnly today, CancellationToken cancellationToken)
    {
        var incidents = await store.GetIncidentsDeclaredAsync(scope, from, to, cancellationToken);
        var items = await store.GetActionItemsOfIncidentsDeclaredAsync(scope, from, to, cancellationToken);
        var postMortems = (await store.GetPostMortemsOfIncidentsDeclaredAsync(scope, from, to, cancellationToken)).ToDictionary(p => p.IncidentId);
        var real = incidents.Where(i => !i.IsExercise).ToList();
        var bySeverity = Enumerable.Range(1, 4).ToDictionary(s => s, s => real.Count(i => i.Severity == s));
        var (closed, overdue, open) = InsightsCounts.Tally(items, today);
        var lessons = new List<(string, string)>();
        var privateLessons = 0;
        foreach (var incident in incidents)
        {
            if (!postMortems.TryGetValue(incident.Id, out var postMortem))
            {
                continue;
            }

            // A private incident's lessons are counted, never quoted or named: the reviewer may not be one of its people.
            if (incident.IsPrivate)
            {
                privateLessons += postMortem.Lessons.Count();
            }
            else
            {
                lessons.AddRange(postMortem.Lessons.Select(l => (incident.Reference, l.Text)));
            }
        }

        return new PlanReviewSummary(
            real.Count,
            incidents.Count - real.Count,
            bySeverity,
            Median(real.Select(i => i.Durations().TimeToDetect)),
            Median(real.Select(i => i.Durations().TimeToContain)),
            Median(real.Select(i => i.Durations().TimeToRecover)),
            closed,
            overdue,
            open,
            InsightsCounts.FailedPrinciples(postMortems.Values, MaxPrinciples).Select(p => (p.Principle, p.Count)).ToList(),
            lessons.Take(MaxLessons).ToList(),
            privateLessons);
    }

    /// <summary>The middle duration (see <see cref="Percentiles.Median"/>).</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan?> spans) => Percentiles.Median(spans);

    public IReadOnlyList<Cards.Fact> Facts()
    {
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string Time(TimeSpan? span) => span is { } s ? TimeFormat.Duration(s) : "not enough marked moments";
        var facts = new List<Cards.Fact>
        {
            new("Incidents", N(Incidents)),
            new("Exercises", N(Exercises)),
        };
        facts.AddRange(BySeverity.OrderBy(s => s.Key).Select(s => new Cards.Fact(DomainNames.SeverityLabel(s.Key), N(s.Value))));
        facts.Add(new("Median time to detect", Time(MedianTimeToDetect)));
        facts.Add(new("Median time to contain", Time(MedianTimeToContain)));
        facts.Add(new("Median time to recover", Time(MedianTimeToRecover)));
        facts.Add(new("Action items closed", N(ActionItemsClosed)));
        facts.Add(new("Action items overdue", N(ActionItemsOverdue)));
        facts.Add(new("Action items open, not yet due", N(ActionItemsOpen)));
        facts.Add(new("First principles that failed most", FailedPrinciples.Count == 0 ? "none recorded" : string.Join(", ", FailedPrinciples.Select(p => $"{p.Principle} ({N(p.Count)})"))));
        return facts;
    }
}
