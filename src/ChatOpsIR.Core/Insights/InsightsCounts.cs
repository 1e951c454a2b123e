using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;

namespace ChatOpsIR.Core.Insights;

/// <summary>The counting rules the insights, the `metrics` verb and the plan review share.</summary>
public static class InsightsCounts
{
    /// <summary>Whether an item is overdue today: still open after its due date.</summary>
    public static bool IsOverdue(ActionItem item, DateOnly today) => item.Status != ActionItemStatus.Done && item.DueDate < today;

    /// <summary>Done, overdue, and open but not yet due.</summary>
    public static (int Closed, int Overdue, int Open) Tally(IEnumerable<ActionItem> items, DateOnly today)
    {
        int closed = 0, overdue = 0, open = 0;
        foreach (var item in items)
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

        return (closed, overdue, open);
    }

    /// <summary>
    /// The first principles the root causes of these post-mortems name as failed, most named first (ties in name order),
    /// by their titles. A private incident's post-mortem counts like any other: only the principle's name shows.
    /// </summary>
    public static IReadOnlyList<PrincipleCount> FailedPrinciples(IEnumerable<PostMortem> postMortems, int? top = null)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var principle in postMortems.SelectMany(p => p.RootCauses).SelectMany(c => c.PrincipleList))
        {
            counts[principle] = counts.GetValueOrDefault(principle) + 1;
        }

        var ordered = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new PrincipleCount(FirstPrinciples.Title(p.Key), p.Value));
        return (top is { } n ? ordered.Take(n) : ordered).ToList();
    }
}
