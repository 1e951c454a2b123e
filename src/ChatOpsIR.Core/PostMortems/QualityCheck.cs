using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

public sealed record QualityItem(string Name, bool Passed, string Detail);

/// <summary>The checklist shown before publishing. The commander may publish with open points only by giving a reason, which the report keeps.</summary>
public sealed record QualityReport(IReadOnlyList<QualityItem> Items)
{
    public bool Passed => Items.All(i => i.Passed);

    public IEnumerable<QualityItem> Open => Items.Where(i => !i.Passed);

    public static QualityReport Of(PostMortem postMortem, TimelineReview review, IReadOnlyList<ActionItem> actionItems)
    {
        var missing = postMortem.Sections.Where(s => !s.IsDone && s.Section != PostMortemSection.Summary).Select(s => s.Section.Title()).ToList();
        var summary = postMortem.State(PostMortemSection.Summary);
        if (!summary.IsDone)
        {
            missing.Add(PostMortemSection.Summary.Title());
        }

        var causes = postMortem.RootCauses.Count();
        var causeSkipped = postMortem.State(PostMortemSection.RootCauses).Status == SectionStatus.Skipped;
        var incomplete = actionItems.Where(a => string.IsNullOrWhiteSpace(a.OwnerId) || a.DueDate == default).Select(a => a.Reference).ToList();
        var gapsExplained = review.Gaps.Count == 0 || !string.IsNullOrWhiteSpace(postMortem.Value(PostMortemSection.Timeline, PostMortemQuestions.TimelineGaps));
        var openHints = postMortem.Findings.Where(f => f.BlameState == BlameState.Open).Select(f => f.Label).ToList();
        var exposed = ExposedDataWithoutConfidentialityImpact(postMortem);

        return new QualityReport(
        [
            new("Every section answered, or skipped with a reason", missing.Count == 0,
                missing.Count == 0 ? "All nine sections are done." : $"Still open: {string.Join(", ", missing)}."),
            new("At least two root causes, or a reason why there is one", causes >= 2 || (causes == 1 && postMortem.SingleCauseReason is not null) || causeSkipped,
                causes >= 2 ? $"{causes} root causes." : causes == 1
                    ? postMortem.SingleCauseReason is { } why ? $"One root cause, because: {why}" : "Only one root cause and no reason given. Look for what enabled it."
                    : causeSkipped ? "Root causes were skipped with a reason." : "No root cause yet."),
            new("Every action item has an owner and a due date", incomplete.Count == 0,
                incomplete.Count == 0 ? $"{Plural.Of(actionItems.Count, "action item")}, all owned and dated." : $"Missing owner or date: {string.Join(", ", incomplete)}."),
            new("No unexplained gap in the timeline", gapsExplained,
                review.Gaps.Count == 0 ? "No gap over an hour." : gapsExplained ? $"{Plural.Of(review.Gaps.Count, "gap")} over an hour, explained." : $"{Plural.Of(review.Gaps.Count, "gap")} over an hour with no explanation (timeline section)."),
            new("No open blame hint", openHints.Count == 0,
                openHints.Count == 0 ? "Causes and lessons are worded blamelessly, or their authors chose to keep their words." : $"Reword or keep: {string.Join(", ", openHints)}."),
            new("Impact answers agree with each other", exposed.Count == 0,
                exposed.Count == 0
                    ? "The data categories and the confidentiality impact fit together."
                    : $"The impact section lists {Join(exposed)} as affected but gives the confidentiality impact as none. " +
                      "If that data was exposed, raise the confidentiality impact; if it was not, remove it from the data categories (they also start the notification clocks)."),
        ]);
    }

    /// <summary>The data categories recorded as affected while the confidentiality impact is "none": one answer must be wrong.</summary>
    private static IReadOnlyList<string> ExposedDataWithoutConfidentialityImpact(PostMortem postMortem)
    {
        var confidentiality = postMortem.Value(PostMortemSection.Impact, PostMortemQuestions.ImpactConfidentiality);
        var recorded = postMortem.Value(PostMortemSection.Impact, PostMortemQuestions.ImpactData);
        if (!string.Equals(confidentiality?.Trim(), "none", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(recorded))
        {
            return [];
        }

        var values = recorded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return PostMortemQuestions.DataCategories
            .Where(c => values.Contains(c.Value, StringComparer.OrdinalIgnoreCase))
            .Select(c => c.Title.ToLowerInvariant())
            .ToList();
    }

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}

/// <summary>Everything a report shows, gathered once; renderers read only this.</summary>
public sealed record PostMortemDocument(
    Incident Incident,
    PostMortem PostMortem,
    IReadOnlyList<TimelineEntry> Timeline,
    TimelineReview Review,
    IReadOnlyList<ActionItem> ActionItems,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyList<NotificationClock> Clocks,
    QualityReport Quality,
    TimeZoneInfo TimeZone,
    DateTime GeneratedAt)
{
    /// <summary>The version this document is frozen as, or null for a live draft.</summary>
    public int? Version { get; init; }

    /// <summary>The reason the commander gave for publishing with open quality points.</summary>
    public string? QualityOverride { get; init; }

    public string? PublishedByName { get; init; }

    /// <summary>Access granted during the incident and whether it was taken back.</summary>
    public IReadOnlyList<AccessGrant> AccessGrants { get; init; } = [];

    /// <summary>The incident's rows in the audit trail and whether the chain they sit in holds (reports and published versions).</summary>
    public AuditSummary? Audit { get; init; }
}

/// <summary>How many changes to the incident are on record, how many wait to be linked, and the chain's verification.</summary>
public sealed record AuditSummary(int Rows, int Pending, Audit.AuditVerification Verification);
