using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsIR.Host.Tests;

/// <summary>
/// The Teams side of <see cref="SlowWorkRestartTests"/>: the real host process gets an authenticated
/// <c>@ChatOpsIR declare … new-channel</c>, answers 200, and is killed with SIGKILL while its job waits on a Microsoft
/// Graph that never answers; a new host on the same database opens the war-room channel, once.
/// </summary>
public sealed class TeamsSlowWorkRestartTests
{
    private const string AppId = "00000000-0000-0000-0000-0000000000b0";
    private const string Tenant = "00000000-0000-0000-0000-000000000001";
    private const string Origin = "19:restart-origin@thread.tacv2";
    private const string TeamGroupId = "00000000-0000-0000-0000-0000000000c0";

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_Teams_war_room_acknowledged_before_the_host_was_killed_is_opened_once_after_a_restart(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var openId = await FakeOpenIdServer.StartAsync();
        await using var connector = await FakeBotConnector.StartAsync();
        await using var graph = await FakeGraph.StartAsync();
        var tokens = new TeamsTokenIssuer(openId, new FakeTimeProvider(DateTimeOffset.UtcNow), AppId);
        var declare = Mention("declare Ransomware on file server sev2 new-channel", connector.ServiceUrl);

        // The first host reaches a Graph that never answers: it is killed while its job waits to create the channel.
        using var silent = new SilentServer();
        await using (var first = await StartHostAsync(database, openId, connector, graph, silent.BaseUrl.TrimEnd('/')))
        {
            await SendAsync(first, declare, tokens.Issue(connector.ServiceUrl));
            await silent.WaitForCallAsync(TimeSpan.FromSeconds(30));
        }

        Assert.DoesNotContain(graph.Calls, c => c.Method == "POST" && c.Path.EndsWith("/channels", StringComparison.Ordinal));

        await using var second = await StartHostAsync(database, openId, connector, graph, graph.BaseUrl);
        var pointer = await WaitForAsync(() => connector.Calls.Where(c => c.Path == $"/amer/v3/conversations/{Origin};messageid=1732530000000/activities").ToList(), TimeSpan.FromSeconds(60));
        Assert.Contains("opened the war-room channel", pointer[0].Body["text"]!.GetValue<string>());

        // Exactly once, even with the first host's job still in Hangfire's storage (PostgreSQL) beside the start-up sweep.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var created = Assert.Single(graph.Calls, c => c.Method == "POST" && c.Path == $"/v1.0/teams/{TeamGroupId}/channels");
        Assert.Contains("Ransomware on file server", created.Body!["displayName"]!.GetValue<string>());
        var channelId = Assert.Single(graph.Channels).Key;
        Assert.Single(connector.Calls, c => c.Path == "/amer/v3/conversations" && c.Body["channelData"]?["channel"]?["id"]?.GetValue<string>() == channelId);
        Assert.Single(connector.Calls, c => c.Path.StartsWith($"/amer/v3/conversations/{Origin}", StringComparison.Ordinal) && c.Body["text"]?.GetValue<string>().Contains("opened the war-room channel", StringComparison.Ordinal) == true);
    }

    private static async Task<HostProcess> StartHostAsync(TestDatabase database, FakeOpenIdServer openId, FakeBotConnector connector, FakeGraph graph, string graphBaseUrl)
    {
        var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider,
            ["ConnectionStrings__ChatOpsIR"] = database.ConnectionString,
            ["Teams__Enabled"] = "true",
            ["Teams__AppId"] = AppId,
            ["Teams__AppPassword"] = "test-only-secret",
            ["Teams__OpenIdMetadataUrl"] = openId.MetadataUrl,
            ["Teams__TokenEndpoint"] = connector.TokenEndpoint,
            ["Graph__BaseUrl"] = graphBaseUrl,
            ["Graph__TokenEndpoint"] = graph.TokenEndpoint,

            // A killed host's claim is taken over after this; the default (15 minutes) is longer than a test should wait.
            ["Hangfire__WorkItemLease"] = "00:00:02",
        });
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return host;
    }

    /// <summary>A channel post <c>@ChatOpsIR {command}</c> by Alice, from the mention fixture, in the team of the fixtures.</summary>
    private static JsonObject Mention(string command, string serviceUrl)
    {
        var activity = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixture("teams/activity-message-mention.json")))!.AsObject();
        activity["serviceUrl"] = serviceUrl;
        activity["id"] = "1732500000001";
        activity["text"] = $"<at>ChatOpsIR</at> {command}";
        activity["conversation"]!["id"] = $"{Origin};messageid=1732530000000";
        activity["channelData"]!["channel"]!["id"] = Origin;
        activity["channelData"]!["teamsChannelId"] = Origin;
        return activity;
    }

    private static async Task SendAsync(HostProcess host, JsonObject activity, string token)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<List<T>> WaitForAsync<T>(Func<List<T>> read, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (read() is { Count: > 0 } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Nothing arrived in time.");
    }
}
