using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
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

    public async Task<IReadOnlyList<Guid>> FindResolvedWithoutPostMortemAsync(DateTime resolvedFrom, DateTime resolvedTo, CancellationToken cancellationToken) =>
        await db.Incidents.AsNoTracking()
            .Where(i => i.Status == IncidentStatus.Resolved && i.ResolvedAt >= resolvedFrom && i.ResolvedAt <= resolvedTo)
            .Where(i => !db.PostMortems.Any(p => p.IncidentId == i.Id))
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> FindIdlePostMortemsAsync(DateTime updatedAfter, DateTime updatedBefore, CancellationToken cancellationToken) =>
        await db.PostMortems.AsNoTracking()
            .Where(p => p.PublishedAt == null && p.UpdatedAt >= updatedAfter && p.UpdatedAt <= updatedBefore)
            .Select(p => p.IncidentId)
            .ToListAsync(cancellationToken);

    public Task<PostMortem?> FindPostMortemAsync(Guid incidentId, CancellationToken cancellationToken) =>
        db.PostMortems.AsNoTracking().FirstOrDefaultAsync(p => p.IncidentId == incidentId, cancellationToken);

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
