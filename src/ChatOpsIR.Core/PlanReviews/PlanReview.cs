using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PlanReviews;

public enum PlanReviewStatus
{
    Pending = 0,
    Recorded = 1,
}

public enum PlanReviewDecision
{
    None = 0,

    /// <summary>The plan still fits; no change.</summary>
    Confirmed = 1,

    /// <summary>The plan needs changes (listed in the notes).</summary>
    UpdateNeeded = 2,
}

/// <summary>
/// One review of the incident-response plan (CSA CCM SEF-01: at least once a year): what was asked of whom, over which
/// period, and the recorded outcome — who, when, the decision and the next review date. <see cref="Key"/> keeps the
/// yearly review to one per scope and year, whichever host starts it.
/// </summary>
public sealed class PlanReview
{
    public const int MaxNotesLength = 4000;

    private PlanReview()
    {
        Key = string.Empty;
        OwnerId = string.Empty;
        OwnerName = string.Empty;
    }

    public PlanReview(TenantScope scope, string key, string ownerId, string ownerName, DateTime periodFrom, DateTime periodTo, DateTime now)
    {
        Id = Guid.NewGuid();
        Scope = scope;
        Key = key;
        OwnerId = ownerId;
        OwnerName = ownerName;
        PeriodFrom = periodFrom;
        PeriodTo = periodTo;
        RequestedAt = now;
        Status = PlanReviewStatus.Pending;
    }

    public Guid Id { get; private set; }
    public TenantScope Scope { get; private set; }

    /// <summary>"yearly:2027" for the scheduled review, "on-demand:…" for `plan review now`.</summary>
    public string Key { get; private set; }

    public string OwnerId { get; private set; }
    public string OwnerName { get; private set; }
    public DateTime PeriodFrom { get; private set; }
    public DateTime PeriodTo { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public PlanReviewStatus Status { get; private set; }
    public PlanReviewDecision Decision { get; private set; }
    public string? Notes { get; private set; }
    public string? ReviewedById { get; private set; }
    public string? ReviewedByName { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public DateOnly? NextReviewDue { get; private set; }

    public void Record(Incidents.ChatUser by, PlanReviewDecision decision, string? notes, DateOnly nextReviewDue, DateTime now)
    {
        if (Status == PlanReviewStatus.Recorded)
        {
            throw new InvalidOperationException("This review is already recorded.");
        }

        Status = PlanReviewStatus.Recorded;
        Decision = decision;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim().Length > MaxNotesLength ? notes.Trim()[..MaxNotesLength] : notes.Trim();
        ReviewedById = by.Id;
        ReviewedByName = by.DisplayName;
        ReviewedAt = now;
        NextReviewDue = nextReviewDue;
    }
}
