using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

/// <summary>Rows kept once per natural key (a conversation, an installation), written by any host at any moment.</summary>
internal static class UniqueRows
{
    private const int MaxAttempts = 3;

    /// <summary>
    /// Adds <paramref name="row"/> and saves at once: true when it went in, false when the unique index already held a
    /// row with its key (nothing is written, and the refused row is no longer tracked).
    /// </summary>
    public static async Task<bool> TryAddAsync<T>(ChatOpsDbContext db, T row, CancellationToken cancellationToken)
        where T : class
    {
        db.Add(row);
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

    /// <summary>
    /// Adds <paramref name="candidate"/> or lets <paramref name="refresh"/> update the stored row (returning false when
    /// nothing changed, so nothing is written). When another host adds the same row at the same moment, the unique
    /// index refuses one insert and the loser refreshes the winner's row instead.
    /// </summary>
    public static async Task SaveAsync<T>(ChatOpsDbContext db, IQueryable<T> stored, T candidate, Func<T, bool> refresh, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await stored.FirstOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                db.Add(candidate);
            }
            else if (!refresh(existing))
            {
                return;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts && (ex is DbUpdateConcurrencyException || EfIncidentStore.IsUniqueViolation(ex)))
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
