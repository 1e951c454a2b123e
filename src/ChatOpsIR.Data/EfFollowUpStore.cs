using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;
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

    public async Task<IReadOnlyList<Guid>> FindIncidentsWithAccessToRevokeAsync(DateTime now, CancellationToken cancellationToken) =>
        await db.AccessGrants.AsNoTracking()
            .Where(g => g.RevokedAt == null && (g.Until < now || db.Incidents.Any(i => i.Id == g.IncidentId && i.Status != IncidentStatus.Open)))
            .Select(g => g.IncidentId)
            .Distinct()
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<AccessGrant>> GetOpenAccessGrantsAsync(Guid incidentId, CancellationToken cancellationToken) =>
        await db.AccessGrants.AsNoTracking()
            .Where(g => g.IncidentId == incidentId && g.RevokedAt == null)
            .OrderBy(g => g.Number)
            .ToListAsync(cancellationToken);

    public Task<PostMortem?> FindPostMortemAsync(Guid incidentId, CancellationToken cancellationToken) =>
        db.PostMortems.AsNoTracking().FirstOrDefaultAsync(p => p.IncidentId == incidentId, cancellationToken);

    public Task<bool> IsClaimedAsync(Guid subjectId, string occurrence, DateTime staleBefore, CancellationToken cancellationToken) =>
        db.FollowUpDeliveries.AnyAsync(d => d.SubjectId == subjectId && d.Occurrence == occurrence && (d.SentAt != null || d.ClaimedAt >= staleBefore), cancellationToken);

    public async Task<bool> TryClaimAsync(FollowUpDelivery delivery, DateTime staleBefore, CancellationToken cancellationToken)
    {
        if (await UniqueRows.TryAddAsync(db, delivery, cancellationToken))
        {
            return true;
        }

        // Claimed already. A pending claim past its lease was left by a run that died before it sent (or marked) it: take
        // it over with one conditional UPDATE. Two runs racing here both match the row, but the database lets one update
        // it; the other re-reads it (PostgreSQL re-checks the WHERE on the new row, SQL Server holds an update lock,
        // SQLite has one writer), no longer finds a stale claim, and changes nothing.
        var taken = await db.FollowUpDeliveries
            .Where(d => d.SubjectId == delivery.SubjectId && d.Occurrence == delivery.Occurrence && d.SentAt == null && d.ClaimedAt < staleBefore)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(d => d.ClaimToken, delivery.ClaimToken)
                    .SetProperty(d => d.ClaimedAt, delivery.ClaimedAt)
                    .SetProperty(d => d.RecipientId, delivery.RecipientId)
                    .SetProperty(d => d.TakeOvers, d => d.TakeOvers + 1),
                cancellationToken);
        return taken == 1;
    }

    public async Task MarkSentAsync(FollowUpDelivery claim, DateTime at, bool unreachable, CancellationToken cancellationToken) =>
        await Held(claim).ExecuteUpdateAsync(set => set.SetProperty(d => d.SentAt, at).SetProperty(d => d.Unreachable, unreachable), cancellationToken);

    public Task ReleaseAsync(FollowUpDelivery claim, CancellationToken cancellationToken) =>
        Held(claim).Where(d => d.SentAt == null).ExecuteDeleteAsync(cancellationToken);

    public async Task<int> DeleteOldDeliveriesAsync(DateTime claimedBefore, DateTime closedBefore, CancellationToken cancellationToken) =>
        await db.FollowUpDeliveries
            .Where(d => d.ClaimedAt < claimedBefore
                || db.ActionItems.Any(a => a.Id == d.SubjectId && a.Status == ActionItemStatus.Done && a.DoneAt < closedBefore)
                || db.PlanReviews.Any(r => r.Id == d.SubjectId && r.Status == PlanReviewStatus.Recorded && r.ReviewedAt < closedBefore)
                || db.PostMortems.Any(p => p.Id == d.SubjectId && p.PublishedAt < closedBefore))
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>The claim, while this run holds it (a run that took it over wrote its own token).</summary>
    private IQueryable<FollowUpDelivery> Held(FollowUpDelivery claim) =>
        db.FollowUpDeliveries.Where(d => d.SubjectId == claim.SubjectId && d.Occurrence == claim.Occurrence && d.ClaimToken == claim.ClaimToken);
}
