using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>What a post-mortem card shows besides the post-mortem itself; each section uses the parts it needs.</summary>
public sealed record StepView(Incident Incident, PostMortem PostMortem, TimeZoneInfo Zone, DateTime Now)
{
    public TimelineReview? Review { get; init; }
    public IReadOnlyList<ActionItem> ActionItems { get; init; } = [];
    public IReadOnlyList<NotificationClock> Clocks { get; init; } = [];
    public QualityReport? Quality { get; init; }

    /// <summary>Values the person just submitted, shown again beside <see cref="Errors"/>.</summary>
    public IReadOnlyDictionary<string, string>? Submitted { get; init; }

    public IReadOnlyDictionary<string, string>? Errors { get; init; }

    /// <summary>A line shown first, such as "Cause 2 saved."</summary>
    public string? Notice { get; init; }
}
