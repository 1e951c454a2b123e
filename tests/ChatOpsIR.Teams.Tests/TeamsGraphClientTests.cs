using System.Diagnostics;
using ChatOpsIR.Teams.Graph;
using ChatOpsIR.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>The Graph client (Microsoft.Graph SDK) against the loopback Graph and its token endpoint: tokens per tenant, throttling, server errors.</summary>
public sealed class TeamsGraphClientTests : IAsyncLifetime
{
    private const string Team = "00000000-0000-0000-0000-0000000000c0";
    private const string OtherTenant = "00000000-0000-0000-0000-000000000002";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private FakeGraph _graph = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        _services = Services(new()
        {
            ["Teams:Enabled"] = "true",
            ["Teams:AppId"] = TeamsTestHost.AppId,
            ["Teams:AppPassword"] = "test-only-secret",
            ["Graph:BaseUrl"] = _graph.BaseUrl,
            ["Graph:TokenEndpoint"] = _graph.TokenEndpoint,
        });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton<TimeProvider>(_clock)
            .AddChatOpsTeams()
            .BuildServiceProvider();

    private TeamsGraph Graph => _services.GetRequiredService<TeamsGraph>();

    [Fact]
    public async Task One_app_only_token_per_tenant_is_fetched_and_kept_until_it_expires()
    {
        _graph.AddUser("u1", "Carol Example");
        Assert.Equal("Carol Example", (await Graph.FindUserAsync(TeamsTestHost.Tenant, "u1", default))!.DisplayName);
        Assert.Equal("Carol Example", (await Graph.FindUserAsync(TeamsTestHost.Tenant, "u1", default))!.DisplayName);
        var (tenant, form) = Assert.Single(_graph.TokenRequests);
        Assert.Equal(TeamsTestHost.Tenant, tenant);
        Assert.Contains("grant_type=client_credentials", form);
        Assert.Contains($"client_id={TeamsTestHost.AppId}", form);
        Assert.Contains($"scope={Uri.EscapeDataString(new Uri(_graph.BaseUrl).GetLeftPart(UriPartial.Authority) + "/.default")}", form);
        Assert.All(_graph.Calls, c => Assert.Equal($"Bearer {FakeGraph.AccessToken}", c.Authorization));

        // Another tenant gets its own token; the first tenant's is renewed only once it is about to expire.
        await Graph.FindUserAsync(OtherTenant, "u1", default);
        Assert.Equal(OtherTenant, _graph.TokenRequests[^1].Tenant);
        _clock.Advance(TimeSpan.FromMinutes(50));
        await Graph.FindUserAsync(TeamsTestHost.Tenant, "u1", default);
        Assert.Equal(2, _graph.TokenRequests.Count);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Graph.FindUserAsync(TeamsTestHost.Tenant, "u1", default);
        Assert.Equal(3, _graph.TokenRequests.Count);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_Graph_asked_for()
    {
        _graph.AddUser("u2", "Dan Example");
        _graph.Script(FakeGraph.Error(429, "TooManyRequests", retryAfterSeconds: 1));
        var watch = Stopwatch.StartNew();
        var user = await Graph.FindUserAsync(TeamsTestHost.Tenant, "u2", default);
        Assert.Equal("Dan Example", user!.DisplayName);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}");
        var calls = _graph.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal("1", calls[1].RetryAttempt);
    }

    [Fact]
    public async Task Server_errors_are_retried_for_reads_but_a_create_is_not_sent_twice()
    {
        _graph.AddUser("u3", "Erin Example");
        _graph.Script(FakeGraph.Error(500, "InternalServerError", retryAfterSeconds: 0), FakeGraph.Error(502, "BadGateway", retryAfterSeconds: 0));
        Assert.Equal("Erin Example", (await Graph.FindUserAsync(TeamsTestHost.Tenant, "u3", default))!.DisplayName);
        Assert.Equal(3, _graph.Calls.Count);

        _graph.Script(FakeGraph.Error(504, "GatewayTimeout"));
        var error = await Assert.ThrowsAsync<TeamsGraphException>(() => Graph.CreateChannelAsync(TeamsTestHost.Tenant, Team, "War room", "test", default));
        Assert.Equal(504, error.StatusCode);
        Assert.Single(_graph.Calls, c => c.Method == "POST");
        Assert.Empty(_graph.Channels);

        // 503 means Graph did not take the request: a create is retried then.
        _graph.Script(FakeGraph.Error(503, "ServiceUnavailable", retryAfterSeconds: 0));
        var channel = await Graph.CreateChannelAsync(TeamsTestHost.Tenant, Team, "War room", "test", default);
        Assert.Equal("War room", channel.DisplayName);
        Assert.Single(_graph.Channels);
    }

    [Fact]
    public async Task Graph_refusing_for_lack_of_permission_is_told_apart()
    {
        _graph.Script(FakeGraph.Error(403, "Forbidden", "Missing role permissions on the request."));
        var error = await Assert.ThrowsAsync<TeamsGraphException>(() => Graph.CreateChannelAsync(TeamsTestHost.Tenant, Team, "War room", "test", default));
        Assert.True(error.IsPermissionMissing);
        Assert.Equal(403, error.StatusCode);

        _graph.ScriptToken(FakeGraph.TokenError(400, "unauthorized_client"));
        var refused = await Assert.ThrowsAsync<TeamsGraphException>(() => Graph.FindUserAsync(OtherTenant, "u1", default));
        Assert.True(refused.IsPermissionMissing);
        Assert.Contains("admin consent", refused.Message);
        Assert.DoesNotContain("test-only-secret", refused.Message);
    }

    [Fact]
    public void Graph_settings_are_checked_at_start()
    {
        using var services = Services(new()
        {
            ["Graph:BaseUrl"] = "http://graph.example.org/v1.0",
            ["Graph:TokenEndpoint"] = "https://login.example.org/{tenant}/oauth2/v2.0/token",
            ["Graph:UserLookupBudget"] = "00:00:30",
        });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GraphOptions>>().Value);
        Assert.Contains("Graph:BaseUrl must use https", error.Message);
        Assert.Contains("Graph:UserLookupBudget", error.Message);
        Assert.DoesNotContain("Graph:TokenEndpoint", error.Message);
    }
}
