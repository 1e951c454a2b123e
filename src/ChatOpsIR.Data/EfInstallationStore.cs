using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Installations;
using ChatOpsIR.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

internal sealed class EfInstallationStore(ChatOpsDbContext db) : IInstallationStore
{
    public Task<PlatformInstallation?> FindAsync(TenantScope scope, Platform platform, CancellationToken cancellationToken) =>
        db.Installations.AsNoTracking().FirstOrDefaultAsync(i => i.Scope == scope && i.Platform == platform, cancellationToken);

    public Task SaveAsync(PlatformInstallation installation, CancellationToken cancellationToken) =>
        UniqueRows.SaveAsync(
            db,
            db.Installations.Where(i => i.Scope == installation.Scope && i.Platform == installation.Platform),
            installation,
            stored =>
            {
                // A reinstall replaces everything Slack gave the first time.
                stored.ProtectedSecret = installation.ProtectedSecret;
                stored.WorkspaceName = installation.WorkspaceName;
                stored.BotUserId = installation.BotUserId;
                stored.Permissions = installation.Permissions;
                stored.InstalledById = installation.InstalledById;
                stored.InstalledAt = installation.InstalledAt;
                return true;
            },
            cancellationToken);

    public async Task<bool> RemoveAsync(TenantScope scope, Platform platform, CancellationToken cancellationToken) =>
        await db.Installations.Where(i => i.Scope == scope && i.Platform == platform).ExecuteDeleteAsync(cancellationToken) > 0;
}
