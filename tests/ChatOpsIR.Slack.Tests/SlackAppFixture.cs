using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>The host with Slack enabled against a loopback fake Slack, and a signer at the host's clock.</summary>
public sealed class SlackApp : IAsyncDisposable
{
    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string Token = "xoxb-test-token";

    /// <summary>When Slack's fixtures are dated: 2024-11-25 around 10:20 UTC.</summary>
    public static readonly DateTimeOffset FixtureTime = new(2024, 11, 25, 10, 30, 0, TimeSpan.Zero);

    private readonly bool _ownsDatabase;

    private SlackApp(TestDatabase database, FakeSlackApi slack, ChatOpsAppFactory app, bool ownsDatabase)
    {
        _ownsDatabase = ownsDatabase;
        Database = database;
        Slack = slack;
        App = app;
        Signer = new SlackSigner(Secret, app.Clock);
        Http = app.CreateClient();
    }

    public TestDatabase Database { get; }
    public FakeSlackApi Slack { get; }
    public ChatOpsAppFactory App { get; }
    public SlackSigner Signer { get; }
    public HttpClient Http { get; }

    public static Task<SlackApp> StartAsync(string provider = "Sqlite", Action<ChatOpsAppFactory>? configure = null) =>
        StartAsync(TestDatabase.Create(provider), FixtureTime, configure, ownsDatabase: true);

    /// <summary>
    /// A host on a database the caller keeps (to stop one host and start another on the same data, as after a restart),
    /// with its clock at <paramref name="start"/>. Disposing this app leaves the database alone.
    /// </summary>
    public static Task<SlackApp> StartAsync(TestDatabase database, DateTimeOffset start, Action<ChatOpsAppFactory>? configure = null) =>
        StartAsync(database, start, configure, ownsDatabase: false);

    private static async Task<SlackApp> StartAsync(TestDatabase database, DateTimeOffset start, Action<ChatOpsAppFactory>? configure, bool ownsDatabase)
    {
        var slack = await FakeSlackApi.StartAsync();
        var app = new ChatOpsAppFactory(database, start);
        app.Settings["Slack:Enabled"] = "true";
        app.Settings["Slack:SigningSecret"] = Secret;
        app.Settings["Slack:BotToken"] = Token;
        app.Settings["Slack:ApiBaseUrl"] = slack.ApiBaseUrl;
        app.Settings["Slack:ResponseUrlHosts:0"] = "127.0.0.1";
        configure?.Invoke(app);
        return new SlackApp(database, slack, app, ownsDatabase);
    }

    /// <summary>A slash command form body for `/ir {text}` from alice in C0001 of T0001.</summary>
    public static byte[] Command(string text, string team = "T0001", string channel = "C0001", string user = "U0001", string? responseUrl = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["team_id"] = team,
            ["channel_id"] = channel,
            ["channel_name"] = "incident-war-room",
            ["user_id"] = user,
            ["user_name"] = user == "U0001" ? "alice" : "bob",
            ["command"] = "/ir",
            ["text"] = text,
            ["api_app_id"] = "A0001",
            ["response_url"] = responseUrl ?? "https://hooks.slack.com/commands/T0001/1/FAKE",
            ["trigger_id"] = "1.1.fake",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }

        return Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")));
    }

    public Task<HttpResponseMessage> SendCommandAsync(byte[] body, TimeSpan? skew = null, string? secret = null) =>
        Http.SendAsync(Signer.Request("/api/slack/commands", body, "application/x-www-form-urlencoded", skew, secret));

    public async Task<JsonObject> CommandAsync(string text, string team = "T0001", string channel = "C0001", string user = "U0001")
    {
        var response = await SendCommandAsync(Command(text, team, channel, user));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public Task<HttpResponseMessage> SendEventAsync(string json, int? retry = null)
    {
        var request = Signer.Request("/api/slack/events", Encoding.UTF8.GetBytes(json), "application/json");
        if (retry is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendInteractionAsync(string json) =>
        Http.SendAsync(Signer.Request("/api/slack/interactions", SlackSigner.InteractionBody(json), "application/x-www-form-urlencoded"));

    /// <summary>All text of a Slack message payload (fallback and blocks), for assertions.</summary>
    public static string Text(JsonNode? message) => message?.ToJsonString() is { } json ? System.Text.RegularExpressions.Regex.Unescape(json) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Slack.DisposeAsync();
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }
}
