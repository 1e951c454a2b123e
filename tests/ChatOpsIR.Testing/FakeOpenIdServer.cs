using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsIR.Testing;

/// <summary>
/// A loopback stand-in for the Bot Connector's OpenID metadata and JWKS (fixtures/README.md, "How tests authenticate as
/// the Bot Connector"). It serves two keys generated at start: one endorsed for <c>msteams</c> and one endorsed only for
/// <c>webchat</c>; a third key is generated but never published (an unknown kid).
/// </summary>
public sealed class FakeOpenIdServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _keyFetches;

    private FakeOpenIdServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The value for Teams:OpenIdMetadataUrl.</summary>
    public string MetadataUrl => new Uri(BaseAddress, "v1/.well-known/openidconfiguration").ToString();

    public RsaSecurityKey TeamsKey { get; } = NewKey("teams-key-1");

    public RsaSecurityKey WebChatOnlyKey { get; } = NewKey("webchat-key-1");

    public RsaSecurityKey UnpublishedKey { get; } = NewKey("unpublished-key-1");

    public int KeyFetches => Volatile.Read(ref _keyFetches);

    public static async Task<FakeOpenIdServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeOpenIdServer(app);
        app.MapGet("/v1/.well-known/openidconfiguration", fake.Metadata);
        app.MapGet("/v1/.well-known/keys", fake.Keys);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        TeamsKey.Rsa.Dispose();
        WebChatOnlyKey.Rsa.Dispose();
        UnpublishedKey.Rsa.Dispose();
    }

    private IResult Metadata()
    {
        var document = JsonNode.Parse(SlackSigner.Fixture("teams/openid-configuration.json"))!.AsObject();
        document["jwks_uri"] = new Uri(BaseAddress, "v1/.well-known/keys").ToString();
        return Results.Text(document.ToJsonString(), "application/json");
    }

    private IResult Keys()
    {
        Interlocked.Increment(ref _keyFetches);
        var keys = new JsonArray(Jwk(TeamsKey, "msteams"), Jwk(WebChatOnlyKey, "webchat"));
        return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json");
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private static JsonObject Jwk(RsaSecurityKey key, params string[] endorsements)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
        };
    }
}
