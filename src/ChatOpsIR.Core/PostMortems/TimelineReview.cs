using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>A stretch of more than <see cref="TimelineReview.GapThreshold"/> with nothing in the timeline.</summary>
public sealed record TimelineGap(DateTime From, DateTime To)
{
    public TimeSpan Length => To - From;
}

/// <summary>What the post-mortem derives from the timeline: key moments, durations between them, and silent gaps.</summary>
public sealed record TimelineReview(IReadOnlyList<(KeyMoment Moment, DateTime At)> KeyMoments, IncidentDurations Durations, IReadOnlyList<TimelineGap> Gaps, int EntryCount)
{
    public static readonly TimeSpan GapThreshold = TimeSpan.FromHours(1);

    /// <summary>Reviews a timeline already in time order (as the store returns it). Gaps are looked for up to resolution.</summary>
    public static TimelineReview Of(Incident incident, IReadOnlyList<TimelineEntry> timeline)
    {
        var moments = Enum.GetValues<KeyMoment>()
            .Select(m => (Moment: m, At: incident.MomentAt(m)))
            .Where(m => m.At is not null)
            .Select(m => (m.Moment, m.At!.Value))
            .OrderBy(m => m.Value)
            .ToList();

        var gaps = new List<TimelineGap>();
        var end = incident.ResolvedAt ?? DateTime.MaxValue;
        DateTime? previous = null;
        foreach (var entry in timeline)
        {
            if (entry.OccurredAt > end)
            {
                break;
            }

            if (previous is { } last && entry.OccurredAt - last > GapThreshold)
            {
                gaps.Add(new TimelineGap(last, entry.OccurredAt));
            }

            if (previous is null || entry.OccurredAt > previous)
            {
                previous = entry.OccurredAt;
            }
        }

        return new TimelineReview(moments, incident.Durations(), gaps, timeline.Count);
    }
}
