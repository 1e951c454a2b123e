using System.Net;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The guided post-mortem section by section through the web war room's API on SQLite: what each section refuses
/// (and that a refused answer saves nothing), the rules for lists, one root cause, blame hints, publishing with open
/// points, versions, and exercises.
/// </summary>
public class PostMortemSectionTests
{
    public static TheoryData<string, string[], string> BadAnswers => new()
    {
        { "scope", ["pm.scope.sources=EDR", "pm.scope.missing=none"], "Answer: Which systems were involved?" },
        { "scope", ["pm.scope.systems=FS01", "pm.scope.kinds=cloud", "pm.scope.sources=EDR", "pm.scope.missing=none"], "Pick from the list: On premises, IaaS, PaaS, SaaS, Endpoints." },
        { "root-causes", ["pm.cause.text=Flat network", "pm.cause.enabler=process"], "Choose: Which first principles failed?" },
        { "root-causes", ["pm.cause.text=Flat network", "pm.cause.principles=luck", "pm.cause.enabler=process"], "Pick from the list: Comprehensivity" },
        { "root-causes", ["pm.cause.text=Flat network", "pm.cause.principles=rigor", "pm.cause.enabler=process,tooling"], "Pick from the list: Process, Tooling, Workload." },
        { "impact", ["pm.impact.integrity=none", "pm.impact.availability=low", "pm.impact.people=3"], "Choose: Confidentiality impact" },
        { "impact", ["pm.impact.confidentiality=high", "pm.impact.integrity=none", "pm.impact.availability=low", "pm.impact.people=lots"], "Give a whole number of at least 0, or \"unknown\"." },
        { "impact", ["pm.impact.confidentiality=high", "pm.impact.integrity=none", "pm.impact.availability=low", "pm.impact.people=-4"], "Give a whole number of at least 0, or \"unknown\"." },
        { "response", ["pm.response.well=Fast isolation", "pm.response.poorly=Paging"], "Answer: How did communication and collaboration go?" },
        { "lessons", ["pm.lesson.text=" + new string('l', 2001)], "Keep it under 2000 characters." },
        { "action-items", ["pm.action.title=Patch", "pm.action.owner=@Carol", "pm.action.due=someday", "pm.action.kind=configuration", "pm.action.reach=class"], "Give the date as YYYY-MM-DD (or today, tomorrow, +7d)." },
        { "action-items", ["pm.action.title=Patch", "pm.action.owner=<script>", "pm.action.due=2026-12-20", "pm.action.kind=configuration", "pm.action.reach=class"], "Name the owner as @name" },
        { "action-items", ["pm.action.title=Patch", "pm.action.owner=@Carol", "pm.action.due=2026-12-20", "pm.action.reach=class"], "Choose: Kind" },
        { "training", ["pm.training.what=Phishing drills"], "Answer: Who needs it?" },
        { "summary", ["pm.summary.asks=Segment", "pm.summary.risk=Repeat", "pm.summary.costtime=" + new string('c', 301)], "Keep it under 300 characters." },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_bad_answer_is_refused_with_what_is_wrong_keeps_what_was_typed_and_saves_nothing(string section, string[] fields, string error)
    {
        await using var room = await RoomAsync();
        var reply = await room.Alice.PressAsync("pm.answer", Data(section, "next", fields));

        Assert.True(reply.IsError);
        Assert.Contains(error, reply.Text);
        Assert.Contains($"Post-mortem {Number(section)} of 9", reply.CardText);
        foreach (var typed in fields.Select(f => f.Split('=', 2)[1]).Where(v => v.Length is > 0 and < 40 && !v.Contains('<')))
        {
            Assert.Contains(typed, reply.Card!.ToJsonString());
        }

        var status = await room.Alice.SendAsync("postmortem status");
        Assert.Contains("0 of 9 sections done", status.CardText);
        Assert.Contains("(current)", status.CardText);
    }

    [Fact]
    public async Task A_list_section_cannot_be_left_empty_and_one_root_cause_needs_a_reason()
    {
        await using var room = await RoomAsync();
        var empty = await room.Bob.PressAsync("pm.next", Data("root-causes", null));
        Assert.True(empty.IsError);
        Assert.Contains("Root causes has nothing yet", empty.Text);

        await room.Bob.PressAsync("pm.answer", Data("root-causes", "next", "pm.cause.text=Stolen token replayed from an unmanaged device", "pm.cause.principles=compartmentation", "pm.cause.enabler=tooling"));
        var asks = await room.Bob.PressAsync("pm.next", Data("root-causes", null));
        Assert.True(asks.IsPrivate);
        Assert.Contains("Only one root cause?", asks.CardText);
        var blank = await room.Bob.PressAsync("pm.next", Data("root-causes", null, "pm.reason= "));
        Assert.True(blank.IsError);
        Assert.Contains("Say why there is only one root cause", blank.Text);
        Assert.Contains("Only one root cause?", blank.CardText); // the same form comes back, with the problem on it
        Assert.Contains("Say why there is only one root cause", blank.CardText);

        var moved = await room.Bob.PressAsync("pm.next", Data("root-causes", null, "pm.reason=The attacker needed only the token; every other control held"));
        Assert.Contains("Post-mortem 4 of 9: Impact", moved.CardText);
        var markdown = await room.ReportAsync("md");
        Assert.Contains("Only one root cause is recorded. Reason given: The attacker needed only the token", markdown);
    }

    [Fact]
    public async Task A_blame_hint_can_be_kept_only_by_its_author_or_the_commander_and_the_report_says_so()
    {
        await using var room = await RoomAsync();
        var flagged = await room.Bob.PressAsync("pm.answer", Data("lessons", "same", "pm.lesson.text=Carol was careless with the VPN profile"));
        Assert.Contains("can read as blaming a person", flagged.CardText);
        var keep = ButtonData(flagged, "pm.keep");

        var stranger = await new WebChatClient(room.App.CreateClient(), "pm-sections", "Dave").PressAsync("pm.keep", keep);
        Assert.True(stranger.IsError);
        Assert.Contains("Only Bob, who wrote lesson 1, or the commander", stranger.Text);

        var kept = await room.Bob.PressAsync("pm.keep", keep);
        Assert.Contains("Lesson 1: wording kept by Bob", kept.Text);
        Assert.Contains("kept this wording after a blame hint on", await room.ReportAsync("md"));
    }

    [Fact]
    public async Task Publishing_with_open_points_needs_a_reason_and_later_edits_make_a_new_version()
    {
        await using var room = await RoomAsync();
        await room.Alice.PressAsync("pm.answer", Data("summary", "same", "pm.summary.asks=Rotate all tokens", "pm.summary.risk=Token replay again", "pm.summary.costtime=Two days"));

        var check = await room.Alice.PressAsync("pm.publish", Data("summary", null));
        Assert.True(check.IsPrivate);
        Assert.Contains("Not ready to publish", check.CardText);
        Assert.Contains("Still open: Scope and sources", check.CardText);
        var noReason = await room.Alice.PressAsync("pm.publish", Data("summary", null, "pm.reason="));
        Assert.True(noReason.IsError);

        var first = await room.Alice.PressAsync("pm.publish", Data("summary", null, "pm.reason=The customer asked for our findings today"));
        Assert.False(first.IsError, first.Text);
        Assert.Contains("version 1", first.CardText);
        Assert.Contains("Published with open quality points. Reason: The customer asked for our findings today", first.CardText);
        var again = await room.Alice.PressAsync("pm.publish", Data("summary", null));
        Assert.Contains("Version 1 is published and nothing has changed since", again.Text);

        await room.Bob.PressAsync("pm.answer", Data("training", "same", "pm.training.what=Token hygiene", "pm.training.who=Developers"));
        var status = await room.Alice.SendAsync("postmortem status");
        Assert.Contains("it has changed since, so publishing again makes version 2", status.CardText);
        var second = await room.Alice.PressAsync("pm.publish", Data("summary", null, "pm.reason=Still waiting for the scope review"));
        Assert.Contains("version 2", second.CardText);

        var v1 = await room.ReportAsync("md", version: 1);
        var v2 = await room.ReportAsync("md", version: 2);
        Assert.Contains("Version 1, published by Alice", v1);
        Assert.DoesNotContain("Token hygiene", v1);
        Assert.Contains("Version 2, published by Alice", v2);
        Assert.Contains("Token hygiene", v2);
        Assert.Contains("Still waiting for the scope review", v2);
    }

    [Fact]
    public async Task An_exercise_runs_the_same_flow_and_is_labelled_on_the_cards_and_the_report()
    {
        await using var room = await RoomAsync("declare Phishing drill for finance sev3 tabletop");
        var card = await room.Alice.SendAsync("postmortem");
        Assert.Contains("EXERCISE", card.Card!.ToJsonString());
        Assert.Contains("INC-0001 (tabletop exercise)", card.CardText);
        var html = await room.ReportAsync("html");
        Assert.Contains("TABLETOP EXERCISE: this was a rehearsal, not a real incident", html);
    }

    [Fact]
    public async Task Post_mortem_buttons_are_refused_where_no_post_mortem_runs()
    {
        await using var room = await RoomAsync(start: false);
        var early = await room.Alice.PressAsync("pm.answer", Data("scope", "next", "pm.scope.systems=FS01"));
        Assert.True(early.IsError);
        Assert.Contains("has not been started", early.Text);

        var elsewhere = new WebChatClient(room.App.CreateClient(), "other-room", "Alice");
        var status = await elsewhere.SendAsync("postmortem status");
        Assert.True(status.IsError);
        Assert.Contains("No incident has been declared in this channel", status.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await room.App.CreateClient().GetAsync($"/incidents/{Guid.NewGuid()}/report")).StatusCode);
    }

    private static async Task<Room> RoomAsync(string declare = "declare Token replay against the billing API sev2", bool start = true)
    {
        var database = TestDatabase.Sqlite();
        var app = new ChatOpsAppFactory(database);
        var room = new Room(database, app, new WebChatClient(app.CreateClient(), "pm-sections", "Alice"), new WebChatClient(app.CreateClient(), "pm-sections", "Bob"));
        await room.Alice.SendAsync(declare);
        await room.Alice.SendAsync("mark detected at 09:00");
        if (start)
        {
            var started = await room.Alice.SendAsync("postmortem");
            Assert.False(started.IsError, started.Text);
        }

        return room;
    }

    private static int Number(string section) =>
        Array.IndexOf(["scope", "timeline", "root-causes", "impact", "response", "lessons", "action-items", "training", "summary"], section) + 1;

    private static Dictionary<string, string> Data(string section, string? next, params string[] fields)
    {
        var data = new Dictionary<string, string> { ["incident"] = "1", ["section"] = section };
        if (next is not null)
        {
            data["next"] = next;
        }

        foreach (var field in fields)
        {
            var parts = field.Split('=', 2);
            data[parts[0]] = parts[1];
        }

        return data;
    }

    private static Dictionary<string, string> ButtonData(WebReply reply, string verb)
    {
        var button = Walk(reply.Card!).FirstOrDefault(o => o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() == verb);
        Assert.True(button is not null, $"No {verb} button on the card: {reply.Card!.ToJsonString()}");
        return button!["data"]!.AsObject().Where(p => p.Key != "verb").ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonObject> Walk(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => Walk(p.Value)).Prepend(o),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    private sealed record Room(TestDatabase Database, ChatOpsAppFactory App, WebChatClient Alice, WebChatClient Bob) : IAsyncDisposable
    {
        public async Task<string> ReportAsync(string format, int? version = null)
        {
            var status = await Alice.SendAsync("report");
            var path = Regex.Match(status.Card!.ToJsonString(), "/incidents/[0-9a-f-]{36}/report").Value;
            Assert.NotEmpty(path);
            var response = await App.CreateClient().GetAsync($"{path}?format={format}{(version is { } v ? $"&version={v}" : string.Empty)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            Database.Dispose();
        }
    }
}
