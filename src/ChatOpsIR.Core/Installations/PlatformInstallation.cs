using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Installations;

/// <summary>
/// ChatOpsIR installed in one workspace or tenant: who installed it, with which permissions, and the bot's secret
/// for that workspace — already encrypted by the adapter; Core and the database never see it in clear.
/// </summary>
public sealed class PlatformInstallation
{
    private PlatformInstallation()
    {
        ProtectedSecret = string.Empty;
    }

    public PlatformInstallation(TenantScope scope, Platform platform, string protectedSecret, DateTime installedAt)
    {
        Id = Guid.NewGuid();
        Scope = scope;
        Platform = platform;
        ProtectedSecret = protectedSecret;
        InstalledAt = installedAt;
    }

    public Guid Id { get; private set; }
    public TenantScope Scope { get; private set; }
    public Platform Platform { get; private set; }
    public string ProtectedSecret { get; set; }
    public string? WorkspaceName { get; set; }
    public string? BotUserId { get; set; }
    public string? Permissions { get; set; }
    public string? InstalledById { get; set; }
    public DateTime InstalledAt { get; set; }
}
