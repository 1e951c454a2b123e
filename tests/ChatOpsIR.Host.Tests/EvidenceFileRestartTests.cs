using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Host.Tests;

/// <summary>
/// "Add as evidence" survives the host being killed mid-download: the real host process stages the download, is
/// killed while files.slack.com (the fake) holds the answer, and a new host on the same database fetches the file and
/// records it once.
/// </summary>
public sealed class EvidenceFileRestartTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_file_being_fetched_when_the_host_was_killed_is_recorded_once_after_a_restart(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var slack = await FakeSlackApi.StartAsync();
        var content = new byte[64_000];
        new Random(3).NextBytes(content);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var url = slack.ServeFile("F0RESTART", "capture.pcap", content, "application/vnd.tcpdump.pcap");

        // The first download hangs until the first host is gone.
        using var gate = new ManualResetEventSlim();
        slack.Script("files", () =>
        {
            gate.Wait(TimeSpan.FromSeconds(60));
            return FakeSlackApi.Status(HttpStatusCode.ServiceUnavailable);
        });

        await using (var first = await StartHostAsync(database, slack))
        {
            await SendAsync(first, "api/slack/commands", Encoding.UTF8.GetBytes(Form("declare Data exfiltration sev2", slack.ResponseUrl("commands/declare"))), "application/x-www-form-urlencoded");
            await SendAsync(first, "api/slack/interactions", SlackSigner.InteractionBody(Shortcut(slack.ResponseUrl("app/restart"), url)), "application/x-www-form-urlencoded");
            await slack.WaitForAsync("files", timeout: TimeSpan.FromSeconds(60));
        }

        gate.Set();
        await using var second = await StartHostAsync(database, slack);
        var card = await slack.WaitForAsync("hooks", c => c.Body.ToJsonString().Contains(sha256, StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(90));
        Assert.Contains("Evidence E1", card[0].Body.ToJsonString());

        // Once: the sweep and any job the first host left in Hangfire's storage record nothing more.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(slack.CallsTo("hooks"), c => c.Body.ToJsonString().Contains(sha256, StringComparison.Ordinal));
        Assert.Equal(2, slack.CallsTo("files").Count);
        Assert.DoesNotContain(slack.CallsTo("hooks"), c => c.Body.ToJsonString().Contains("Evidence E2", StringComparison.Ordinal));
    }

    private static async Task<HostProcess> StartHostAsync(TestDatabase database, FakeSlackApi slack)
    {
        var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider,
            ["ConnectionStrings__ChatOpsIR"] = database.ConnectionString,
            ["Slack__Enabled"] = "true",
            ["Slack__SigningSecret"] = Secret,
            ["Slack__BotToken"] = "xoxb-test-token",
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack__ResponseUrlHosts__0"] = "127.0.0.1",
            ["Slack__FileHosts__0"] = "127.0.0.1",

            // A killed host's claim is taken over after this; the default (15 minutes) is longer than a test should wait.
            ["Hangfire__WorkItemLease"] = "00:00:02",
        });
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return host;
    }

    private static string Form(string text, string responseUrl)
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
        return string.Join('&', form.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
    }

    private static string Shortcut(string responseUrl, string fileUrl)
    {
        var payload = JsonNode.Parse(SlackSigner.Fixture("slack/interaction-message-shortcut.json"))!.AsObject();
        payload["callback_id"] = "evidence.add";
        payload["response_url"] = responseUrl;
        payload["message"]!["files"] = new JsonArray(new JsonObject
        {
            ["id"] = "F0RESTART",
            ["name"] = "capture.pcap",
            ["mimetype"] = "application/vnd.tcpdump.pcap",
            ["size"] = 64_000,
            ["url_private_download"] = fileUrl,
        });
        return payload.ToJsonString();
    }

    private static async Task SendAsync(HostProcess host, string path, byte[] body, string contentType)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSigner.Sign(Secret, ts, body));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
