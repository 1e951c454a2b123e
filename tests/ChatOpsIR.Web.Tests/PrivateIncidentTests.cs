using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// A private incident (insider or HR matters) through the web war room's API on SQLite and PostgreSQL: a person who is
/// not in it cannot find, read or add to it by any reference, and learns nothing of it beyond a count.
/// </summary>
public class PrivateIncidentTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_private_incident_is_reached_by_its_people_only(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "hr-case", "Alice");
        var bobHere = new WebChatClient(app.CreateClient(), "hr-case", "Bob");
        var bobElsewhere = new WebChatClient(app.CreateClient(), "general", "Bob");

        var declared = await alice.SendAsync("declare Mailbox read by a colleague sev2 private");
        Assert.False(declared.IsError, declared.Text);
        Assert.Contains("private", declared.CardText);
        await alice.SendAsync("note HR informed");

        // By reference from anywhere: exactly as if there were no such incident.
        foreach (var line in new[] { "timeline INC-0001", "report INC-0001", "note INC-0001 I was here", "postmortem INC-0001", "actions INC-0001" })
        {
            var refused = await bobElsewhere.SendAsync(line);
            Assert.True(refused.IsError, line);
            Assert.True(refused.IsPrivate, line);
            Assert.Equal("There is no INC-0001 here. Incident references are counted per workspace.", refused.Text);
        }

        // In its channel: told it is private, nothing more.
        var inChannel = await bobHere.SendAsync("timeline");
        Assert.True(inChannel.IsError);
        Assert.Contains("private", inChannel.Text);
        Assert.DoesNotContain("Mailbox", inChannel.Text + inChannel.CardText);
        Assert.True((await bobHere.SendAsync("note Sneaking in")).IsError);
        Assert.DoesNotContain("Sneaking in", Timeline(await alice.SendAsync("timeline")));

        // Counted, never named.
        var metrics = await bobElsewhere.SendAsync("metrics");
        Assert.Contains("1 incident", metrics.Text);
        Assert.DoesNotContain("Mailbox", metrics.Text + metrics.CardText);

        // Let in, Bob reads and adds to it.
        var invited = await alice.SendAsync("invite @Bob");
        Assert.False(invited.IsError, invited.Text);
        Assert.Contains("Bob", invited.Text);
        Assert.Contains("HR informed", Timeline(await bobElsewhere.SendAsync("timeline INC-0001")));
        Assert.False((await bobHere.SendAsync("note Joined the case")).IsError);
        Assert.Contains("Joined the case", Timeline(await alice.SendAsync("timeline")));
    }

    [Fact]
    public async Task Only_the_commander_lets_people_in_and_nobody_is_let_in_twice()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "insider", "Alice");
        var carol = new WebChatClient(app.CreateClient(), "insider", "Carol");
        await alice.SendAsync("declare Data copied to a USB stick sev2 private");

        var refused = await carol.SendAsync("invite @Carol");
        Assert.True(refused.IsError);
        Assert.True(refused.IsPrivate);
        Assert.Contains("private", refused.Text);

        Assert.False((await alice.SendAsync("invite @Carol")).IsError);
        var again = await alice.SendAsync("invite @carol");
        Assert.Contains("already in INC-0001", again.Text);
        Assert.Equal(1, Timeline(await alice.SendAsync("timeline")).Split("let into this private incident").Length - 1);
    }

    [Fact]
    public async Task A_post_mortem_button_of_a_private_incident_does_nothing_for_someone_not_in_it()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "hr-review", "Alice");
        var mallory = new WebChatClient(app.CreateClient(), "lobby", "Mallory");
        await alice.SendAsync("declare Salary file shared sev3 private");
        await alice.SendAsync("resolve Access removed");
        Assert.False((await alice.SendAsync("postmortem")).IsError);

        var pressed = await mallory.PressAsync("pm.next", new Dictionary<string, string> { ["incident"] = "1", ["section"] = "timeline" });
        Assert.True(pressed.IsError);
        Assert.Equal("That card belongs to an incident this workspace does not have.", pressed.Text);
        Assert.DoesNotContain("Salary", pressed.Text + pressed.CardText);
        Assert.Contains("post-mortem", (await alice.SendAsync("postmortem status")).Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_channel_of_a_private_incident_is_listed_read_and_shown_to_its_people_only()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var http = app.CreateClient();
        var alice = new WebChatClient(http, "hr-case", "Alice");
        await alice.SendAsync("declare Mailbox read by a colleague sev2 private");
        await new WebChatClient(http, "outage", "Bob").SendAsync("declare Database down sev2");

        async Task<string> Get(string path) => await (await http.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.Contains("hr-case", await Get("/api/webchat/channels?user=Alice"));
        var bobsList = await Get("/api/webchat/channels?user=Bob");
        Assert.Contains("outage", bobsList);
        Assert.DoesNotContain("hr-case", bobsList);
        Assert.DoesNotContain("hr-case", await Get("/api/webchat/channels"));

        var read = await http.GetAsync("/api/webchat/channels/hr-case/messages?user=Bob");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain("Mailbox", await read.Content.ReadAsStringAsync());
        Assert.Contains("Mailbox", await Get("/api/webchat/channels/hr-case/messages?user=Alice"));

        Assert.DoesNotContain("Mailbox", await Get("/api/webchat/channels/hr-case/timeline?user=Bob"));
        Assert.DoesNotContain("Mailbox", await Get("/api/webchat/channels/hr-case/timeline"));
        Assert.Contains("Mailbox", await Get("/api/webchat/channels/hr-case/timeline?user=Alice"));

        await alice.SendAsync("invite @Bob");
        Assert.Contains("hr-case", await Get("/api/webchat/channels?user=Bob"));
        Assert.Contains("Mailbox", await Get("/api/webchat/channels/hr-case/messages?user=Bob"));
    }

    [Fact]
    public async Task A_private_incidents_report_opens_with_its_link_only()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "hr-report", "Alice");
        await alice.SendAsync("declare Payroll data in a personal mailbox sev2 private");
        Assert.False((await alice.SendAsync("postmortem")).IsError);
        var report = await alice.SendAsync("report");
        var link = System.Text.RegularExpressions.Regex.Match(report.Card!.ToJsonString(), "/incidents/([0-9a-f-]{36})/report\\?t=([^\"]+)");
        Assert.True(link.Success, report.Card.ToJsonString());

        var http = app.CreateClient();
        var bare = await http.GetAsync($"/incidents/{link.Groups[1].Value}/report");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, bare.StatusCode);
        Assert.DoesNotContain("Payroll", await bare.Content.ReadAsStringAsync());

        var withLink = await http.GetAsync(System.Text.Json.JsonDocument.Parse($"\"{link.Value}\"").RootElement.GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, withLink.StatusCode);
        Assert.Contains("Payroll data in a personal mailbox", await withLink.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_incident_made_private_after_declare_is_hidden_from_the_channel_list_at_once_and_keeps_its_people()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var http = app.CreateClient();
        var alice = new WebChatClient(http, "laptop-case", "Alice");
        var bobHere = new WebChatClient(http, "laptop-case", "Bob");
        var bobElsewhere = new WebChatClient(http, "general", "Bob");
        var olga = new WebChatClient(http, "laptop-case", "Olga");
        await alice.SendAsync("declare Laptop copied by a contractor sev2");
        await alice.SendAsync("action @Olga +7d Wipe the laptop remotely");
        async Task<string> Get(string path) => await (await http.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.Contains("laptop-case", await Get("/api/webchat/channels?user=Bob"));

        // Bob may not; the answer says who may, in the channel he can still see.
        var refused = await bobHere.SendAsync("make private");
        Assert.True(refused.IsError);
        Assert.Equal("Only the incident commander (Alice), a deputy or an incident manager can make INC-0001 private.", refused.Text);

        var made = await alice.SendAsync("make private");
        Assert.False(made.IsError, made.Text);
        Assert.False(made.IsPrivate);
        Assert.Equal("INC-0001 is now private, made so by Alice.", made.Text);
        Assert.Contains("Kept in as owners of open action items: Olga.", made.CardText);
        Assert.Contains("hidden from everyone who is not in the incident", made.CardText);
        Assert.DoesNotContain("Slack", made.CardText);

        // At once: gone from Bob's list, messages and side panel; Olga, owner of an open item, keeps it.
        Assert.DoesNotContain("laptop-case", await Get("/api/webchat/channels?user=Bob"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/api/webchat/channels/laptop-case/messages?user=Bob")).StatusCode);
        Assert.DoesNotContain("Laptop copied", await Get("/api/webchat/channels/laptop-case/timeline?user=Bob"));
        Assert.Contains("laptop-case", await Get("/api/webchat/channels?user=Olga"));
        Assert.Contains("Alice made this incident private", Timeline(await olga.SendAsync("timeline")));
        Assert.Equal("There is no INC-0001 here. Incident references are counted per workspace.", (await bobElsewhere.SendAsync("timeline INC-0001")).Text);

        // Bob, who can still type in the channel, is not told its title when the open incident stands in his way.
        var blocked = await bobHere.SendAsync("declare Something else sev3");
        Assert.True(blocked.IsError);
        Assert.Equal("INC-0001 is still open in this channel. Resolve it first, or declare the new incident in another channel.", blocked.Text);

        var again = await alice.SendAsync("private");
        Assert.False(again.IsError);
        Assert.True(again.IsPrivate);
        Assert.Equal("INC-0001 is already private.", again.Text);
    }

    [Fact]
    public async Task Someone_not_in_a_private_incident_learns_nothing_of_its_action_items()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var http = app.CreateClient();
        var alice = new WebChatClient(http, "payroll-case", "Alice");
        var bobHere = new WebChatClient(http, "payroll-case", "Bob");
        var bobElsewhere = new WebChatClient(http, "general", "Bob");
        var bobAlone = new WebChatClient(http, "bob-desk", "Bob");
        await alice.SendAsync("declare Payroll file emailed out sev2 private");
        var added = await alice.SendAsync("action @Olga +7d Recall the payroll email");
        Assert.Contains("Olga was let into this private incident as the owner of A1.", added.Text);

        foreach (var (client, line) in new[] { (bobHere, "action done A1"), (bobElsewhere, "action INC-0001 done A1"), (bobAlone, "action done A1"), (bobHere, "actions") })
        {
            var reply = await client.SendAsync(line);
            Assert.True(reply.IsError, line);
            Assert.True(reply.IsPrivate, line);
            Assert.DoesNotContain("Olga", reply.Text + reply.CardText);
            Assert.DoesNotContain("Alice", reply.Text + reply.CardText);
            Assert.DoesNotContain("Payroll", reply.Text + reply.CardText);
        }

        // A reminder's button of someone else's item, pressed (or forged) by Bob: nothing there.
        var pressed = await bobAlone.PressAsync(Core.FollowUps.ReminderVerbs.Done, new Dictionary<string, string> { [Core.FollowUps.ReminderVerbs.ItemKey] = "1" });
        Assert.True(pressed.IsError);
        Assert.Equal("There is no action item A1. actions in an incident's channel lists its open ones.", pressed.Text);
        Assert.Contains("1 open", (await alice.SendAsync("actions")).CardText);

        // Olga, let in as its owner, reads the incident and closes her item.
        var olga = new WebChatClient(http, "general", "Olga");
        Assert.Contains("Payroll file emailed out", Timeline(await olga.SendAsync("timeline INC-0001")));
        Assert.False((await olga.SendAsync("action INC-0001 done A1")).IsError);
    }

    [Fact]
    public async Task The_plan_review_counts_the_lessons_of_a_private_incident_without_quoting_or_naming_it()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var http = app.CreateClient();
        var alice = new WebChatClient(http, "hr-lessons", "Alice");
        var bob = new WebChatClient(http, "review", "Bob");
        await alice.SendAsync("declare Badge shared with a visitor sev3");
        await alice.SendAsync("private");
        await alice.SendAsync("resolve Badge revoked");
        Assert.False((await alice.SendAsync("postmortem")).IsError);
        var lesson = await alice.PressAsync("pm.answer", new Dictionary<string, string>
        {
            ["incident"] = "1",
            ["section"] = "lessons",
            ["next"] = "same",
            ["pm.lesson.text"] = "Visitors need escorted badges at reception",
        });
        Assert.False(lesson.IsError, lesson.Text);
        await new WebChatClient(http, "open-room", "Carol").SendAsync("declare Phishing wave sev3");

        var review = await bob.SendAsync("plan review now");
        Assert.False(review.IsError, review.Text);
        Assert.Contains("2 incidents", review.Text);
        Assert.Contains("1 more lesson came from private incidents", review.CardText);
        Assert.DoesNotContain("Visitors need escorted badges", review.CardText);
        Assert.DoesNotContain("Badge shared", review.CardText);
        Assert.DoesNotContain("INC-0001", review.Text + review.CardText);

        var metrics = await bob.SendAsync("metrics");
        Assert.Contains("2 incidents", metrics.Text);
        Assert.DoesNotContain("Badge", metrics.Text + metrics.CardText);
        Assert.DoesNotContain("INC-0001", metrics.Text + metrics.CardText);
    }

    private static string Timeline(WebReply reply) => reply.Text + "\n" + reply.CardText;
}
