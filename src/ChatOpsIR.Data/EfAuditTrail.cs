using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

/// <summary>
/// The audit trail in the database. Linking takes the scope's head and its unlinked rows in the order they were written
/// and gives each the next sequence number and hash, in one transaction; the unique index on (scope, sequence) refuses a
/// second linker that read the same head, which then starts again from the new head.
/// </summary>
internal sealed class EfAuditTrail(ChatOpsDbContext db) : IAuditTrail
{
    public const int MaxAttempts = 5;

    public void Add(AuditRecord record) => db.AuditRecords.Add(record);

    public async Task<int> LinkPendingAsync(TenantScope scope, int max, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await LinkOnceAsync(scope, max, cancellationToken);
            }
            catch (DbUpdateException ex) when (EfIncidentStore.IsUniqueViolation(ex) && attempt < MaxAttempts)
            {
                // Another host linked the same rows first: what is left starts from its head.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<int> LinkOnceAsync(TenantScope scope, int max, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var head = await db.AuditRecords.AsNoTracking()
            .Where(r => r.Scope == scope && r.Sequence != null)
            .OrderByDescending(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var pending = await db.AuditRecords
            .Where(r => r.Scope == scope && r.Sequence == null)
            .OrderBy(r => r.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditChain.Genesis;
        foreach (var row in pending)
        {
            row.Link(++sequence, previous);
            previous = row.Hash!;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pending.Count;
    }

    public Task<AuditVerification> VerifyAsync(TenantScope scope, CancellationToken cancellationToken) =>
        AuditChain.VerifyAsync(
            db.AuditRecords.AsNoTracking().Where(r => r.Scope == scope && r.Sequence != null).OrderBy(r => r.Sequence).AsAsyncEnumerable(),
            cancellationToken);

    public Task<int> CountPendingAsync(TenantScope scope, CancellationToken cancellationToken) =>
        db.AuditRecords.CountAsync(r => r.Scope == scope && r.Sequence == null, cancellationToken);

    public async Task<IReadOnlyList<TenantScope>> ScopesAsync(CancellationToken cancellationToken) =>
        await db.AuditRecords.Select(r => r.Scope).Distinct().ToListAsync(cancellationToken);

    public Task<AuditRecord?> FindAsync(TenantScope scope, long sequence, CancellationToken cancellationToken) =>
        db.AuditRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Sequence == sequence, cancellationToken);

    public async Task<IReadOnlyList<TenantScope>> ScopesWithPendingAsync(CancellationToken cancellationToken) =>
        await db.AuditRecords.Where(r => r.Sequence == null).Select(r => r.Scope).Distinct().ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<AuditRecord>> ForIncidentAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken)
    {
        var rows = await db.AuditRecords.AsNoTracking()
            .Where(r => r.Scope == scope && r.IncidentId == incidentId)
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Sequence is null).ThenBy(r => r.Sequence).ThenBy(r => r.Id)];
    }

    public IAsyncEnumerable<AuditLink> LinksAsync(TenantScope scope, CancellationToken cancellationToken) =>
        db.AuditRecords.AsNoTracking()
            .Where(r => r.Scope == scope && r.Sequence != null)
            .OrderBy(r => r.Sequence)
            .Select(r => new AuditLink(r.Sequence!.Value, r.PreviousHash!, r.Hash!))
            .AsAsyncEnumerable();
}
