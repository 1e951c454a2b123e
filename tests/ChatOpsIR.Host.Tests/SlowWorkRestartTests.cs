using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Host.Tests;

/// <summary>
/// Slow work Slack was already told "OK" about survives the host being killed: the real host process gets a signed
/// slash command, is killed with SIGKILL as soon as the acknowledgement is back (while its job is on its way to Slack),
/// and a new host on the same database does the work, once.
/// </summary>
public sealed class SlowWorkRestartTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_war_room_acknowledged_before_the_host_was_killed_is_opened_once_after_a_restart(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var slack = await FakeSlackApi.StartAsync();
        slack.Answer("conversations.create", body => new JsonObject
        {
            ["ok"] = true,
            ["channel"] = new JsonObject { ["id"] = "C0NEW", ["name"] = body["name"]!.DeepClone() },
        });
        var responseUrl = slack.ResponseUrl("commands/restart-1");

        // The first host reaches a Slack that never answers: it is killed while its job waits on conversations.create.
        using var silent = new SilentServer();
        await using (var first = await StartHostAsync(database, silent.BaseUrl))
        {
            var ack = await SendCommandAsync(first, "declare Ransomware on file server sev2 new-channel", responseUrl);
            Assert.Contains("Opening a war-room channel", ack);
            await silent.WaitForCallAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Empty(slack.Calls);

        await using var second = await StartHostAsync(database, slack.ApiBaseUrl);
        var told = await slack.WaitForAsync("hooks", timeout: TimeSpan.FromSeconds(60));
        Assert.Contains("<#C0NEW>", Text(told[0].Body));

        // Exactly once, even with the first host's job still in Hangfire's storage (PostgreSQL) beside the start-up sweep.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(slack.CallsTo("conversations.create"));
        Assert.Single(slack.CallsTo("conversations.invite"));
        Assert.Single(slack.CallsTo("chat.postMessage"), c => c.Body["channel"]?.GetValue<string>() == "C0NEW");
        Assert.Single(slack.CallsTo("pins.add"));
        Assert.Single(slack.CallsTo("hooks"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_backfill_acknowledged_before_the_host_was_killed_runs_once_after_a_restart(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var slack = await FakeSlackApi.StartAsync();
        slack.Answer("conversations.history", _ => new JsonObject
        {
            ["ok"] = true,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["type"] = "message",
                ["user"] = "U0002",
                ["text"] = "Blocked outbound 445 on the edge firewall",
                ["ts"] = Ts(DateTimeOffset.UtcNow.AddMinutes(-30)),
            }),
            ["has_more"] = false,
        });
        var responseUrl = slack.ResponseUrl("commands/restart-2");

        using var silent = new SilentServer();
        await using (var first = await StartHostAsync(database, silent.BaseUrl))
        {
            Assert.Contains("INC-0001", await SendCommandAsync(first, "declare Lateral movement sev2", slack.ResponseUrl("commands/declare")));
            var ack = await SendCommandAsync(first, "backfill", responseUrl);
            Assert.Contains("Reading this channel's history", ack);
            await silent.WaitForCallAsync(TimeSpan.FromSeconds(30));
        }

        await using var second = await StartHostAsync(database, slack.ApiBaseUrl);
        var told = await slack.WaitForAsync("hooks", c => c.Path.EndsWith("restart-2", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(60));
        Assert.Contains("Copied 1 message", Text(told[0].Body));

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(slack.CallsTo("conversations.history"));
        Assert.Single(slack.CallsTo("hooks"), c => c.Path.EndsWith("restart-2", StringComparison.Ordinal));
    }

    /// <summary>A real host process with Slack on <paramref name="slackApi"/>, and any <paramref name="extra"/> settings.</summary>
    internal static async Task<HostProcess> StartHostAsync(TestDatabase database, string slackApi, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider,
            ["ConnectionStrings__ChatOpsIR"] = database.ConnectionString,
            ["Slack__Enabled"] = "true",
            ["Slack__SigningSecret"] = Secret,
            ["Slack__BotToken"] = "xoxb-test-token",
            ["Slack__ApiBaseUrl"] = slackApi,
            ["Slack__ResponseUrlHosts__0"] = "127.0.0.1",

            // A killed host's claim is taken over after this; the default (15 minutes) is longer than a test should wait.
            ["Hangfire__WorkItemLease"] = "00:00:02",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var host = HostProcess.Start(settings);
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return host;
    }

    private static async Task<string> SendCommandAsync(HostProcess host, string text, string responseUrl)
    {
        using var response = await PostSignedAsync(host, "api/slack/commands", CommandForm(text, responseUrl));
        return Text((JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)!);
    }

    /// <summary>A slash command `/ir {text}` from alice in C0001, form-encoded as Slack sends it.</summary>
    internal static byte[] CommandForm(string text, string responseUrl)
    {
        var form = new Dictionary<string, string>
        {
            ["team_id"] = "T0001",
            ["channel_id"] = "C0001",
            ["channel_name"] = "incident-war-room",
            ["user_id"] = "U0001",
            ["user_name"] = "alice",
            ["command"] = "/ir",
            ["text"] = text,
            ["api_app_id"] = "A0001",
            ["response_url"] = responseUrl,
            ["trigger_id"] = "1.1.fake",
        };
        return Encoding.UTF8.GetBytes(string.Join('&', form.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")));
    }

    /// <summary>Posts a form-encoded body to the host, signed with the app's secret as Slack signs it; the answer must be 200.</summary>
    internal static async Task<HttpResponseMessage> PostSignedAsync(HostProcess host, string path, byte[] body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSigner.Sign(Secret, ts, body));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static string Ts(DateTimeOffset at) =>
        (at.ToUnixTimeMilliseconds() / 1000m).ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Text(JsonObject message) => message["text"]?.GetValue<string>() ?? string.Empty;
}
