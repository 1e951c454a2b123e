using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Installations;
using ChatOpsIR.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

internal sealed class EfInstallationStore(ChatOpsDbContext db) : IInstallationStore
{
    public Task<PlatformInstallation?> FindAsync(string scope, Platform platform, CancellationToken cancellationToken) =>
        db.Installations.AsNoTracking().FirstOrDefaultAsync(i => i.Scope == scope && i.Platform == platform, cancellationToken);

    public async Task SaveAsync(PlatformInstallation installation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await db.Installations.FirstOrDefaultAsync(i => i.Scope == installation.Scope && i.Platform == installation.Platform, cancellationToken);
            if (stored is null)
            {
                db.Installations.Add(installation);
            }
            else
            {
                stored.ProtectedSecret = installation.ProtectedSecret;
                stored.WorkspaceName = installation.WorkspaceName;
                stored.BotUserId = installation.BotUserId;
                stored.Permissions = installation.Permissions;
                stored.InstalledById = installation.InstalledById;
                stored.InstalledAt = installation.InstalledAt;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 3 && EfIncidentStore.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<bool> RemoveAsync(string scope, Platform platform, CancellationToken cancellationToken) =>
        await db.Installations.Where(i => i.Scope == scope && i.Platform == platform).ExecuteDeleteAsync(cancellationToken) > 0;
}
