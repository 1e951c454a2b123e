using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ChatOpsIR.Teams.Graph;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams.Tests;

public class TeamsOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddChatOpsTeams()
            .BuildServiceProvider();

    [Fact]
    public void Defaults_point_at_the_public_cloud()
    {
        using var services = Services([]);
        var teams = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", teams.OpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", teams.TokenEndpoint);
        Assert.Equal("https://graph.microsoft.com/v1.0", services.GetRequiredService<IOptions<GraphOptions>>().Value.BaseUrl);
    }

    [Fact]
    public void Enabled_teams_without_its_registration_is_refused()
    {
        using var services = Services(new() { ["Teams:Enabled"] = "true", ["Teams:AppId"] = "00000000-0000-0000-0000-0000000000b0" });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TeamsOptions>>().Value);
        Assert.Contains("these keys are missing: Teams:AppPassword.", error.Message);
    }

    [Fact]
    public void Endpoints_can_point_at_a_sovereign_cloud_or_a_loopback_fake()
    {
        using var services = Services(new()
        {
            ["Teams:Enabled"] = "true",
            ["Teams:AppId"] = "app",
            ["Teams:AppPassword"] = "secret",
            ["Teams:OpenIdMetadataUrl"] = "http://127.0.0.1:7000/openid",
            ["Teams:TokenEndpoint"] = "not a url",
        });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TeamsOptions>>().Value);
        Assert.Contains("Teams:TokenEndpoint must be an absolute http(s) URL.", error.Message);
        Assert.DoesNotContain("Teams:OpenIdMetadataUrl", error.Message);
    }

    [Fact]
    public void Plain_http_is_refused_for_anything_but_a_loopback_fake()
    {
        using var services = Services(new()
        {
            ["Teams:Enabled"] = "true",
            ["Teams:AppId"] = "app",
            ["Teams:AppPassword"] = "secret",
            ["Teams:OpenIdMetadataUrl"] = "http://login.botframework.com/v1/.well-known/openidconfiguration",
            ["Teams:TokenEndpoint"] = "http://localhost:7001/token",
        });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TeamsOptions>>().Value);
        Assert.Contains("Teams:OpenIdMetadataUrl must use https", error.Message);
        Assert.DoesNotContain("Teams:TokenEndpoint", error.Message);
    }

    [Fact]
    public void The_manifest_id_defaults_to_the_app_id_and_must_be_a_guid()
    {
        var registration = new Dictionary<string, string?> { ["Teams:Enabled"] = "true", ["Teams:AppId"] = "00000000-0000-0000-0000-0000000000b0", ["Teams:AppPassword"] = "secret" };
        using (var services = Services(registration))
        {
            Assert.Equal(Guid.Parse("00000000-0000-0000-0000-0000000000b0"), services.GetRequiredService<IOptions<TeamsOptions>>().Value.EffectiveManifestId);
        }

        using (var services = Services(new(registration) { ["Teams:ManifestId"] = "11111111-2222-3333-4444-555555555555" }))
        {
            Assert.Equal(Guid.Parse("11111111-2222-3333-4444-555555555555"), services.GetRequiredService<IOptions<TeamsOptions>>().Value.EffectiveManifestId);
        }

        using (var services = Services(new(registration) { ["Teams:ManifestId"] = "chatopsir" }))
        {
            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TeamsOptions>>().Value);
            Assert.Contains("Teams:ManifestId must be the GUID", error.Message);
        }
    }
}
