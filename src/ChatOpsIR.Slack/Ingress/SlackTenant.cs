namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// Whose request this is. An app installed in one workspace is keyed by its team (`T…`); an org-wide install on
/// Enterprise Grid (`is_enterprise_install`) is one installation for every workspace of the organisation, keyed by its
/// enterprise (`E…`), so all of them share one token and one scope. A workspace of a Grid org that installed the app
/// on its own (enterprise_id set, is_enterprise_install false) stays a scope of its own.
/// </summary>
public sealed record SlackTenant(string? TeamId, string? EnterpriseId, bool IsEnterpriseInstall)
{
    /// <summary>The installation and scope key: the enterprise of an org-wide install, the workspace otherwise; null when the payload names neither.</summary>
    public string? Key => IsEnterpriseInstall && !string.IsNullOrEmpty(EnterpriseId) ? EnterpriseId
        : string.IsNullOrEmpty(TeamId) ? null : TeamId;

    /// <summary>Slack sends booleans in forms as text ("true"/"false").</summary>
    public static bool FormFlag(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
}
