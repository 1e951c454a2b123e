using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>
/// One ChatOpsIR host with Slack enabled against a loopback fake Slack, on a real database and real Hangfire storage,
/// with a fake clock. Alice (U0001) declares and commands; Bob (U0002) owns the action items.
/// </summary>
public sealed class ReminderHost : IAsyncDisposable
{
    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string Token = "xoxb-test-token";

    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private int _responseUrls;

    public ReminderHost(TestDatabase database, FakeSlackApi slack, DateTimeOffset? start = null, IDictionary<string, string?>? settings = null)
    {
        Slack = slack;
        App = new ChatOpsAppFactory(database, start ?? Start);
        App.Settings["Slack:Enabled"] = "true";
        App.Settings["Slack:SigningSecret"] = Secret;
        App.Settings["Slack:BotToken"] = Token;
        App.Settings["Slack:ApiBaseUrl"] = slack.ApiBaseUrl;
        App.Settings["Slack:ResponseUrlHosts:0"] = "127.0.0.1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            App.Settings[key] = value;
        }

        Signer = new SlackSigner(Secret, App.Clock);
        Http = App.CreateClient();
    }

    public FakeSlackApi Slack { get; }
    public ChatOpsAppFactory App { get; }
    public SlackSigner Signer { get; }
    public HttpClient Http { get; }

    /// <summary>A fake Slack whose conversations.open answers D + the user id (D0002 for U0002).</summary>
    public static async Task<FakeSlackApi> StartSlackAsync()
    {
        var slack = await FakeSlackApi.StartAsync();
        slack.Answer("conversations.open", body => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + body["users"]!.GetValue<string>()[1..] } });
        return slack;
    }

    /// <summary>All text of a Slack message payload, unescaped, for assertions.</summary>
    public static string TextOf(JsonObject message) => System.Text.RegularExpressions.Regex.Unescape(message.ToJsonString());

    public async Task<JsonObject> CommandAsync(string text, string user = "U0001", string channel = "C0001")
    {
        var fields = new Dictionary<string, string>
        {
            ["team_id"] = "T0001",
            ["channel_id"] = channel,
            ["channel_name"] = "incident-war-room",
            ["user_id"] = user,
            ["user_name"] = user == "U0001" ? "alice" : "bob",
            ["command"] = "/ir",
            ["text"] = text,
            ["response_url"] = NextResponseUrl(),
            ["trigger_id"] = "1.1.fake",
        };
        var body = Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")));
        var response = await Http.SendAsync(Signer.Request("/api/slack/commands", body, "application/x-www-form-urlencoded"));
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadAsStringAsync();
        return answer.Length == 0 ? new JsonObject() : JsonNode.Parse(answer)!.AsObject();
    }

    /// <summary>Presses a button of a direct message the bot posted, as <paramref name="user"/>, in that DM.</summary>
    public async Task PressAsync(JsonObject message, string buttonTitle, string user, string? triggerId = null)
    {
        // A button is pressed as itself; one in the "…" overflow menu is chosen from it, as Slack sends either.
        var elements = message["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .ToList();
        var action = elements.FirstOrDefault(e => e!["type"]!.GetValue<string>() == "button" && e["text"]!["text"]!.GetValue<string>() == buttonTitle) is { } button
            ? new JsonObject { ["type"] = "button", ["action_id"] = button["action_id"]!.DeepClone(), ["value"] = button["value"]!.DeepClone() }
            : elements.Where(e => e!["type"]!.GetValue<string>() == "overflow")
                .SelectMany(e => e!["options"]!.AsArray().Select(o => new JsonObject { ["type"] = "overflow", ["action_id"] = e["action_id"]!.DeepClone(), ["selected_option"] = o!.DeepClone() }))
                .First(a => a["selected_option"]!["text"]!["text"]!.GetValue<string>() == buttonTitle);
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = "T0001" },
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user == "U0001" ? "alice" : "bob" },
            ["channel"] = new JsonObject { ["id"] = message["channel"]!.GetValue<string>() },
            ["response_url"] = NextResponseUrl(),
            ["trigger_id"] = triggerId,
            ["actions"] = new JsonArray(action),
        };
        var before = Slack.CallsTo("hooks").Count;
        var response = await InteractAsync(payload);
        response.EnsureSuccessStatusCode();
        if (triggerId is null)
        {
            await Slack.WaitForAsync("hooks", before + 1);
        }
    }

    /// <summary>Every request carries its own response_url, as Slack's do (one URL may be used five times in 30 minutes).</summary>
    private string NextResponseUrl() => Slack.ResponseUrl($"T0001/{Interlocked.Increment(ref _responseUrls)}/FAKE");

    public Task<HttpResponseMessage> InteractAsync(JsonObject payload) =>
        Http.SendAsync(Signer.Request("/api/slack/interactions", SlackSigner.InteractionBody(payload.ToJsonString()), "application/x-www-form-urlencoded"));

    /// <summary>The direct messages posted so far to a person's DM channel (D + their id without the U).</summary>
    public IReadOnlyList<JsonObject> DirectMessagesTo(string user) =>
        Slack.CallsTo("chat.postMessage").Where(c => c.Body["channel"]?.GetValue<string>() == "D" + user[1..]).Select(c => c.Body).ToList();

    /// <summary>Runs the sweep through Hangfire (as its recurring job would) and waits until every job it queued has finished.</summary>
    public Task SweepAsync() => HangfireJobs.SweepAsync(App.Services);

    public Task DrainAsync(TimeSpan? timeout = null) => HangfireJobs.DrainAsync(App.Services, timeout);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}
