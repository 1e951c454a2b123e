using System.Net;
using System.Security.Cryptography;
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
            (await SlowWorkRestartTests.PostSignedAsync(first, "api/slack/commands", SlowWorkRestartTests.CommandForm("declare Data exfiltration sev2", slack.ResponseUrl("commands/declare")))).Dispose();
            (await SlowWorkRestartTests.PostSignedAsync(first, "api/slack/interactions", SlackSigner.InteractionBody(Shortcut(slack.ResponseUrl("app/restart"), url)))).Dispose();
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

    private static Task<HostProcess> StartHostAsync(TestDatabase database, FakeSlackApi slack) =>
        SlowWorkRestartTests.StartHostAsync(database, slack.ApiBaseUrl, new Dictionary<string, string> { ["Slack__FileHosts__0"] = "127.0.0.1" });

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
}
