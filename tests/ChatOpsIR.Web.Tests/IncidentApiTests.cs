using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// `GET /api/incidents/{id}` and its export through the real pipeline on SQLite: what the incident page shows, a private
/// incident hidden from a stranger exactly like one that does not exist, and a version that answers 304 while nothing changed.
/// </summary>
public class IncidentApiTests
{
    internal static async Task<Guid> IdAsync(ChatOpsAppFactory app, int number)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        return (await store.FindIncidentAsync(TenantScope.Web, number, CancellationToken.None))!.Id;
    }

    internal static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static Dictionary<string, string> Impact(string data) => new()
    {
        ["incident"] = "1",
        ["section"] = "impact",
        ["next"] = "next",
        ["pm.impact.confidentiality"] = "high",
        ["pm.impact.integrity"] = "none",
        ["pm.impact.availability"] = "low",
        ["pm.impact.data"] = data,
        ["pm.impact.people"] = "1200",
        ["pm.impact.cost"] = "15000",
        ["pm.impact.hours"] = "40",
    };

    [Fact]
    public async Task The_incident_page_reads_roles_moments_clocks_action_items_evidence_and_post_mortem_state()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "laptop-room", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "laptop-room", "Bob");
        Assert.False((await alice.SendAsync("declare Laptop stolen with customer export sev2")).IsError);
        Assert.False((await alice.SendAsync("role scribe @Bob")).IsError);
        await alice.SendAsync("mark first-activity at 07:00");
        await alice.SendAsync("mark detected at 08:00");
        await bob.SendAsync("evidence Disk image of LT-042 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea");
        Assert.False((await alice.SendAsync("action @Bob +1d Rotate the CRM export keys")).IsError);
        Assert.False((await alice.SendAsync("action @Carol +30d Block exports to unmanaged storage")).IsError);
        await alice.SendAsync("status Police informed; remote wipe pending");
        await alice.SendAsync("resolve");
        await bob.SendAsync("postmortem");
        var impact = await alice.PressAsync("pm.answer", Impact("personal"));
        Assert.False(impact.IsError, impact.Text);

        // Three days on: the first item is late, the 72-hour notification clock (from detection at 08:00) has run out.
        app.Clock.Advance(TimeSpan.FromDays(3));
        var id = await IdAsync(app, 1);
        var detail = (await app.CreateClient().GetFromJsonAsync<JsonObject>($"/api/incidents/{id}?user=Bob"))!;

        var incident = detail["incident"]!;
        Assert.Equal(id, incident["id"]!.GetValue<Guid>());
        Assert.Equal("INC-0001", incident["reference"]!.GetValue<string>());
        Assert.Equal("Laptop stolen with customer export", incident["title"]!.GetValue<string>());
        Assert.Equal("resolved", incident["status"]!.GetValue<string>());
        Assert.Equal("web", incident["platform"]!.GetValue<string>());
        Assert.Equal("laptop-room", incident["warRoomChannel"]!.GetValue<string>());
        Assert.Equal("Alice", incident["commander"]!.GetValue<string>());
        Assert.Equal("Police informed; remote wipe pending", incident["lastStatus"]!.GetValue<string>());
        Assert.Equal(2, incident["openActionItems"]!.GetValue<int>());

        Assert.Equal("Alice", detail["roles"]!["commander"]!.GetValue<string>());
        Assert.Equal("Bob", detail["roles"]!["scribe"]!.GetValue<string>());

        var moments = detail["moments"]!.AsArray();
        Assert.Equal(["first-activity", "detected", "acknowledged", "contained", "eradicated", "recovered"], moments.Select(m => m!["name"]!.GetValue<string>()));
        Assert.Equal("First malicious activity", moments[0]!["label"]!.GetValue<string>());
        Assert.StartsWith("2026-11-25T08:00:00", moments[1]!["at"]!.GetValue<string>());
        Assert.Null(moments[3]!["at"]);
        Assert.Equal("1h", detail["durations"]!["Time to detect"]!.GetValue<string>());

        var gdpr = detail["clocks"]!.AsArray().Single(c => c!["regime"]!.GetValue<string>() == "GDPR Art. 33")!;
        Assert.Equal("personal", gdpr["category"]!.GetValue<string>());
        Assert.StartsWith("2026-11-28T08:00:00", gdpr["dueAt"]!.GetValue<string>());
        Assert.True(gdpr["overdue"]!.GetValue<bool>());
        Assert.StartsWith("overdue by 2 h", gdpr["left"]!.GetValue<string>());
        Assert.False(gdpr["fromDeclaration"]!.GetValue<bool>());

        var items = detail["actionItems"]!.AsArray();
        Assert.Equal(["A1", "A2"], items.Select(i => i!["reference"]!.GetValue<string>()));
        Assert.Equal("Bob", items[0]!["owner"]!.GetValue<string>());
        Assert.True(items[0]!["overdue"]!.GetValue<bool>());
        Assert.False(items[1]!["overdue"]!.GetValue<bool>());
        Assert.Equal("open", items[0]!["status"]!.GetValue<string>());

        var evidence = detail["evidence"]!.AsArray().Single()!;
        Assert.Equal("E1", evidence["reference"]!.GetValue<string>());
        Assert.Equal("held", evidence["state"]!.GetValue<string>());
        Assert.Equal("Bob", evidence["holder"]!.GetValue<string>());
        Assert.True(evidence["custodySteps"]!.GetValue<int>() >= 1);

        var postMortem = detail["postMortem"]!;
        Assert.Equal("in-progress", postMortem["status"]!.GetValue<string>());
        var sections = postMortem["sections"]!.AsArray();
        Assert.Equal(9, sections.Count);
        Assert.Equal("answered", sections.Single(s => s!["key"]!.GetValue<string>() == "impact")!["state"]!.GetValue<string>());
        Assert.Equal("not-started", sections.Single(s => s!["key"]!.GetValue<string>() == "scope")!["state"]!.GetValue<string>());
        Assert.Null(postMortem["publishedVersion"]);

        Assert.Equal($"/incidents/{id}/report", detail["reportUrl"]!.GetValue<string>());
        var timeline = detail["timeline"]!.AsArray();
        // In the order things happened: the backdated first activity (07:00) before the declaration (10:00).
        Assert.Equal(["KeyMoment", "KeyMoment", "Declared"], timeline.Take(3).Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Contains(timeline, e => e!["text"]!.GetValue<string>().Contains("remote wipe pending", StringComparison.Ordinal));
        Assert.Matches("^[0-9a-f]{16}$", detail["version"]!.GetValue<string>());

        // The war room's side panel names the same incident, so it can link to this page.
        var panel = await alice.TimelineAsync();
        Assert.Equal(id, panel["incident"]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_private_incident_reads_like_a_missing_one_to_a_stranger_until_they_are_let_in()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "hr-case", "Alice");
        Assert.False((await alice.SendAsync("declare Mailbox read by a colleague sev2 private")).IsError);
        var id = await IdAsync(app, 1);
        var http = app.CreateClient();

        var member = (await http.GetFromJsonAsync<JsonObject>($"/api/incidents/{id}?user=Alice"))!;
        Assert.Equal("Mailbox read by a colleague", member["incident"]!["title"]!.GetValue<string>());
        Assert.True(member["incident"]!["private"]!.GetValue<bool>());

        var unknown = await ProblemAsync(await http.GetAsync($"/api/incidents/{Guid.NewGuid()}?user=Bob"), HttpStatusCode.NotFound);
        foreach (var stranger in new[] { $"/api/incidents/{id}?user=Bob", $"/api/incidents/{id}" })
        {
            var response = await http.GetAsync(stranger);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Mailbox", body);
            var hidden = await ProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Equal(unknown["detail"]!.GetValue<string>(), hidden["detail"]!.GetValue<string>());
        }

        Assert.False((await alice.SendAsync("invite @Bob")).IsError);
        var invited = (await http.GetFromJsonAsync<JsonObject>($"/api/incidents/{id}?user=Bob"))!;
        Assert.Equal("INC-0001", invited["incident"]!["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_detail_answers_304_while_nothing_changed_and_a_new_version_after_a_note()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "vpn-room", "Alice");
        await alice.SendAsync("declare Credential stuffing on the VPN sev2");
        var id = await IdAsync(app, 1);
        var http = app.CreateClient();

        var first = await http.GetAsync($"/api/incidents/{id}?user=Alice");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        var version = (await first.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<string>();
        Assert.Equal($"\"{version}\"", etag.Tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{id}?user=Alice");
        again.Headers.IfNoneMatch.Add(etag);
        var unchanged = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());

        await alice.SendAsync("note Blocked the attacking ASN at the edge");
        using var afterNote = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{id}?user=Alice");
        afterNote.Headers.IfNoneMatch.Add(etag);
        var changed = await http.SendAsync(afterNote);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = (await changed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotEqual(version, body["version"]!.GetValue<string>());
        Assert.Contains(body["timeline"]!.AsArray(), e => e!["text"]!.GetValue<string>() == "Blocked the attacking ASN at the edge");
    }

    [Fact]
    public async Task A_bad_name_or_id_is_refused_with_a_problem()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "vpn-room", "Alice");
        await alice.SendAsync("declare Credential stuffing on the VPN sev2");
        var id = await IdAsync(app, 1);
        var http = app.CreateClient();

        var badUser = await ProblemAsync(await http.GetAsync($"/api/incidents/{id}?user=%3Cscript%3E"), HttpStatusCode.BadRequest);
        Assert.Contains("'user'", badUser["detail"]!.GetValue<string>());
        await ProblemAsync(await http.GetAsync("/api/incidents/not-a-guid?user=Alice"), HttpStatusCode.NotFound);
    }
}
