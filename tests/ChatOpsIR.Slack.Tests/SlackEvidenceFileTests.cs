using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Data;
using ChatOpsIR.Slack.Ingress.Interactions;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Slack.Tests;

/// <summary>
/// "Add as evidence" on Slack: the message shortcut stages the download, a job fetches the file from files.slack.com
/// with the bot token, hashes it and records the item; the channel gets the card.
/// </summary>
public class SlackEvidenceFileTests
{
    private const string Hook = "app/T0001/evidence";

    /// <summary>The loopback fake stands in for files.slack.com, as it does for Slack's other hosts.</summary>
    private static Task<SlackApp> StartAsync(Action<ChatOpsAppFactory>? configure = null) =>
        SlackApp.StartAsync(configure: app =>
        {
            app.Settings["Slack:FileHosts:0"] = "127.0.0.1";
            configure?.Invoke(app);
        });

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static JsonObject File(string id, string name, string mimetype, long size, string url) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["title"] = name,
        ["mimetype"] = mimetype,
        ["size"] = size,
        ["url_private"] = url,
        ["url_private_download"] = url,
    };

    /// <summary>Bob picks "Add as evidence" on Carol's message in <paramref name="channel"/>.</summary>
    private static string Shortcut(SlackApp app, string channel, params JsonObject[] files)
    {
        var payload = JsonNode.Parse(SlackSigner.Fixture("slack/interaction-message-shortcut.json"))!.AsObject();
        payload["callback_id"] = SlackEvidenceShortcut.CallbackId;
        payload["channel"]!["id"] = channel;
        payload["response_url"] = app.Slack.ResponseUrl(Hook);
        if (files.Length > 0)
        {
            payload["message"]!["files"] = new JsonArray([.. files]);
        }

        return payload.ToJsonString();
    }

    private static async Task<string> PickAsync(SlackApp app, string json)
    {
        var response = await app.SendInteractionAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await HangfireJobs.DrainAsync(app.App.Services);
        return string.Join("\n", (await app.Slack.WaitForAsync("hooks", c => c.Path.EndsWith(Hook, StringComparison.Ordinal))).Select(c => SlackApp.Text(c.Body)));
    }

    private static async Task<List<Evidence>> EvidenceAsync(SlackApp app)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>().Evidence.AsNoTracking().OrderBy(e => e.Number).ToListAsync();
    }

    [Fact]
    public async Task A_shared_file_is_fetched_with_the_bot_token_hashed_and_recorded_with_its_name_size_and_who_shared_it()
    {
        await using var app = await StartAsync();
        app.Slack.Answer("users.info", body => new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = body["user"]!.DeepClone(), ["real_name"] = "Carol Example", ["profile"] = new JsonObject { ["display_name"] = "carol" } } });
        await app.CommandAsync("declare Phishing wave sev3");
        var content = Bytes(300_000);
        var url = app.Slack.ServeFile("F0EVID1", "invoice <!channel>.eml", content, "message/rfc822");

        var response = await app.SendInteractionAsync(Shortcut(app, "C0001", File("F0EVID1", "invoice <!channel>.eml", "message/rfc822", content.Length, url)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var told = await app.Slack.WaitForAsync("hooks", c => c.Path.EndsWith(Hook, StringComparison.Ordinal));
        Assert.Contains("Fetching invoice", SlackApp.Text(told[0].Body));
        Assert.Contains("it will be recorded as evidence of INC-0001 with its SHA-256", SlackApp.Text(told[0].Body));
        Assert.Equal("ephemeral", told[0].Body["response_type"]!.GetValue<string>());

        await HangfireJobs.DrainAsync(app.App.Services);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var card = (await app.Slack.WaitForAsync("hooks", c => SlackApp.Text(c.Body).Contains(sha256, StringComparison.Ordinal)))[0].Body;
        Assert.Equal("in_channel", card["response_type"]!.GetValue<string>());
        Assert.Contains("Evidence E1", SlackApp.Text(card));
        Assert.DoesNotContain("<!channel>", card.ToJsonString(), StringComparison.Ordinal);

        var download = app.Slack.CallsTo("files").Single();
        Assert.Equal($"Bearer {SlackApp.Token}", download.Authorization);

        var item = Assert.Single(await EvidenceAsync(app));
        Assert.Equal(1, item.Number);
        Assert.Equal(sha256, item.Sha256);
        Assert.Contains("invoice <!channel>.eml", item.Description, StringComparison.Ordinal);
        Assert.Contains($"({FileSizeText.Of(content.Length)}, message/rfc822)", item.Description, StringComparison.Ordinal);
        Assert.Contains("shared by carol", item.Description, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("U0002", item.CollectedById);
    }

    [Fact]
    public async Task A_message_without_a_file_is_refused_and_points_to_add_to_timeline()
    {
        await using var app = await StartAsync();
        await app.CommandAsync("declare Phishing wave sev3");

        var told = await PickAsync(app, Shortcut(app, "C0001"));

        Assert.Contains(EvidenceFileWorkflow.NoFile, told);
        Assert.Empty(await EvidenceAsync(app));
        Assert.Empty(app.Slack.CallsTo("files"));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_whether_slack_says_so_or_only_the_bytes_do_and_nothing_is_recorded()
    {
        await using var app = await StartAsync(a => a.Settings["Evidence:MaxFileBytes"] = "1024");
        await app.CommandAsync("declare Phishing wave sev3");
        var content = Bytes(4096);
        var url = app.Slack.ServeFile("F0BIG", "memory.dmp", content);

        // Slack gives the size: refused before anything is fetched.
        var declared = await PickAsync(app, Shortcut(app, "C0001", File("F0BIG", "memory.dmp", "application/octet-stream", content.Length, url)));
        Assert.Contains("The file is larger than the evidence limit of 1 KB (Evidence:MaxFileBytes); record it with `evidence &lt;description&gt; &lt;sha256&gt; &lt;location&gt;` instead.", declared);
        Assert.Empty(app.Slack.CallsTo("files"));

        // A size that understates the file: the reading stops at the limit.
        await app.SendInteractionAsync(Shortcut(app, "C0001", File("F0BIG", "memory.dmp", "application/octet-stream", 10, url)));
        await HangfireJobs.DrainAsync(app.App.Services);
        var counted = await app.Slack.WaitForAsync("hooks", c => c.Path.EndsWith(Hook, StringComparison.Ordinal), count: 3);
        Assert.Contains("larger than the evidence limit of 1 KB", SlackApp.Text(counted[^1].Body));
        Assert.Single(app.Slack.CallsTo("files"));
        Assert.Empty(await EvidenceAsync(app));
    }

    [Fact]
    public async Task Someone_outside_a_private_incident_is_refused_and_nothing_is_fetched_or_recorded()
    {
        await using var app = await StartAsync();
        app.Slack.Answer("conversations.create", _ => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "C0PRIV", ["name"] = "inc-mailbox" } });
        await app.SendCommandAsync(SlackApp.Command("declare Mailbox read by a colleague sev2 private", responseUrl: app.Slack.ResponseUrl("commands/p1")));
        await HangfireJobs.DrainAsync(app.App.Services);
        var url = app.Slack.ServeFile("F0PRIV", "mail.eml", Bytes(100));

        var told = await PickAsync(app, Shortcut(app, "C0PRIV", File("F0PRIV", "mail.eml", "message/rfc822", 100, url)));

        Assert.Contains(IncidentLookup.PrivateChannel, told);
        Assert.DoesNotContain("Mailbox", told, StringComparison.Ordinal);
        Assert.Empty(app.Slack.CallsTo("files"));
        Assert.Empty(await EvidenceAsync(app));
    }

    [Fact]
    public async Task A_download_address_off_slacks_file_host_is_not_followed_and_the_person_is_told()
    {
        // Without the loopback override only files.slack.com is followed: the fake's address is refused.
        await using var app = await SlackApp.StartAsync();
        await app.CommandAsync("declare Phishing wave sev3");
        var url = app.Slack.ServeFile("F0ELSE", "payload.bin", Bytes(100));

        await app.SendInteractionAsync(Shortcut(app, "C0001", File("F0ELSE", "payload.bin", "application/octet-stream", 100, url)));
        await HangfireJobs.DrainAsync(app.App.Services);
        var told = await app.Slack.WaitForAsync("hooks", c => SlackApp.Text(c.Body).Contains("could not be fetched", StringComparison.Ordinal));

        Assert.Contains("outside files.slack.com", SlackApp.Text(told[0].Body));
        Assert.Empty(app.Slack.CallsTo("files"));
        Assert.Empty(await EvidenceAsync(app));
    }
}
