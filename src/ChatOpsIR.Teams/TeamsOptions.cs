using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams;

/// <summary>The Bot Framework registration (`Teams:*`). The URLs default to the public cloud and can point elsewhere (sovereign clouds, tests).</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    public bool Enabled { get; set; }
    public string? AppId { get; set; }
    public string? AppPassword { get; set; }
    public string? TenantId { get; set; }

    /// <summary>
    /// The Teams app's id (the manifest's <c>id</c>) when it is not <see cref="AppId"/>: how the app is found in a tenant's
    /// app catalog (its <c>externalId</c>) to install it for a person the bot has to reach.
    /// </summary>
    public string? ManifestId { get; set; }

    /// <summary>The manifest id in effect: <see cref="ManifestId"/>, else the app id (scripts/teams-package.sh uses it for both by default).</summary>
    public Guid? EffectiveManifestId => Guid.TryParse(string.IsNullOrWhiteSpace(ManifestId) ? AppId : ManifestId, out var id) ? id : null;
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";
}

internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AppId)) missing.Add("Teams:AppId");
        if (string.IsNullOrWhiteSpace(options.AppPassword)) missing.Add("Teams:AppPassword");
        var failures = new List<string>();
        if (missing.Count > 0)
        {
            failures.Add($"Teams is enabled (Teams:Enabled=true) but these keys are missing: {string.Join(", ", missing)}. Set them (e.g. environment variable Teams__AppPassword) or set Teams:Enabled=false.");
        }

        if (!string.IsNullOrWhiteSpace(options.ManifestId) && !Guid.TryParse(options.ManifestId, out _))
        {
            failures.Add("Teams:ManifestId must be the GUID in the \"id\" of the Teams app manifest (or empty when it is Teams:AppId).");
        }

        foreach (var (key, value) in new[] { ("Teams:OpenIdMetadataUrl", options.OpenIdMetadataUrl), ("Teams:TokenEndpoint", options.TokenEndpoint) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                failures.Add($"{key} must be an absolute http(s) URL.");
            }
            else if (uri.Scheme == "http" && !Auth.BotConnectorAuthentication.IsLoopbackHttp(value))
            {
                // Keys and tokens fetched over plain http could be swapped in transit; only a loopback test fake may use it.
                failures.Add($"{key} must use https (plain http is accepted only for a loopback address such as 127.0.0.1).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
