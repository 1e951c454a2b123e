using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// The whole host with Teams enabled, against a loopback OpenID/JWKS server and a loopback Bot Connector, on SQLite
/// (or, for <see cref="TeamsJourneyHost"/>, on a database the test owns).
/// Tests share one host per class and keep apart by using their own channel.
/// </summary>
public class TeamsTestHost : IAsyncLifetime
{
    public const string AppId = "00000000-0000-0000-0000-0000000000b0";
    public const string Tenant = "00000000-0000-0000-0000-000000000001";
    public const string BotId = "28:" + AppId;
    public const string Alice = "29:1abc-alice-0001";
    public const string Bob = "29:1abc-bob-0002";

    private readonly bool _ownsDatabase;
    private int _nextActivity;

    public TeamsTestHost()
        : this(TestDatabase.Sqlite(), ownsDatabase: true)
    {
    }

    /// <summary>A host on a database someone else owns (and disposes), e.g. one that outlives a restart.</summary>
    protected TeamsTestHost(TestDatabase database, bool ownsDatabase)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    public FakeOpenIdServer OpenId { get; private set; } = null!;
    public FakeBotConnector Connector { get; private set; } = null!;
    public FakeGraph Graph { get; private set; } = null!;

    /// <summary>The Entra ID group id of the team in the fixtures (channelData.team.aadGroupId), which Graph calls the team id.</summary>
    public const string TeamGroupId = "00000000-0000-0000-0000-0000000000c0";
    public ChatOpsAppFactory App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public TeamsTokenIssuer Tokens { get; private set; } = null!;
    protected TestDatabase Database { get; }

    /// <summary>Extra settings for every app this host starts (set before it starts).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected virtual string? PinnedTenant => null;

    public async Task InitializeAsync()
    {
        OpenId = await FakeOpenIdServer.StartAsync();
        Connector = await FakeBotConnector.StartAsync();
        Graph = await FakeGraph.StartAsync();
        await StartAppAsync(null);
    }

    /// <summary>Starts the app on <see cref="Database"/>, talking to this host's OpenID and Connector fakes.</summary>
    protected async Task StartAppAsync(DateTimeOffset? start)
    {
        App = new ChatOpsAppFactory(Database, start);
        App.Settings["Teams:Enabled"] = "true";
        App.Settings["Teams:AppId"] = AppId;
        App.Settings["Teams:AppPassword"] = "test-only-secret";
        App.Settings["Teams:OpenIdMetadataUrl"] = OpenId.MetadataUrl;
        App.Settings["Teams:TokenEndpoint"] = Connector.TokenEndpoint;
        App.Settings["Graph:BaseUrl"] = Graph.BaseUrl;
        App.Settings["Graph:TokenEndpoint"] = Graph.TokenEndpoint;
        if (PinnedTenant is { } tenant)
        {
            App.Settings["Teams:TenantId"] = tenant;
        }

        foreach (var (key, value) in Settings)
        {
            App.Settings[key] = value;
        }

        Http = App.CreateClient();
        Tokens = new TeamsTokenIssuer(OpenId, App.Clock, AppId);
        using var health = await Http.GetAsync("/healthz");
        health.EnsureSuccessStatusCode();
    }

    /// <summary>Stops the app; the fakes keep running.</summary>
    protected async Task StopAppAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAppAsync();
        await Connector.DisposeAsync();
        await Graph.DisposeAsync();
        await OpenId.DisposeAsync();
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }

    public string NextActivityId() => $"17325{Interlocked.Increment(ref _nextActivity):00000000}";

    /// <summary>A fixture with its serviceUrl pointed at the Connector fake.</summary>
    public JsonObject Fixture(string name)
    {
        var activity = JsonNode.Parse(SlackSigner.Fixture($"teams/{name}"))!.AsObject();
        activity["serviceUrl"] = Connector.ServiceUrl;
        return activity;
    }

    public static string ChannelId(string channel) => $"19:{channel}@thread.tacv2";

    /// <summary>A channel post <c>@ChatOpsIR {command}</c> from <paramref name="from"/>, based on the mention fixture, in <paramref name="channel"/>.</summary>
    public JsonObject Mention(string channel, string command, string from = Alice, string? id = null)
    {
        var activity = Fixture("activity-message-mention.json");
        activity["id"] = id ?? NextActivityId();
        activity["text"] = $"<at>ChatOpsIR</at> {command}";
        activity["conversation"]!["id"] = $"{ChannelId(channel)};messageid=1732530000000";
        activity["channelData"]!["channel"]!["id"] = ChannelId(channel);
        activity["channelData"]!["teamsChannelId"] = ChannelId(channel);
        if (from == Bob)
        {
            activity["from"] = new JsonObject { ["id"] = Bob, ["name"] = "Bob Example", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a2" };
        }

        return activity;
    }

    public Task<HttpResponseMessage> SendAsync(JsonObject activity) => SendAsync(activity, Tokens.Issue(activity["serviceUrl"]!.GetValue<string>()));

    public async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Sends an activity that must be accepted and returns the body text.</summary>
    public async Task<string> SendOkAsync(JsonObject activity)
    {
        using var response = await SendAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Waits until the background work (war rooms, backfills) is done and everything queued for the Connector has been sent.</summary>
    public async Task IdleAsync()
    {
        // Posts first, then the slow work (war rooms, backfills) Hangfire runs, then the posts that work queued.
        await OutboxIdleAsync();
        await HangfireJobs.DrainAsync(App.Services);
        await OutboxIdleAsync();
    }

    private async Task OutboxIdleAsync()
    {
        var outbox = App.Services.GetRequiredService<TeamsOutbox>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (outbox.Pending > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The Teams outbox did not drain.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>The Connector posts into one conversation, in order.</summary>
    public IReadOnlyList<ConnectorCall> PostsTo(string conversationId) =>
        Connector.Calls.Where(c => c.Path == $"/amer/v3/conversations/{conversationId}/activities").ToList();

    public Task<(Incident? Incident, IReadOnlyList<TimelineEntry> Timeline)> IncidentAsync(string channel, string tenant = Tenant) =>
        IncidentByIdAsync(ChannelId(channel), tenant);

    /// <summary>The latest incident of a channel or chat given by its full Teams id.</summary>
    public async Task<(Incident? Incident, IReadOnlyList<TimelineEntry> Timeline)> IncidentByIdAsync(string channelId, string tenant = Tenant)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        var incident = await store.FindLatestIncidentAsync(TenantScope.Teams(tenant), channelId, CancellationToken.None);
        return incident is null ? (null, []) : (incident, await store.GetTimelineAsync(TenantScope.Teams(tenant), incident.Id, CancellationToken.None));
    }
}

/// <summary>The same host, with Teams:TenantId pinning the one tenant it serves.</summary>
public sealed class SingleTenantTeamsHost : TeamsTestHost
{
    protected override string? PinnedTenant => Tenant;
}

/// <summary>
/// A host for one journey on a database the test owns: <see cref="RestartAsync"/> stops the app and starts a new one on
/// the same database, as a restarted server would, while the loopback OpenID and Connector fakes keep running.
/// </summary>
public sealed class TeamsJourneyHost(TestDatabase database) : TeamsTestHost(database, ownsDatabase: false)
{
    /// <summary>Sends what the app queued for the Connector, stops it, and starts a new app whose clock reads <paramref name="start"/>.</summary>
    public async Task RestartAsync(DateTimeOffset start)
    {
        await IdleAsync();
        await StopAppAsync();
        await StartAppAsync(start);
    }
}
