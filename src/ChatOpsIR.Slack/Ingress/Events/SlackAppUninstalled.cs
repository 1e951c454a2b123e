using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Slack.Ingress.Events;

/// <summary>The app was removed from the install, or its token revoked: the stored token is deleted before Slack is answered.</summary>
public sealed class SlackAppUninstalled(IInstallationStore installations) : ISlackEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [SlackEventTypes.AppUninstalled, SlackEventTypes.TokensRevoked];

    public Task HandleAsync(SlackEventDelivery delivery, CancellationToken cancellationToken) =>
        installations.RemoveAsync(TenantScope.Slack(delivery.Team), Platform.Slack, cancellationToken);
}
