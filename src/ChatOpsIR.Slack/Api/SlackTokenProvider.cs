using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Installations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Slack.Ingress;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack.Api;

/// <summary>ChatOpsIR is not installed in a workspace it was asked to act in.</summary>
public sealed class SlackNotInstalledException(string team)
    : Exception($"ChatOpsIR is not installed in the Slack workspace {team}.");

/// <summary>
/// The bot token of each install: from its installation (encrypted at rest with ASP.NET Data Protection), or the
/// single `Slack:BotToken` of a one-workspace deployment. An install is keyed by its workspace (`T…`), or by its
/// enterprise (`E…`) when it is org-wide on Enterprise Grid (<see cref="SlackTenant.Key"/>).
/// </summary>
public sealed class SlackTokenProvider(IInstallationStore installations, IDataProtectionProvider protection, IOptions<SlackOptions> options)
{
    private const string Purpose = "ChatOpsIR.Slack.BotToken.v1";

    public async Task<string> GetTokenAsync(string team, CancellationToken cancellationToken)
    {
        if (await installations.FindAsync(TenantScope.Slack(team), Platform.Slack, cancellationToken) is { } installation)
        {
            return protection.CreateProtector(Purpose).Unprotect(installation.ProtectedSecret);
        }

        return options.Value.BotToken is { Length: > 0 } token ? token : throw new SlackNotInstalledException(team);
    }

    public PlatformInstallation Protect(string team, string token, DateTime installedAt) =>
        new(TenantScope.Slack(team), Platform.Slack, protection.CreateProtector(Purpose).Protect(token), installedAt);
}
