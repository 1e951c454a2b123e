using ChatOpsIR.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Web.SignIn;

/// <summary>
/// `WebChat:Authentication:*`: sign-in to the web war room with an OpenID Connect provider (Microsoft Entra ID, Okta,
/// Keycloak, Google …). Setting <see cref="Authority"/> turns sign-in on; the person then comes from the session, never
/// from a name the browser sends.
/// </summary>
public sealed class WebSignInOptions
{
    public const string SectionName = "WebChat:Authentication";

    /// <summary>The value of <see cref="IncidentScope"/> that reads each person's scope from <see cref="TenantClaim"/> as a Teams tenant.</summary>
    public const string TenantClaimScope = "tenant-claim";

    /// <summary>The provider's issuer address; its discovery document is at `{Authority}/.well-known/openid-configuration`.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Space-separated scopes asked for; `openid` is always among them.</summary>
    public string Scopes { get; set; } = "openid profile email";

    public string NameClaim { get; set; } = "name";

    public string EmailClaim { get; set; } = "email";

    public string GroupsClaim { get; set; } = "groups";

    public string TenantClaim { get; set; } = "tid";

    /// <summary>
    /// Whose incidents a signed-in person sees: <c>web</c> (the default, the war room's own), a fixed scope such as
    /// <c>teams:&lt;tenant id&gt;</c> or <c>slack:T0001</c>, or <see cref="TenantClaimScope"/> (Microsoft Entra ID: the
    /// person's <c>tid</c> claim names the Teams tenant whose incidents they see).
    /// </summary>
    public string IncidentScope { get; set; } = "web";

    /// <summary>How long a session lasts without use (sliding); the provider is asked again after it.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public bool ScopeFromTenantClaim => string.Equals(IncidentScope, TenantClaimScope, StringComparison.OrdinalIgnoreCase);

    /// <summary>The fixed scope, when <see cref="IncidentScope"/> names one.</summary>
    public TenantScope? FixedScope => !ScopeFromTenantClaim && TenantScope.TryParse(IncidentScope, out var scope) ? scope : null;

    public IEnumerable<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Prepend("openid").Distinct(StringComparer.Ordinal);

    /// <summary>An http authority is accepted only on this machine (a test or development provider); anywhere else it must be https.</summary>
    public bool IsLoopbackHttp => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    /// <summary>Checks the keys when sign-in is on; every failure names its key.</summary>
    internal sealed class Validator : IValidateOptions<WebSignInOptions>
    {
        public ValidateOptionsResult Validate(string? name, WebSignInOptions options)
        {
            if (!options.IsConfigured)
            {
                return string.IsNullOrWhiteSpace(options.ClientId) && string.IsNullOrWhiteSpace(options.ClientSecret)
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail($"{SectionName}:ClientId is set but {SectionName}:Authority is not: set the provider's issuer address to turn sign-in on.");
            }

            List<string> failures = [];
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || !(authority.Scheme == Uri.UriSchemeHttps || options.IsLoopbackHttp))
            {
                failures.Add($"{SectionName}:Authority must be an absolute https address (http only on loopback), e.g. https://login.microsoftonline.com/<tenant id>/v2.0.");
            }

            foreach (var (key, value) in new[] { ("ClientId", options.ClientId), ("ClientSecret", options.ClientSecret) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    failures.Add($"{SectionName}:{key} is missing: sign-in is on ({SectionName}:Authority is set) and needs the client registered at the provider.");
                }
            }

            foreach (var (key, value) in new[] { ("NameClaim", options.NameClaim), ("EmailClaim", options.EmailClaim), ("GroupsClaim", options.GroupsClaim), ("TenantClaim", options.TenantClaim) })
            {
                if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsWhiteSpace))
                {
                    failures.Add($"{SectionName}:{key} must be a claim name without spaces.");
                }
            }

            if (!options.ScopeFromTenantClaim && options.FixedScope is null)
            {
                failures.Add($"{SectionName}:IncidentScope is '{options.IncidentScope}'. Use web, teams:<tenant id>, slack:<workspace id> or {TenantClaimScope}.");
            }

            if (options.SessionLifetime < TimeSpan.FromMinutes(1) || options.SessionLifetime > TimeSpan.FromDays(30))
            {
                failures.Add($"{SectionName}:SessionLifetime must be between a minute and 30 days, e.g. 08:00:00.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
