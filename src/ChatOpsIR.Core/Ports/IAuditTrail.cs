using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>
/// The audit trail: rows are staged with the change they describe and written in the same commit (the incident store's
/// <see cref="IIncidentStore.SaveChangesAsync"/>), so an acknowledged change always has its row. Linking them into the
/// scope's hash chain happens afterwards, in the order they were written, by <see cref="LinkPendingAsync"/>.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Stages a row with the current unit of work.</summary>
    void Add(AuditRecord record);

    /// <summary>Links the scope's rows written so far (up to <paramref name="max"/>); returns how many were linked.</summary>
    Task<int> LinkPendingAsync(TenantScope scope, int max, CancellationToken cancellationToken);

    /// <summary>Walks the scope's chain from its first row and says whether it holds, or where it breaks.</summary>
    Task<AuditVerification> VerifyAsync(TenantScope scope, CancellationToken cancellationToken);

    /// <summary>How many of the scope's rows are written but not linked yet.</summary>
    Task<int> CountPendingAsync(TenantScope scope, CancellationToken cancellationToken);

    /// <summary>Every scope with audit rows.</summary>
    Task<IReadOnlyList<TenantScope>> ScopesAsync(CancellationToken cancellationToken);

    /// <summary>A linked row by its place in the scope's chain, as it is stored now.</summary>
    Task<AuditRecord?> FindAsync(TenantScope scope, long sequence, CancellationToken cancellationToken);

    /// <summary>The scopes that have rows written but not linked yet (for the linker job).</summary>
    Task<IReadOnlyList<TenantScope>> ScopesWithPendingAsync(CancellationToken cancellationToken);

    /// <summary>An incident's rows in chain order (linked rows first by sequence, then rows not linked yet as written).</summary>
    Task<IReadOnlyList<AuditRecord>> ForIncidentAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken);

    /// <summary>
    /// The links of the scope's whole chain (sequence, previous hash, hash) from its first row to its head, without the rows'
    /// content: with an incident's full rows, enough to check offline that they sit unchanged in an unbroken chain.
    /// </summary>
    IAsyncEnumerable<AuditLink> LinksAsync(TenantScope scope, CancellationToken cancellationToken);
}
