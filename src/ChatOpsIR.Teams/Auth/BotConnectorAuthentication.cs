using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsIR.Teams.Auth;

/// <summary>
/// The JwtBearer scheme that checks tokens the Bot Connector sends to <c>/api/messages</c> (PROTOCOLS 2.2). It is a
/// named scheme, never the default, so it applies only where the Teams endpoint asks for it.
/// </summary>
public static class BotConnectorAuthentication
{
    public const string Scheme = "BotConnector";
    public const string Issuer = "https://api.botframework.com";
    public const string TeamsChannel = "msteams";
    public const string ServiceUrlClaim = "serviceurl";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    internal const string MetadataHttpClient = "ChatOpsIR.Teams.OpenIdMetadata";

    /// <summary>True when the URL is plain http to this machine (a test's loopback fake); only then is https not required.</summary>
    public static bool IsLoopbackHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Compares the token's serviceurl claim with the activity's serviceUrl, ignoring one trailing slash on either.</summary>
    public static bool SameServiceUrl(string? claim, string? activity) =>
        !string.IsNullOrEmpty(claim) && !string.IsNullOrEmpty(activity) &&
        string.Equals(claim.TrimEnd('/'), activity.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}

/// <summary>Fills in the BotConnector scheme from <see cref="TeamsOptions"/>, with token lifetime read from the injected clock.</summary>
internal sealed class BotConnectorJwtOptionsSetup(IOptions<TeamsOptions> teams, TimeProvider clock, IHttpClientFactory httpClients) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != BotConnectorAuthentication.Scheme)
        {
            return;
        }

        var settings = teams.Value;
        var requireHttps = !BotConnectorAuthentication.IsLoopbackHttp(settings.OpenIdMetadataUrl);
        options.MetadataAddress = settings.OpenIdMetadataUrl;
        options.RequireHttpsMetadata = requireHttps;
        options.MapInboundClaims = false;
        options.SaveToken = false;
        var documents = new HttpDocumentRetriever(httpClients.CreateClient(BotConnectorAuthentication.MetadataHttpClient)) { RequireHttps = requireHttps };
        options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(settings.OpenIdMetadataUrl, new EndorsedKeysRetriever(BotConnectorAuthentication.TeamsChannel), documents)
        {
            // The SDKs keep keys for days; refetch on an unknown kid at most every five minutes.
            AutomaticRefreshInterval = TimeSpan.FromDays(1),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = BotConnectorAuthentication.Issuer,
            ValidateAudience = true,
            ValidAudience = settings.AppId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = BotConnectorAuthentication.ClockSkew,
            LifetimeValidator = (notBefore, expires, _, parameters) => WithinLifetime(notBefore, expires, parameters.ClockSkew),
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    private bool WithinLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        if (expires is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return now <= expires.Value.ToUniversalTime() + skew && (notBefore is null || notBefore.Value.ToUniversalTime() - skew <= now);
    }
}

/// <summary>
/// Reads the OpenID metadata and its JWKS, keeping only the keys whose <c>endorsements</c> name the channel. A key the
/// Connector has not endorsed for Teams is therefore unknown, and a token signed with it fails signature validation.
/// </summary>
internal sealed class EndorsedKeysRetriever(string channel) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadata = await retriever.GetDocumentAsync(address, cancel);
        var configuration = OpenIdConnectConfiguration.Create(metadata);
        if (string.IsNullOrEmpty(configuration.JwksUri))
        {
            throw new InvalidOperationException("The OpenID metadata has no jwks_uri.");
        }

        var keys = await retriever.GetDocumentAsync(configuration.JwksUri, cancel);
        using var document = JsonDocument.Parse(keys);
        if (!document.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("The JWKS has no keys array.");
        }

        foreach (var key in list.EnumerateArray())
        {
            if (IsEndorsed(key))
            {
                configuration.SigningKeys.Add(new JsonWebKey(key.GetRawText()));
            }
        }

        return configuration;
    }

    private bool IsEndorsed(JsonElement key) =>
        key.ValueKind == JsonValueKind.Object &&
        key.TryGetProperty("endorsements", out var endorsements) &&
        endorsements.ValueKind == JsonValueKind.Array &&
        endorsements.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && string.Equals(e.GetString(), channel, StringComparison.OrdinalIgnoreCase));
}
