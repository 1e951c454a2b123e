using System.Globalization;
using ChatOpsIR.Core.Incidents;
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

    public static async Task<PlanReviewSummary> BuildAsync(IIncidentStore store, TenantScope scope, DateTime from, DateTime to, DateOnly today, CancellationToken cancellationToken)
    {
        var incidents = await store.GetIncidentsDeclaredAsync(scope, from, to, cancellationToken);
        var real = incidents.Where(i => !i.IsExercise).ToList();
        var bySeverity = Enumerable.Range(1, 4).ToDictionary(s => s, s => real.Count(i => i.Severity == s));
        int closed = 0, overdue = 0, open = 0;
        var principles = new Dictionary<string, int>();
        var lessons = new List<(string, string)>();
        var privateLessons = 0;
        foreach (var incident in incidents)
        {
            foreach (var item in await store.GetActionItemsAsync(scope, incident.Id, cancellationToken))
            {
                if (item.Status == ActionItemStatus.Done)
                {
                    closed++;
                }
                else if (item.DueDate < today)
                {
                    overdue++;
                }
                else
                {
                    open++;
                }
            }

            if (await store.FindPostMortemAsync(scope, incident.Id, cancellationToken) is not { } postMortem)
            {
                continue;
            }

            foreach (var principle in postMortem.RootCauses.SelectMany(c => c.PrincipleList))
            {
                principles[principle] = principles.GetValueOrDefault(principle) + 1;
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
            principles.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(MaxPrinciples).Select(p => (FirstPrinciples.Title(p.Key), p.Value)).ToList(),
            lessons.Take(MaxLessons).ToList(),
            privateLessons);
    }

    public static TimeSpan? Median(IEnumerable<TimeSpan?> spans)
    {
        var values = spans.Where(s => s.HasValue).Select(s => s!.Value).OrderBy(s => s).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        return values.Count % 2 == 1
            ? values[values.Count / 2]
            : TimeSpan.FromTicks((values[(values.Count / 2) - 1].Ticks + values[values.Count / 2].Ticks) / 2);
    }

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
