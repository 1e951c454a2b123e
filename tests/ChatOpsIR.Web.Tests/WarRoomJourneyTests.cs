using System.Net;
using System.Net.Http.Json;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>The whole incident through the web war room's API, on SQLite and on PostgreSQL, through the real pipeline.</summary>
public class WarRoomJourneyTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_person_runs_an_incident_end_to_end_and_it_survives_a_restart(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using (var app = new ChatOpsAppFactory(database))
        {
            var alice = new WebChatClient(app.CreateClient(), "war-room", "Alice");
            var bob = new WebChatClient(app.CreateClient(), "war-room", "Bob");

            var declared = await alice.SendAsync("declare Ransomware on file server sev2");
            Assert.False(declared.IsError);
            Assert.False(declared.IsPrivate);
            Assert.Contains("INC-0001 · Ransomware on file server", declared.CardText);
            Assert.Contains("Commander: Alice", declared.CardText);

            app.Clock.Advance(TimeSpan.FromMinutes(20));
            var note = await bob.SendAsync("note EDR alert on FS01 at 09:05");
            Assert.Equal("Added to the INC-0001 timeline (at 2026-11-25 09:05 UTC): EDR alert on FS01", note.Text);
            Assert.Contains("SEV1", (await alice.SendAsync("sev 1")).Text);
            await alice.SendAsync("role scribe @Bob");
            await alice.SendAsync("mark detected at 09:10");
            app.Clock.Advance(TimeSpan.FromMinutes(30));
            var contained = await alice.SendAsync("mark contained");
            Assert.Contains("time to contain 1h 40m", contained.Text);
            await bob.SendAsync("status Contained; restoring shares");

            var notCommander = await bob.SendAsync("resolve");
            Assert.True(notCommander.IsError);
            Assert.Contains("Only the incident commander (Alice)", notCommander.Text);

            var resolved = await alice.SendAsync("resolve Restored from backup");
            Assert.Contains("INC-0001 resolved", resolved.Text);
            Assert.Contains("Resolved", resolved.CardText);
        }

        // A new host on the same database: everything is still there.
        await using (var restarted = new ChatOpsAppFactory(database))
        {
            var alice = new WebChatClient(restarted.CreateClient(), "war-room", "Alice");
            var timeline = await alice.SendAsync("timeline");
            Assert.True(timeline.IsPrivate);
            var text = timeline.CardText;
            var expectedOrder = new[]
            {
                "Bob: EDR alert on FS01",
                "Alice: Key moment: Detected.",
                "Alice: Incident declared: Ransomware on file server (SEV2 (high)). Commander: Alice.",
                "Alice: Severity changed from SEV2 (high) to SEV1 (critical).",
                "Alice: Bob is now scribe.",
                "Alice: Key moment: Contained.",
                "Bob: Status: Contained; restoring shares",
                "Alice: Incident resolved by Alice: Restored from backup",
            };
            var positions = expectedOrder.Select(e => text.IndexOf(e, StringComparison.Ordinal)).ToList();
            Assert.All(positions, p => Assert.True(p >= 0, $"missing from the timeline card:\n{text}"));
            Assert.Equal(positions.Order(), positions);
            Assert.Contains("recorded 2026-11-25 10:20", text);
            Assert.Contains("Times in UTC.", text);
            Assert.Contains("Time to contain: 1h 40m", text);

            var panel = await alice.TimelineAsync();
            Assert.Equal("resolved", panel["incident"]!["status"]!.GetValue<string>());
            Assert.Equal("Bob", panel["incident"]!["roles"]!["scribe"]!.GetValue<string>());
            Assert.Equal(8, panel["entries"]!.AsArray().Count);

            var history = await alice.MessagesAsync();
            Assert.Contains(history, m => m!["text"]!.GetValue<string>() == "declare Ransomware on file server sev2");
        }
    }

    [Fact]
    public async Task Bad_command_lines_get_a_clear_private_error_and_change_nothing()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "war-room", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "war-room", "Bob");
        await alice.SendAsync("declare Phishing wave sev3");
        var before = (await alice.TimelineAsync()).ToJsonString();

        string[] bad =
        [
            "frobnicate the servers",
            "sev 9",
            "note",
            "mark lunch",
            "mark contained at 2030-01-01T00:00Z",
            "role janitor @Bob",
            "declare Second incident sev1",
            "action @Bob someday Fix it",
        ];
        foreach (var line in bad)
        {
            var reply = await alice.SendAsync(line);
            Assert.True(reply.IsError, $"'{line}' should be an error");
            Assert.True(reply.IsPrivate, $"the error for '{line}' should be visible only to Alice");
            Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        }

        var unknown = (await alice.SendAsync("frobnicate")).Text;
        Assert.Contains("I don't know the command frobnicate.", unknown);
        Assert.DoesNotContain("`", unknown);
        Assert.Contains("still open in this channel", (await alice.SendAsync("declare Another")).Text);
        Assert.Equal(before, (await alice.TimelineAsync()).ToJsonString());

        // Errors stay private: Bob sees Alice's declare but none of her mistakes.
        var bobSees = await bob.MessagesAsync();
        Assert.DoesNotContain(bobSees, m => m!["isError"]!.GetValue<bool>());
        Assert.Equal(2, bobSees.Count);
    }

    [Fact]
    public async Task Commands_without_an_incident_say_how_to_open_one()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "quiet", "Alice");
        foreach (var line in new[] { "note hello", "status ok", "sev 1", "mark detected", "resolve" })
        {
            var reply = await alice.SendAsync(line);
            Assert.True(reply.IsError);
            Assert.Contains("no open incident", reply.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_retried_message_is_answered_once_and_recorded_once()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "war-room", "Alice");
        await alice.SendAsync("declare Outage");

        var first = await alice.SendAsync("note Failover started", clientMessageId: "msg-42");
        var retry = await alice.SendAsync("note Failover started", clientMessageId: "msg-42");

        Assert.Equal(2, first.Messages.Count);
        Assert.Empty(retry.Messages);
        var entries = (await alice.TimelineAsync())["entries"]!.AsArray();
        Assert.Single(entries, e => e!["text"]!.GetValue<string>() == "Failover started");
        Assert.Single(await alice.MessagesAsync(), m => m!["text"]!.GetValue<string>() == "note Failover started");
    }

    [Fact]
    public async Task A_card_button_runs_its_command_for_the_person_who_pressed_it()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "war-room", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "war-room", "Bob");
        var declared = await alice.SendAsync("declare Outage sev2");

        var actions = declared.Card!["actions"]!.AsArray();
        var timelineButton = actions.Single(a => a!["title"]!.GetValue<string>() == "Timeline")!;
        Assert.Equal("Action.Execute", timelineButton["type"]!.GetValue<string>());
        var data = timelineButton["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var pressed = await bob.PressAsync(timelineButton["verb"]!.GetValue<string>(), data);
        Assert.Contains("Timeline · INC-0001", pressed.CardText);

        // The Resolve button asks first, then runs with the presser's rights: Bob is not the commander.
        var resolve = actions.Single(a => a!["title"]!.GetValue<string>() == "Resolve")!;
        Assert.Equal("Action.ShowCard", resolve["type"]!.GetValue<string>());
        var confirm = resolve["card"]!["actions"]![0]!;
        var confirmData = confirm["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.True((await bob.PressAsync(confirm["verb"]!.GetValue<string>(), confirmData)).IsError);
        Assert.False((await alice.PressAsync(confirm["verb"]!.GetValue<string>(), confirmData)).IsError);

        Assert.True((await alice.PressAsync("no.such.verb", new Dictionary<string, string>())).IsError);
    }

    [Fact]
    public async Task A_bare_declare_shows_a_form_whose_submission_declares_or_says_what_is_missing()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "war-room", "Alice");
        var form = await alice.SendAsync("declare");
        Assert.True(form.IsPrivate);
        var inputs = form.Card!.ToJsonString();
        Assert.Contains("\"id\":\"declare.title\"", inputs);
        Assert.Contains("\"type\":\"Input.ChoiceSet\"", inputs);

        var missing = await alice.PressAsync("declare.submit", new() { ["declare.title"] = "", ["declare.severity"] = "2", ["declare.exercise"] = "real" });
        Assert.True(missing.IsError);
        Assert.Contains("Give the incident a title", missing.Text);
        Assert.Null((await alice.TimelineAsync())["incident"]);

        var declared = await alice.PressAsync("declare.submit", new() { ["declare.title"] = "Phishing wave", ["declare.severity"] = "2", ["declare.exercise"] = "simulation" });
        Assert.Contains("INC-0001 · Phishing wave", declared.CardText);
        Assert.Contains("Simulation exercise", declared.CardText);
        Assert.Contains(await alice.MessagesAsync(), m => m!["text"]!.GetValue<string>() == "declare (form): Phishing wave");
    }

    [Fact]
    public async Task Help_lists_every_verb_and_explains_one()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "war-room", "Alice");
        var help = await alice.SendAsync("help");
        Assert.True(help.IsPrivate);
        foreach (var verb in new[] { "declare", "note", "status", "sev", "role", "mark", "evidence", "resolve", "reopen", "close", "postmortem", "action", "timeline", "actions", "report", "metrics", "plan", "help" })
        {
            Assert.Contains(verb, help.CardText);
        }

        var mark = await alice.SendAsync("help mark");
        Assert.Contains("mark [INC-n] <first-activity|detected|acknowledged|contained|eradicated|recovered>", mark.CardText);
        Assert.Contains("mark contained at 14:05", mark.CardText);
    }

    [Fact]
    public async Task Evidence_actions_and_metrics_work_from_the_war_room()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "war-room", "Alice");
        await alice.SendAsync("declare Leaked key sev1");
        var hash = new string('b', 64);
        var evidence = await alice.SendAsync($"evidence Copy of the leaked key file {hash} https://files.example.org/key");
        Assert.Contains($"SHA-256: {hash}", evidence.CardText);
        Assert.Contains("Evidence E1", evidence.Text);

        var action = await alice.SendAsync("action @Bob +7d Rotate every deploy key");
        Assert.Equal("Action item A1 added for Bob, due 2026-12-02: Rotate every deploy key", action.Text);
        Assert.Contains("A1", (await alice.SendAsync("actions")).CardText);
        Assert.Contains("A1 is done", (await alice.SendAsync("action done A1")).Text);
        Assert.Contains("0 open, 1 done", (await alice.SendAsync("actions")).CardText);

        var metrics = await alice.SendAsync("metrics");
        Assert.Contains("Incidents: 1 in 2026 to date · 0 in 2025 to 25 Nov", metrics.CardText);
        Assert.Contains("SEV1 (critical): 1", metrics.CardText);
    }

    [Fact]
    public async Task Asking_for_a_new_channel_where_none_can_be_made_says_so()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "war-room", "Alice");
        var declared = await alice.SendAsync("declare Outage new-channel");
        Assert.Contains("this channel is the war room", declared.CardText);
    }

    [Fact]
    public async Task Exercises_are_labelled()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "drill", "Alice");
        var declared = await alice.SendAsync("declare Phishing drill tabletop");
        Assert.Contains("EXERCISE", declared.CardText);
        Assert.Contains("Tabletop exercise", declared.CardText);
        Assert.True((await alice.TimelineAsync())["incident"]!["exercise"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("/api/webchat/channels/War Room/commands", "{\"user\":\"Alice\",\"text\":\"help\"}")]
    [InlineData("/api/webchat/channels/war-room/commands", "{\"user\":\"\",\"text\":\"help\"}")]
    [InlineData("/api/webchat/channels/war-room/commands", "{\"user\":\"<script>\",\"text\":\"help\"}")]
    [InlineData("/api/webchat/channels/war-room/commands", "{\"user\":\"Alice\",\"text\":\"help\",\"clientMessageId\":\"" + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789x\"}")]
    public async Task Malformed_requests_get_400_with_a_reason_and_change_nothing(string path, string body)
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var client = app.CreateClient();
        var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await WebApiRefusalTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, string.Empty);
        Assert.True(problem["detail"]!.GetValue<string>().Length > 20, problem.ToJsonString());
        Assert.Empty(await client.GetFromJsonAsync<List<object>>("/api/webchat/channels") ?? []);
    }

    [Fact]
    public async Task An_oversized_request_is_refused_with_413_and_changes_nothing()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var client = app.CreateClient();
        var body = $"{{\"user\":\"Alice\",\"text\":\"note {new string('x', 70_000)}\"}}";
        var response = await client.PostAsync("/api/webchat/channels/war-room/commands", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await WebApiRefusalTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "A request is at most 64 KiB");
        Assert.Empty(await client.GetFromJsonAsync<List<object>>("/api/webchat/channels") ?? []);
    }

    [Fact]
    public async Task The_page_and_its_assets_are_served_without_any_cdn()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var client = app.CreateClient();
        var page = await client.GetStringAsync("/");
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", page);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/assets/..%2Fappsettings.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/assets/nothing.js")).StatusCode);
    }
}
