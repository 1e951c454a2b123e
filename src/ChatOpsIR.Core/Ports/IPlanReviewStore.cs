using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;

namespace ChatOpsIR.Core.Ports;

/// <summary>Plan reviews. Add stages on the same unit of work as <see cref="IIncidentStore"/>; <see cref="TryAddAsync"/> saves at once.</summary>
public interface IPlanReviewStore
{
    Task<PlanReview?> FindAsync(TenantScope scope, Guid id, CancellationToken cancellationToken);

    Task<PlanReview?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The review with this key in this scope ("yearly:2027"), unchanged by this unit of work.</summary>
    Task<PlanReview?> FindByKeyAsync(TenantScope scope, string key, CancellationToken cancellationToken);

    Task<PlanReview?> FindLatestRecordedAsync(TenantScope scope, CancellationToken cancellationToken);

    /// <summary>The review last recorded (signed off) in <paramref name="year"/> (UTC), or null.</summary>
    Task<PlanReview?> FindLatestRecordedInAsync(TenantScope scope, int year, CancellationToken cancellationToken);

    Task<PlanReview?> FindLatestPendingAsync(TenantScope scope, CancellationToken cancellationToken);

    /// <summary>Pending reviews requested before <paramref name="requestedBefore"/>, in every scope.</summary>
    Task<IReadOnlyList<Guid>> FindPendingRequestedBeforeAsync(DateTime requestedBefore, CancellationToken cancellationToken);

    void Add(PlanReview review);

    /// <summary>Adds and saves; false when a review with the same scope and key exists (another host started it).</summary>
    Task<bool> TryAddAsync(PlanReview review, CancellationToken cancellationToken);
}
