using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Installations;

namespace ChatOpsIR.Core.Ports;

/// <summary>One installation per (scope, platform).</summary>
public interface IInstallationStore
{
    Task<PlatformInstallation?> FindAsync(TenantScope scope, Platform platform, CancellationToken cancellationToken);

    /// <summary>Adds the installation or replaces the stored one (a reinstall), and saves.</summary>
    Task SaveAsync(PlatformInstallation installation, CancellationToken cancellationToken);

    /// <summary>Forgets an installation (uninstalled, tokens revoked). True when there was one.</summary>
    Task<bool> RemoveAsync(TenantScope scope, Platform platform, CancellationToken cancellationToken);
}
