using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.SlowWork;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

/// <summary>
/// Claims are conditional UPDATEs: two runs racing for one item both match the row, the database lets one update it, and
/// the other re-reads it, no longer finds it free, and changes nothing (as <see cref="EfFollowUpStore"/> takes over claims).
/// </summary>
internal sealed class EfWorkItemStore(ChatOpsDbContext db) : IWorkItemStore
{
    public Task<WorkItem?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);

    public async Task<bool> TryClaimAsync(Guid id, Guid claimToken, DateTime now, DateTime staleBefore, CancellationToken cancellationToken) =>
        await db.WorkItems
            .Where(w => w.Id == id && w.CompletedAt == null && (w.ClaimedAt == null || w.ClaimedAt < staleBefore))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(w => w.ClaimToken, claimToken)
                    .SetProperty(w => w.ClaimedAt, now)
                    .SetProperty(w => w.Attempts, w => w.Attempts + 1),
                cancellationToken) == 1;

    public Task RecordChannelAsync(Guid id, Guid claimToken, string channelId, string channelName, string? channelUrl, CancellationToken cancellationToken) =>
        Held(id, claimToken).ExecuteUpdateAsync(
            set => set
                .SetProperty(w => w.CreatedChannelId, channelId)
                .SetProperty(w => w.CreatedChannelName, channelName)
                .SetProperty(w => w.CreatedChannelUrl, channelUrl),
            cancellationToken);

    public Task CompleteAsync(Guid id, Guid claimToken, DateTime at, CancellationToken cancellationToken) =>
        Held(id, claimToken).ExecuteUpdateAsync(set => set.SetProperty(w => w.CompletedAt, at), cancellationToken);

    public Task ReleaseAsync(Guid id, Guid claimToken, CancellationToken cancellationToken) =>
        Held(id, claimToken).Where(w => w.CompletedAt == null).ExecuteUpdateAsync(
            set => set.SetProperty(w => w.ClaimedAt, (DateTime?)null).SetProperty(w => w.ClaimToken, (Guid?)null),
            cancellationToken);

    public async Task<IReadOnlyList<Guid>> FindDueAsync(DateTime staleBefore, int maxAttempts, int limit, CancellationToken cancellationToken) =>
        await db.WorkItems.AsNoTracking()
            .Where(w => w.CompletedAt == null && w.Attempts < maxAttempts && (w.ClaimedAt == null || w.ClaimedAt < staleBefore))
            .OrderBy(w => w.CreatedAt)
            .Select(w => w.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    private IQueryable<WorkItem> Held(Guid id, Guid claimToken) => db.WorkItems.Where(w => w.Id == id && w.ClaimToken == claimToken);
}
