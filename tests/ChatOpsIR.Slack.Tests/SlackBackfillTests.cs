using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Slack.Api;
using ChatOpsIR.Slack.Ingress;
using ChatOpsIR.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>`backfill` on Slack: conversations.history read in the background, the result posted where the command came from.</summary>
public class SlackBackfillTests
{
    /// <summary>SlackApp.FixtureTime (2024-11-25 10:30 UTC) in Unix seconds: the incident is declared then.</summary>
    private static readonly long Now = SlackApp.FixtureTime.ToUnixTimeSeconds();

    private static string Ts(long minutesBeforeNow, int sequence = 100) =>
        $"{Now - (minutesBeforeNow * 60)}.{sequence.ToString("000000", CultureInfo.InvariantCulture)}";

    private static JsonObject Message(string user, string ts, string text, string? subtype = null, string? botId = null)
    {
        var message = new JsonObject { ["type"] = "message", ["user"] = user, ["ts"] = ts, ["text"] = text };
        if (subtype is not null)
        {
            message["subtype"] = subtype;
        }

        if (botId is not null)
        {
            message["bot_id"] = botId;
        }

        return message;
    }

    private static async Task<SlackApp> StartAsync(FakeHistory history)
    {
        var app = await SlackApp.StartAsync();
        app.Slack.Answer("conversations.history", history.Answer);
        app.Slack.Answer("users.info", body => new JsonObject
        {
            ["ok"] = true,
            ["user"] = new JsonObject
            {
                ["id"] = body["user"]!.DeepClone(),
                ["profile"] = new JsonObject { ["display_name"] = body["user"]!.GetValue<string>() == "U0003" ? "carol" : "dave" },
            },
        });
        return app;
    }

    /// <summary>Sends `/ir {text}` with a response_url at the fake; returns the immediate answer.</summary>
    private static async Task<JsonObject> SlashAsync(SlackApp app, string text, string hook = "commands/backfill")
    {
        var response = await app.SendCommandAsync(SlackApp.Command(text, responseUrl: app.Slack.ResponseUrl(hook)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<string> TimelineAsync(SlackApp app) => SlackApp.Text(await app.CommandAsync("timeline"));

    [Fact]
    public async Task Backfill_is_acknowledged_at_once_and_copies_peoples_messages_once_with_their_authors_and_times()
    {
        var history = new FakeHistory(
            Message("U0003", Ts(50), "Saw odd logins from 203.0.113.9 <!here>"),
            Message("U0004", Ts(20), "Locking the account now"),
            Message("U0004", Ts(19), "Shared the sign-in log", subtype: "file_share"),
            Message("U0009", Ts(15), "Incident card", botId: "B0009"),
            Message("U0005", Ts(12), "<@U0005> has joined the channel", subtype: "channel_join"),
            Message("U0005", Ts(11), "<@U0005> has left the channel", subtype: "channel_leave"),
            Message("U0003", Ts(10), "edited later", subtype: "message_changed"));
        await using var app = await StartAsync(history);
        await app.CommandAsync("declare Suspicious logins sev3");

        var ack = await SlashAsync(app, "backfill");
        Assert.Equal("ephemeral", ack["response_type"]!.GetValue<string>());
        Assert.Contains("Reading this channel's history", SlackApp.Text(ack));

        var result = (await app.Slack.WaitForAsync("hooks"))[0].Body;
        Assert.Equal("ephemeral", result["response_type"]!.GetValue<string>());
        Assert.Contains("Copied 3 messages from 2024-11-24 10:30 to 2024-11-25 10:30 UTC into the INC-0001 timeline", SlackApp.Text(result));

        // Read form-encoded, for this channel and exactly that window, with the workspace's token.
        var read = app.Slack.CallsTo("conversations.history").Single();
        Assert.Equal($"Bearer {SlackApp.Token}", read.Authorization);
        Assert.Equal("C0001", read.Body["channel"]!.GetValue<string>());
        Assert.Equal($"{Now - 86400}.000000", read.Body["oldest"]!.GetValue<string>());
        Assert.Equal($"{Now}.000000", read.Body["latest"]!.GetValue<string>());

        var timeline = await TimelineAsync(app);
        Assert.Matches("`[0-9-]*\\s?09:40` carol: Saw odd logins from 203.0.113.9 @here", timeline);
        Assert.Matches("`[0-9-]*\\s?10:10` dave: Locking the account now", timeline);
        Assert.Contains("dave: Shared the sign-in log", timeline);
        Assert.DoesNotContain("Incident card", timeline);
        Assert.DoesNotContain("joined the channel", timeline);
        Assert.DoesNotContain("left the channel", timeline);
        Assert.DoesNotContain("edited later", timeline);
        Assert.True(timeline.IndexOf("Saw odd logins", StringComparison.Ordinal) < timeline.IndexOf("Locking the account", StringComparison.Ordinal));

        // Again: the same history adds nothing.
        await SlashAsync(app, "backfill", "commands/again");
        var again = (await app.Slack.WaitForAsync("hooks", 2))[1].Body;
        Assert.Contains("All 3 messages from", SlackApp.Text(again));
        Assert.Equal(1, CountOf(await TimelineAsync(app), "Locking the account now"));
    }

    [Fact]
    public async Task A_message_captured_live_is_not_copied_a_second_time()
    {
        var live = JsonNode.Parse(SlackSigner.Fixture("slack/event-message-channel.json"))!;
        var history = new FakeHistory(
            Message("U0003", live["event"]!["ts"]!.GetValue<string>(), live["event"]!["text"]!.GetValue<string>()),
            Message("U0004", Ts(30), "Before capture was switched on"));
        await using var app = await StartAsync(history);
        await app.CommandAsync("declare Ransomware on file server sev2");
        await app.CommandAsync("capture on");
        Assert.Equal(HttpStatusCode.OK, (await app.SendEventAsync(live.ToJsonString())).StatusCode);
        Assert.Equal(1, CountOf(await TimelineAsync(app), "Blocked outbound 445"));

        await SlashAsync(app, "backfill");
        var result = SlackApp.Text((await app.Slack.WaitForAsync("hooks"))[0].Body);
        Assert.Contains("Copied 1 message from", result);
        Assert.Contains("1 was already there", result);
        var timeline = await TimelineAsync(app);
        Assert.Equal(1, CountOf(timeline, "Blocked outbound 445"));
        Assert.Equal(1, CountOf(timeline, "Before capture was switched on"));
    }

    [Fact]
    public async Task Every_page_is_read_by_following_slacks_cursor()
    {
        var history = new FakeHistory(Enumerable.Range(0, 450).Select(i => Message("U0003", Ts(600 - i), $"Finding number {i}")).ToArray());
        await using var app = await StartAsync(history);
        await app.CommandAsync("declare Data exfiltration sev1");

        await SlashAsync(app, "backfill");
        Assert.Contains("Copied 450 messages from", SlackApp.Text((await app.Slack.WaitForAsync("hooks"))[0].Body));
        var reads = app.Slack.CallsTo("conversations.history");
        Assert.Equal(3, reads.Count);
        Assert.Null(reads[0].Body["cursor"]);
        Assert.Equal("page-200", reads[1].Body["cursor"]!.GetValue<string>());
        Assert.Equal("page-400", reads[2].Body["cursor"]!.GetValue<string>());
        Assert.All(reads, r => Assert.Equal(SlackChannelHistory.PageSize.ToString(CultureInfo.InvariantCulture), r.Body["limit"]!.GetValue<string>()));
        var timeline = await TimelineAsync(app);
        Assert.Contains("Finding number 449", timeline);
        Assert.Contains("451 entries", timeline); // the declaration and the 450 messages
    }

    [Fact]
    public async Task A_window_with_more_than_a_backfill_copies_keeps_the_oldest_and_says_how_to_continue()
    {
        // 5003 messages, one a second, ending an hour before the incident was declared.
        const int total = 5003;
        var first = Now - 3600 - total;
        var history = new FakeHistory(Enumerable.Range(0, total).Select(i => Message("U0003", $"{first + i}.000100", $"Beacon {i}")).ToArray());
        await using var app = await StartAsync(history);
        await app.CommandAsync("declare Beaconing malware sev2");

        await SlashAsync(app, "backfill");
        var result = SlackApp.Text((await app.Slack.WaitForAsync("hooks", timeout: TimeSpan.FromSeconds(60)))[0].Body);
        var lastCopied = DateTimeOffset.FromUnixTimeSeconds(first + 4999).UtcDateTime;
        Assert.Contains("Copied 5000 messages from", result);
        Assert.Contains($"I stopped after the first 5000 messages, at {lastCopied:yyyy-MM-dd HH:mm}. Run", result);
        Assert.Contains($"Run `backfill since {lastCopied:yyyy-MM-ddTHH:mm}Z` to copy the rest", result);

        // Following that advice copies what was left, and nothing twice.
        await SlashAsync(app, $"backfill since {lastCopied:yyyy-MM-ddTHH:mm}Z", "commands/rest");
        var rest = SlackApp.Text((await app.Slack.WaitForAsync("hooks", 2, TimeSpan.FromSeconds(60)))[1].Body);
        Assert.Contains("Copied 3 messages from", rest);
        var timeline = await TimelineAsync(app);
        Assert.Contains("Beacon 5002", timeline);
        Assert.Contains($"{total + 1} entries", timeline);
    }

    [Fact]
    public async Task A_window_too_busy_to_read_in_one_backfill_copies_nothing_and_says_from_when_it_can()
    {
        // More messages than MaxPages pages hold: Slack pages from the newest back, so the oldest are never reached.
        var total = (SlackChannelHistory.MaxPages * SlackChannelHistory.PageSize) + 10;
        var first = Now - 3600 - total;
        var history = new FakeHistory(Enumerable.Range(0, total).Select(i => Message("U0003", $"{first + i}.000100", $"Noise {i}")).ToArray());
        await using var app = await StartAsync(history);
        await app.CommandAsync("declare Log flood sev3");

        await SlashAsync(app, "backfill");
        var result = SlackApp.Text((await app.Slack.WaitForAsync("hooks", timeout: TimeSpan.FromSeconds(60)))[0].Body);
        Assert.Equal(SlackChannelHistory.MaxPages, app.Slack.CallsTo("conversations.history").Count);
        var reached = DateTimeOffset.FromUnixTimeSeconds(first + 10).UtcDateTime;
        Assert.Contains($"more than {SlackChannelHistory.MaxPages * SlackChannelHistory.PageSize} messages in that window", result);
        Assert.Contains($"Run `backfill since {reached:yyyy-MM-ddTHH:mm}Z`", result);
        Assert.DoesNotContain("Noise", await TimelineAsync(app));
    }

    [Fact]
    public async Task A_missing_permission_is_explained_and_nothing_is_copied()
    {
        var history = new FakeHistory(Message("U0003", Ts(5), "Hello"));
        await using var app = await StartAsync(history);
        app.Slack.Answer("conversations.history", _ => new JsonObject { ["ok"] = false, ["error"] = "missing_scope", ["needed"] = "groups:history", ["provided"] = "commands,chat:write" });
        await app.CommandAsync("declare Insider threat sev2");

        await SlashAsync(app, "backfill");
        var result = (await app.Slack.WaitForAsync("hooks"))[0].Body;
        Assert.Equal("ephemeral", result["response_type"]!.GetValue<string>());
        var text = SlackApp.Text(result);
        Assert.Contains("the app lacks the groups:history permission", text);
        Assert.Contains("reinstall ChatOpsIR", text);
        Assert.DoesNotContain("Hello", await TimelineAsync(app));
    }

    [Fact]
    public async Task Backfill_from_a_mention_says_it_is_reading_and_explains_a_channel_the_bot_is_not_in()
    {
        var history = new FakeHistory();
        await using var app = await StartAsync(history);
        app.Slack.Answer("conversations.history", _ => new JsonObject { ["ok"] = false, ["error"] = "not_in_channel" });
        await app.CommandAsync("declare Phishing wave sev3");
        var mention = JsonNode.Parse(SlackSigner.Fixture("slack/event-app-mention.json"))!;
        mention["event"]!["text"] = "<@U0009> backfill";

        Assert.Equal(HttpStatusCode.OK, (await app.SendEventAsync(mention.ToJsonString())).StatusCode);
        // The result comes from a job, which Hangfire retries after a failed run (up to a minute later on a busy machine).
        var posted = await app.Slack.WaitForAsync("chat.postEphemeral", 2, TimeSpan.FromSeconds(90));
        Assert.All(posted, p => Assert.Equal("U0001", p.Body["user"]!.GetValue<string>()));
        Assert.Contains("Reading this channel's history", SlackApp.Text(posted[0].Body));
        Assert.Contains("Invite me with `/invite @chatopsir`", SlackApp.Text(posted[1].Body));
    }

    [Fact]
    public async Task A_rate_limited_history_read_waits_as_long_as_slack_asks_then_finishes()
    {
        var history = new FakeHistory(Message("U0003", Ts(5), "Contained at the edge"));
        await using var app = await StartAsync(history);
        app.Slack.Script("conversations.history", () => FakeSlackApi.RateLimited(20));
        await app.CommandAsync("declare Outage sev2");

        await SlashAsync(app, "backfill");
        await app.Slack.WaitForAsync("conversations.history");
        await Task.Delay(300);
        app.App.Clock.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(300);
        Assert.Single(app.Slack.CallsTo("conversations.history"));
        Assert.Empty(app.Slack.CallsTo("hooks"));

        app.App.Clock.Advance(TimeSpan.FromSeconds(1));
        var result = (await app.Slack.WaitForAsync("hooks"))[0].Body;
        Assert.Contains("Copied 1 message from", SlackApp.Text(result));
        Assert.Equal(2, app.Slack.CallsTo("conversations.history").Count);
        Assert.Contains("Contained at the edge", await TimelineAsync(app));
    }

    [Fact]
    public async Task A_result_ready_after_the_response_url_expired_goes_through_the_web_api()
    {
        var history = new FakeHistory(Message("U0003", Ts(5), "Slow history"));
        await using var app = await StartAsync(history);
        using var gate = new ManualResetEventSlim();
        app.Slack.Script("conversations.history", () =>
        {
            gate.Wait(TimeSpan.FromSeconds(20));
            return FakeSlackApi.Status(HttpStatusCode.OK, history.Answer(new JsonObject
            {
                ["oldest"] = "0", ["latest"] = $"{Now}.000000", ["limit"] = "200",
            }).ToJsonString());
        });
        await app.CommandAsync("declare Outage sev2");

        await SlashAsync(app, "backfill");
        await app.Slack.WaitForAsync("conversations.history");
        app.App.Clock.Advance(SlackResponseUrls.Lifetime + TimeSpan.FromMinutes(1));
        gate.Set();

        var posted = (await app.Slack.WaitForAsync("chat.postEphemeral"))[0].Body;
        Assert.Equal("C0001", posted["channel"]!.GetValue<string>());
        Assert.Equal("U0001", posted["user"]!.GetValue<string>());
        Assert.Null(posted["response_type"]);
        Assert.Contains("Copied 1 message from", SlackApp.Text(posted));
        Assert.Empty(app.Slack.CallsTo("hooks"));
    }

    [Fact]
    public void A_response_url_is_used_five_times_within_thirty_minutes_and_no_more()
    {
        var clock = new FakeTimeProvider(SlackApp.FixtureTime);
        var urls = new SlackResponseUrls(clock);
        urls.Received("https://hooks.slack.com/commands/T1/1/a");
        clock.Advance(TimeSpan.FromMinutes(10));
        urls.Received("https://hooks.slack.com/commands/T1/1/a"); // seen again: its 30 minutes still run from the first time
        urls.Received("https://hooks.slack.com/commands/T1/2/b");
        for (var i = 0; i < SlackResponseUrls.MaxUses; i++)
        {
            Assert.True(urls.TryUse("https://hooks.slack.com/commands/T1/1/a"));
        }

        Assert.False(urls.TryUse("https://hooks.slack.com/commands/T1/1/a"));
        Assert.True(urls.TryUse("https://hooks.slack.com/commands/T1/2/b"));
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(urls.TryUse("https://hooks.slack.com/commands/T1/2/b"));
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(urls.TryUse("https://hooks.slack.com/commands/T1/2/b"));
        urls.Received("https://hooks.slack.com/commands/T1/3/c");
        urls.Spend("https://hooks.slack.com/commands/T1/3/c");
        Assert.False(urls.TryUse("https://hooks.slack.com/commands/T1/3/c"));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>A channel's history as conversations.history serves it: newest first, within oldest/latest, a page of `limit` per cursor.</summary>
    private sealed class FakeHistory(params JsonObject[] messages)
    {
        public JsonObject Answer(JsonObject request)
        {
            var oldest = decimal.Parse(request["oldest"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var latest = decimal.Parse(request["latest"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var window = messages
                .Select(m => (Message: m, Ts: decimal.Parse(m["ts"]!.GetValue<string>(), CultureInfo.InvariantCulture)))
                .Where(m => m.Ts >= oldest && m.Ts <= latest)
                .OrderByDescending(m => m.Ts)
                .Select(m => m.Message)
                .ToList();
            var offset = request["cursor"]?.GetValue<string>() is { } cursor ? int.Parse(cursor["page-".Length..], CultureInfo.InvariantCulture) : 0;
            var limit = int.Parse(request["limit"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var more = offset + limit < window.Count;
            return new JsonObject
            {
                ["ok"] = true,
                ["messages"] = new JsonArray(window.Skip(offset).Take(limit).Select(m => (JsonNode)m.DeepClone()).ToArray()),
                ["has_more"] = more,
                ["response_metadata"] = new JsonObject { ["next_cursor"] = more ? $"page-{offset + limit}" : string.Empty },
            };
        }
    }
}
