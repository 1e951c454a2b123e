using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

internal sealed class EfFollowUpStore(ChatOpsDbContext db) : IFollowUpStore
{
    public async Task<IReadOnlyList<Guid>> FindOpenActionItemsDueByAsync(DateOnly dueOnOrBefore, DateTime handedOverSince, CancellationToken cancellationToken) =>
        await db.ActionItems.AsNoTracking()
            .Where(a => a.Status == ActionItemStatus.Open && (a.DueDate <= dueOnOrBefore || a.HandedOverAt >= handedOverSince))
            .OrderBy(a => a.DueDate)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);

    public Task<ActionItem?> FindActionItemAsync(Guid id, CancellationToken cancellationToken) =>
        db.ActionItems.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<Incident?> FindIncidentAsync(Guid id, CancellationToken cancellationToken) =>
        db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    public Task<bool> IsClaimedAsync(Guid subjectId, string occurrence, CancellationToken cancellationToken) =>
        db.FollowUpDeliveries.AnyAsync(d => d.SubjectId == subjectId && d.Occurrence == occurrence, cancellationToken);

    public async Task<bool> TryClaimAsync(FollowUpDelivery delivery, CancellationToken cancellationToken)
    {
        db.FollowUpDeliveries.Add(delivery);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (EfIncidentStore.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public Task ReleaseAsync(Guid deliveryId, CancellationToken cancellationToken) =>
        db.FollowUpDeliveries.Where(d => d.Id == deliveryId).ExecuteDeleteAsync(cancellationToken);
}
