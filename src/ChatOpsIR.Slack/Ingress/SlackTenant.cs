using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// Whose request this is. An app installed in one workspace is keyed by its team (`T…`); an org-wide install on
/// Enterprise Grid (`is_enterprise_install`) is one installation for every workspace of the organisation, keyed by its
/// enterprise (`E…`), so all of them share one token and one scope. A workspace of a Grid org that installed the app
/// on its own (enterprise_id set, is_enterprise_install false) stays a scope of its own.
/// <see cref="Key"/> is what <see cref="Core.Incidents.TenantScope.Slack"/> scopes an install by.
/// </summary>
public sealed record SlackTenant(string? TeamId, string? EnterpriseId, bool IsEnterpriseInstall)
{
    /// <summary>The installation and scope key: the enterprise of an org-wide install, the workspace otherwise; null when the payload names neither.</summary>
    public string? Key => IsEnterpriseInstall && !string.IsNullOrEmpty(EnterpriseId) ? EnterpriseId
        : string.IsNullOrEmpty(TeamId) ? null : TeamId;

    /// <summary>The workspace a request came from when the install is org-wide (Slack must be told where to create a channel); null otherwise.</summary>
    public string? Workspace => IsEnterpriseInstall ? TeamId : null;

    /// <summary>The install an event belongs to: an org-wide install shows in the authorizations (or the envelope) as is_enterprise_install.</summary>
    public static SlackTenant Of(SlackEventEnvelope envelope)
    {
        var authorization = envelope.Authorizations?.FirstOrDefault();
        var enterprise = envelope.EnterpriseId ?? authorization?.EnterpriseId;
        var orgWide = envelope.IsEnterpriseInstall ?? authorization?.IsEnterpriseInstall ?? false;
        return new SlackTenant(envelope.TeamId ?? authorization?.TeamId, enterprise, orgWide);
    }

    /// <summary>The install an interaction belongs to.</summary>
    public static SlackTenant Of(SlackInteraction payload) =>
        new(payload.Team?.Id ?? payload.User?.TeamId, payload.Enterprise?.Id, payload.IsEnterpriseInstall == true);

    /// <summary>Slack sends booleans in forms as text ("true"/"false").</summary>
    public static bool FormFlag(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
}
