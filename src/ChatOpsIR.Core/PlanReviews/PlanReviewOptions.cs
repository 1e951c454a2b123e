using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PlanReviews;

/// <summary>
/// `PlanReview:*`: the yearly review of the incident-response plan — in which workspace or tenant (<see cref="Scope"/>:
/// slack:&lt;team id&gt;, teams:&lt;tenant id&gt; or web), who owns the plan, on which day it falls (09:00 in
/// `Reminders:TimeZone`), and after how many unanswered days it is escalated. Without a scope and owner there is no
/// yearly job; `plan review now` still works.
/// </summary>
public sealed class PlanReviewOptions
{
    public const string SectionName = "PlanReview";

    public string? Scope { get; set; }
    public string? OwnerId { get; set; }
    public string? OwnerName { get; set; }
    public int Month { get; set; } = 1;
    public int Day { get; set; } = 15;
    public int EscalateAfterDays { get; set; } = 14;

    /// <summary>Who is told when the review is not recorded in time (a CISO, say); empty to remind the owner again.</summary>
    public string? EscalateToId { get; set; }

    public string? EscalateToName { get; set; }

    /// <summary>The web war room channel where the review appears when the scope is the web war room.</summary>
    public string WebChannel { get; set; } = "plan-review";

    /// <summary>The workspace or tenant <see cref="Scope"/> names; null when it is unset or not a scope.</summary>
    public TenantScope? ReviewScope => TenantScope.TryParse(Scope, out var scope) ? scope : null;

    public bool IsScheduled => !string.IsNullOrWhiteSpace(Scope) && !string.IsNullOrWhiteSpace(OwnerId);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(Scope) != !string.IsNullOrWhiteSpace(OwnerId))
        {
            errors.Add("PlanReview:Scope and PlanReview:OwnerId are set together (or neither, for no yearly review).");
        }

        if (!string.IsNullOrWhiteSpace(Scope) && ReviewScope is null)
        {
            errors.Add($"PlanReview:Scope '{Scope}' must be slack:<team id>, teams:<tenant id> or web.");
        }

        if (Month is < 1 or > 12)
        {
            errors.Add("PlanReview:Month must be between 1 and 12.");
        }

        if (Day is < 1 or > 28)
        {
            errors.Add("PlanReview:Day must be between 1 and 28 (a day every month has).");
        }

        if (EscalateAfterDays is < 1 or > 180)
        {
            errors.Add("PlanReview:EscalateAfterDays must be between 1 and 180.");
        }

        return errors;
    }
}
