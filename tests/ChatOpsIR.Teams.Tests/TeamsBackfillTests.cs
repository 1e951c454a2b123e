using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>`@ChatOpsIR backfill` reads the channel's history through Graph in the background; names Teams leaves out come from Graph.</summary>
public sealed class TeamsBackfillTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private const string Carol = "00000000-0000-0000-0000-0000000000a3";
    private const string Dan = "00000000-0000-0000-0000-0000000000a4";
    private static readonly DateTime Day = new(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);

    private static string Thread(string channel) => $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

    private async Task<ConnectorCall> CommandAsync(string channel, string command)
    {
        var before = host.PostsTo(Thread(channel)).Count;
        await host.SendOkAsync(host.Mention(channel, command));
        await host.IdleAsync();
        return host.PostsTo(Thread(channel)).Skip(before).Last();
    }

    private static JsonObject MentioningTheBot(JsonObject message)
    {
        message["mentions"] = new JsonArray(new JsonObject
        {
            ["id"] = 0,
            ["mentionText"] = "ChatOpsIR",
            ["mentioned"] = new JsonObject { ["application"] = new JsonObject { ["id"] = TeamsTestHost.AppId, ["displayName"] = "ChatOpsIR" } },
        });
        return message;
    }

    [Fact]
    public async Task Backfill_copies_what_people_wrote_once_with_authors_and_times_and_skips_what_live_capture_has()
    {
        const string channel = "backfill-full";
        await CommandAsync(channel, "declare Ransomware on FS01 sev2");
        await CommandAsync(channel, "capture on");

        // Captured live, before anyone thought of backfilling.
        var live = host.Mention(channel, "ignored", id: "1764054000000");
        live["text"] = "Restoring shares from last night's backup";
        live["timestamp"] = "2026-11-25T09:00:00.000Z";
        live["entities"] = new JsonArray();
        await host.SendOkAsync(live);
        await host.IdleAsync();

        host.Graph.AddUser(Dan, "Dan Example");
        host.Graph.AddMessages(TeamsTestHost.TeamGroupId, TeamsTestHost.ChannelId(channel),
            FakeGraph.UserMessage("1763900000000", Day.AddDays(-2), Carol, "Carol Example", "<p>Too old: before the window</p>"),
            FakeGraph.UserMessage("1764050400000", Day.AddHours(8), Carol, "Carol Example", "<p>EDR alert on <b>FS01</b> &amp; FS02</p>",
                FakeGraph.UserMessage("1764050700000", Day.AddHours(8).AddMinutes(5), Dan, null, "Isolating FS01 now")),
            FakeGraph.UserMessage("1764054000000", Day.AddHours(9), Carol, "Carol Example", "Restoring shares from last night's backup"),
            FakeGraph.BotMessage("1764054600000", Day.AddHours(9).AddMinutes(10), TeamsTestHost.AppId, "INC-1 declared"),
            FakeGraph.SystemMessage("1764054900000", Day.AddHours(9).AddMinutes(15)),
            MentioningTheBot(FakeGraph.UserMessage("1764055200000", Day.AddHours(9).AddMinutes(20), Carol, "Carol Example", "<at>ChatOpsIR</at> mark detected")));

        var result = await CommandAsync(channel, "backfill");
        var posts = host.PostsTo(Thread(channel));
        Assert.Contains("Reading this channel's earlier messages through Microsoft Graph", posts[^2].Text);
        Assert.True(result.Text!.Contains("Copied 2 messages", StringComparison.Ordinal), result.Text);
        Assert.Contains("1 was already there", result.Text);

        var read = Assert.Single(host.Graph.Calls, c => c.Path == $"/v1.0/teams/{TeamsTestHost.TeamGroupId}/channels/{TeamsTestHost.ChannelId(channel)}/messages");
        Assert.Contains("$top=50", read.Query);
        Assert.Contains("$expand=replies", read.Query);

        var chat = (await host.IncidentAsync(channel)).Timeline.Where(e => e.Kind == TimelineEntryKind.ChatMessage).OrderBy(e => e.OccurredAt).ToList();
        Assert.Equal(["EDR alert on FS01 & FS02", "Isolating FS01 now", "Restoring shares from last night's backup"], chat.Select(e => e.Text));
        Assert.Equal(Day.AddHours(8), chat[0].OccurredAt);
        Assert.Equal((Carol, "Carol Example"), (chat[0].AuthorId, chat[0].AuthorName));

        // Dan's name was missing from the reply; Graph supplied it.
        Assert.Equal((Dan, "Dan Example"), (chat[1].AuthorId, chat[1].AuthorName));
        Assert.Single(host.Graph.Calls, c => c.Path == $"/v1.0/users/{Dan}");

        var again = await CommandAsync(channel, "backfill");
        Assert.Contains("All 3 messages", again.Text);
        Assert.Equal(3, (await host.IncidentAsync(channel)).Timeline.Count(e => e.Kind == TimelineEntryKind.ChatMessage));
    }

    [Fact]
    public async Task A_backfilled_author_seen_in_Teams_is_the_same_person_as_in_live_capture()
    {
        const string channel = "backfill-same-person";
        const string Gus = "00000000-0000-0000-0000-0000000000a7";
        const string GusTeams = "29:1abc-gus-0007";
        const string Hal = "00000000-0000-0000-0000-0000000000a8";
        await CommandAsync(channel, "declare Rogue inbox rule sev3");
        await CommandAsync(channel, "capture on");

        // Gus writes in the channel: the activity carries his Teams id beside his Entra object id (in another case, as Graph may write it).
        var live = host.Mention(channel, "ignored", id: "1764060000000");
        live["from"] = new JsonObject { ["id"] = GusTeams, ["name"] = "Gus Teams", ["aadObjectId"] = Gus.ToUpperInvariant() };
        live["text"] = "Rule forwards to an outside address";
        live["timestamp"] = "2026-11-25T10:00:00.000Z";
        live["entities"] = new JsonArray();
        await host.SendOkAsync(live);
        await host.IdleAsync();

        // Graph knows Gus (and Hal, never seen in Teams) only by object id, with its own spelling of the name.
        host.Graph.AddMessages(TeamsTestHost.TeamGroupId, TeamsTestHost.ChannelId(channel),
            FakeGraph.UserMessage("1764057600000", Day.AddHours(8), Gus, "Gus Graph", "Earlier: the rule appeared at 08:00"),
            FakeGraph.UserMessage("1764058200000", Day.AddHours(8).AddMinutes(10), Hal, "Hal Example", "I saw it too"));
        var result = await CommandAsync(channel, "backfill");
        Assert.Contains("Copied 2 messages", result.Text);

        var chat = (await host.IncidentAsync(channel)).Timeline.Where(e => e.Kind == TimelineEntryKind.ChatMessage).OrderBy(e => e.OccurredAt).ToList();
        Assert.Equal(
            [(GusTeams, "Gus Teams", "Earlier: the rule appeared at 08:00"), (Hal, "Hal Example", "I saw it too"), (GusTeams, "Gus Teams", "Rule forwards to an outside address")],
            chat.Select(e => (e.AuthorId, e.AuthorName, e.Text)));
        Assert.DoesNotContain(host.Graph.Calls, c => c.Path == $"/v1.0/users/{Gus}");
    }

    /// <summary>`backfill` from a channel post whose channelData names the team only by its Teams id, as some activities do.</summary>
    private async Task<ConnectorCall> BackfillWithoutGroupIdAsync(string channel, string teamId)
    {
        var before = host.PostsTo(Thread(channel)).Count;
        var backfill = host.Mention(channel, "backfill");
        backfill["channelData"]!["team"] = new JsonObject { ["id"] = teamId };
        await host.SendOkAsync(backfill);
        await host.IdleAsync();
        return host.PostsTo(Thread(channel)).Skip(before).Last();
    }

    [Fact]
    public async Task Backfill_without_the_team_group_id_asks_the_Connector_for_it()
    {
        const string channel = "backfill-team-lookup";
        const string teamId = "19:backfill-lookup-team@thread.tacv2";
        await CommandAsync(channel, "declare Session hijack sev3");
        host.Connector.AddTeam(teamId, TeamsTestHost.TeamGroupId);
        host.Graph.AddMessages(TeamsTestHost.TeamGroupId, TeamsTestHost.ChannelId(channel),
            FakeGraph.UserMessage("1764061000000", Day.AddHours(7), Carol, "Carol Example", "Cookie reused from a second country"));

        var result = await BackfillWithoutGroupIdAsync(channel, teamId);
        Assert.True(result.Text!.Contains("Copied 1 message", StringComparison.Ordinal), result.Text);
        Assert.Single(host.Connector.Calls, c => c.Method == "GET" && c.Path == $"/amer/v3/teams/{teamId}");
        Assert.Single(host.Graph.Calls, c => c.Path == $"/v1.0/teams/{TeamsTestHost.TeamGroupId}/channels/{TeamsTestHost.ChannelId(channel)}/messages");
        Assert.Single((await host.IncidentAsync(channel)).Timeline, e => e.Text == "Cookie reused from a second country");
    }

    [Fact]
    public async Task Backfill_says_why_when_neither_Teams_nor_the_Connector_give_the_team_group_id()
    {
        const string channel = "backfill-team-unknown";
        await CommandAsync(channel, "declare Session replay sev3");
        var reads = host.Graph.Calls.Count(c => c.Path.EndsWith("/messages", StringComparison.Ordinal));

        var result = await BackfillWithoutGroupIdAsync(channel, "19:backfill-unknown-team@thread.tacv2");
        Assert.Contains("Teams did not send the Microsoft 365 group id of this channel's team, and the Bot Connector could not tell me either (it answered 404)", result.Text);
        Assert.Contains("Nothing was copied", result.Text);
        Assert.DoesNotContain("this is a chat", result.Text);
        Assert.Equal(reads, host.Graph.Calls.Count(c => c.Path.EndsWith("/messages", StringComparison.Ordinal)));
        Assert.DoesNotContain((await host.IncidentAsync(channel)).Timeline, e => e.Kind == TimelineEntryKind.ChatMessage);
    }

    [Fact]
    public async Task Backfill_stops_reading_pages_once_they_are_older_than_the_window()
    {
        const string channel = "backfill-pages";
        await CommandAsync(channel, "declare Odd VPN logins sev3");
        var messages = Enumerable.Range(0, 4).Select(i => FakeGraph.UserMessage($"17640{i}0000000", Day.AddHours(6 + i), Carol, "Carol Example", $"in window {i}"))
            .Concat(Enumerable.Range(0, 4).Select(i => FakeGraph.UserMessage($"17630{i}0000000", Day.AddDays(-3).AddHours(i), Carol, "Carol Example", $"long ago {i}")))
            .ToArray();
        host.Graph.AddMessages(TeamsTestHost.TeamGroupId, TeamsTestHost.ChannelId(channel), messages);
        host.Graph.MaxPageSize = 2;
        try
        {
            var result = await CommandAsync(channel, "backfill");
            Assert.Contains("Copied 4 messages", result.Text);
        }
        finally
        {
            host.Graph.MaxPageSize = 50;
        }

        // Newest first, two a page: two pages in the window, a third all older, and no fourth.
        Assert.Equal(3, host.Graph.Calls.Count(c => c.Path.EndsWith($"/channels/{TeamsTestHost.ChannelId(channel)}/messages", StringComparison.Ordinal)));
        var chat = (await host.IncidentAsync(channel)).Timeline.Where(e => e.Kind == TimelineEntryKind.ChatMessage).OrderBy(e => e.OccurredAt).Select(e => e.Text);
        Assert.Equal(["in window 0", "in window 1", "in window 2", "in window 3"], chat);
    }

    [Fact]
    public async Task Without_the_read_permission_backfill_names_the_permission_and_copies_nothing()
    {
        const string channel = "backfill-forbidden";
        await CommandAsync(channel, "declare Mailbox rule abuse sev3");
        host.Graph.Script(FakeGraph.Error(403, "Forbidden", "Missing role permissions on the request."));
        var result = await CommandAsync(channel, "backfill");
        Assert.Contains("ChannelMessage.Read.All application permission", result.Text);
        Assert.DoesNotContain((await host.IncidentAsync(channel)).Timeline, e => e.Kind == TimelineEntryKind.ChatMessage);
    }

    [Fact]
    public async Task Add_to_timeline_takes_a_missing_author_name_from_Graph_and_remembers_it()
    {
        const string channel = "lookup-submit";
        const string Erin = "00000000-0000-0000-0000-0000000000a5";
        await CommandAsync(channel, "declare Suspicious OAuth grant sev3");
        host.Graph.AddUser(Erin, "Erin Example");
        for (var i = 0; i < 2; i++)
        {
            var submit = host.Fixture("invoke-compose-extension-submit-action.json");
            submit["id"] = $"f:{host.NextActivityId()}";
            submit["conversation"]!["id"] = Thread(channel);
            submit["channelData"]!["channel"]!["id"] = TeamsTestHost.ChannelId(channel);
            submit["value"]!["messagePayload"]!["id"] = $"176405000000{i}";
            submit["value"]!["messagePayload"]!["from"]!["user"] = new JsonObject { ["id"] = Erin, ["userIdentityType"] = "aadUser" };
            using var response = await host.SendAsync(submit);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await host.IdleAsync();
        var added = (await host.IncidentAsync(channel)).Timeline.Where(e => e.Kind == TimelineEntryKind.ChatMessage).ToList();
        Assert.Equal(2, added.Count);
        Assert.All(added, e => Assert.Equal((Erin, "Erin Example"), (e.AuthorId, e.AuthorName)));
        Assert.Contains(host.PostsTo(Thread(channel)), p => p.Text?.StartsWith("Added Erin Example's message", StringComparison.Ordinal) == true);
        Assert.Single(host.Graph.Calls, c => c.Path == $"/v1.0/users/{Erin}");
    }

    [Fact]
    public async Task A_slow_Graph_does_not_hold_up_Add_to_timeline_beyond_the_lookup_budget()
    {
        const string channel = "lookup-slow";
        const string Fay = "00000000-0000-0000-0000-0000000000a6";
        await CommandAsync(channel, "declare Token theft sev2");
        host.Graph.Script(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(6), context.RequestAborted);
            context.Response.StatusCode = 200;
        });
        var submit = host.Fixture("invoke-compose-extension-submit-action.json");
        submit["id"] = $"f:{host.NextActivityId()}";
        submit["conversation"]!["id"] = Thread(channel);
        submit["channelData"]!["channel"]!["id"] = TeamsTestHost.ChannelId(channel);
        submit["value"]!["messagePayload"]!["from"]!["user"] = new JsonObject { ["id"] = Fay };
        var watch = Stopwatch.StartNew();
        using var response = await host.SendAsync(submit);
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4));
        var entry = Assert.Single((await host.IncidentAsync(channel)).Timeline, e => e.Kind == TimelineEntryKind.ChatMessage);
        Assert.Equal((Fay, "Unknown author"), (entry.AuthorId, entry.AuthorName));
    }
}
