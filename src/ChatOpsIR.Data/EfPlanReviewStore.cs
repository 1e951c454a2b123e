using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

internal sealed class EfPlanReviewStore(ChatOpsDbContext db) : IPlanReviewStore
{
    public Task<PlanReview?> FindAsync(TenantScope scope, Guid id, CancellationToken cancellationToken) =>
        db.PlanReviews.FirstOrDefaultAsync(r => r.Scope == scope && r.Id == id, cancellationToken);

    public Task<PlanReview?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.PlanReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<PlanReview?> FindByKeyAsync(TenantScope scope, string key, CancellationToken cancellationToken) =>
        db.PlanReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);

    public Task<PlanReview?> FindLatestRecordedAsync(TenantScope scope, CancellationToken cancellationToken) =>
        db.PlanReviews.AsNoTracking()
            .Where(r => r.Scope == scope && r.Status == PlanReviewStatus.Recorded)
            .OrderByDescending(r => r.ReviewedAt)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<PlanReview?> FindLatestRecordedInAsync(TenantScope scope, int year, CancellationToken cancellationToken)
    {
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        return db.PlanReviews.AsNoTracking()
            .Where(r => r.Scope == scope && r.Status == PlanReviewStatus.Recorded && r.ReviewedAt >= from && r.ReviewedAt < to)
            .OrderByDescending(r => r.ReviewedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public Task<PlanReview?> FindLatestPendingAsync(TenantScope scope, CancellationToken cancellationToken) =>
        db.PlanReviews.AsNoTracking()
            .Where(r => r.Scope == scope && r.Status == PlanReviewStatus.Pending && r.Key.StartsWith("yearly:"))
            .OrderByDescending(r => r.RequestedAt)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> FindPendingRequestedBeforeAsync(DateTime requestedBefore, CancellationToken cancellationToken) =>
        await db.PlanReviews.AsNoTracking()
            .Where(r => r.Status == PlanReviewStatus.Pending && r.RequestedAt <= requestedBefore)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);

    public void Add(PlanReview review) => db.PlanReviews.Add(review);

    public Task<bool> TryAddAsync(PlanReview review, CancellationToken cancellationToken) =>
        UniqueRows.TryAddAsync(db, review, cancellationToken);
}
