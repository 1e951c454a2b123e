using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The war room fails closed: outside Development a host with it on and no sign-in does not start, and the test-only
/// switch for the name picker is refused outside tests. Each runs the real host as its own process.
/// </summary>
public sealed class WarRoomStartTests
{
    private const string SignInKeys = "WebChat:Authentication:Authority, WebChat:Authentication:ClientId and WebChat:Authentication:ClientSecret";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_Development_the_war_room_without_sign_in_stops_the_host_naming_the_keys(string environment)
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment, ["WebChat__Enabled"] = "true" });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ChatOpsIR cannot start: the web war room is on (WebChat:Enabled) without sign-in", host.Error);
        Assert.Contains(SignInKeys, host.Error);
        Assert.Contains("WebChat:Enabled=false", host.Error);
    }

    [Fact]
    public async Task The_test_switch_for_the_name_picker_is_refused_outside_tests()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["WebChat__Enabled"] = "true", ["WebChat__AllowUnauthenticated"] = "true" });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ChatOpsIR cannot start: WebChat:AllowUnauthenticated=true is for the integration tests only", host.Error);
    }

    [Fact]
    public async Task Sign_in_with_an_authority_but_no_client_stops_the_host_naming_the_missing_keys()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["WebChat__Authentication__Authority"] = "https://login.example.test/tenant/v2.0" });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ChatOpsIR cannot start: WebChat:Authentication:ClientId is missing", host.Error);
        Assert.Contains("ChatOpsIR cannot start: WebChat:Authentication:ClientSecret is missing", host.Error);
    }

    [Fact]
    public async Task Outside_Development_the_war_room_is_off_unless_sign_in_is_configured()
    {
        await using var host = HostProcess.Start();
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Contains("web war room is off", await http.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/api/webchat/channels")).StatusCode);
    }
}
