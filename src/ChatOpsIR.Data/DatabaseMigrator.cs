using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

/// <summary>Brings the database up to the current migration of its provider.</summary>
public sealed class DatabaseMigrator(ChatOpsDbContext db)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers work while a command writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task<bool> CanConnectAsync(CancellationToken cancellationToken) => db.Database.CanConnectAsync(cancellationToken);
}
