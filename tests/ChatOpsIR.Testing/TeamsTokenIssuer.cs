using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsIR.Testing;

/// <summary>What goes into one Bot Connector token; tests change one thing at a time.</summary>
public sealed record TeamsTokenSpec(SecurityKey Key, string Issuer, string Audience, DateTimeOffset NotBefore, DateTimeOffset Expires, string? ServiceUrl);

/// <summary>Issues Bot Connector JWTs (RS256, header kid) at the host's fake time, the way the Connector would.</summary>
public sealed class TeamsTokenIssuer(FakeOpenIdServer keys, FakeTimeProvider clock, string appId)
{
    public const string Issuer = "https://api.botframework.com";

    /// <summary>A token that should be accepted for an activity carrying <paramref name="serviceUrl"/>.</summary>
    public TeamsTokenSpec Valid(string serviceUrl)
    {
        var now = clock.GetUtcNow();
        return new TeamsTokenSpec(keys.TeamsKey, Issuer, appId, now.AddMinutes(-5), now.AddMinutes(55), serviceUrl);
    }

    public string Issue(string serviceUrl) => Issue(Valid(serviceUrl));

    public static string Issue(TeamsTokenSpec spec)
    {
        var claims = new Dictionary<string, object>();
        if (spec.ServiceUrl is not null)
        {
            claims["serviceurl"] = spec.ServiceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            NotBefore = spec.NotBefore.UtcDateTime,
            IssuedAt = spec.NotBefore.UtcDateTime,
            Expires = spec.Expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(spec.Key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public string Unsigned(string serviceUrl)
    {
        var spec = Valid(serviceUrl);
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = keys.TeamsKey.KeyId };
        var payload = new JsonObject
        {
            ["iss"] = spec.Issuer,
            ["aud"] = spec.Audience,
            ["nbf"] = spec.NotBefore.ToUnixTimeSeconds(),
            ["exp"] = spec.Expires.ToUnixTimeSeconds(),
            ["serviceurl"] = serviceUrl,
        };
        return $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.";
    }
}
