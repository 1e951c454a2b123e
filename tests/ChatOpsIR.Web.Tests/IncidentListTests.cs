using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// `GET /api/incidents` and `GET /api/incidents/{id}/export` through the real pipeline: every filter narrows the list the
/// way the page's controls say, the groups and order follow what happened, and a private incident is nobody else's row.
/// </summary>
public class IncidentListTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    /// <summary>
    /// Five incidents over three days: INC-0001 (sev2, open, with a status and a later note), INC-0002 (sev1, resolved),
    /// INC-0003 (a tabletop exercise), INC-0004 (sev4, closed), INC-0005 (sev2, open).
    /// </summary>
    private static async Task SeedAsync(ChatOpsAppFactory app)
    {
        var phish = new WebChatClient(app.CreateClient(), "phish-room", "Alice");
        Ok(await phish.SendAsync("declare Phishing wave on finance sev2"));
        Ok(await phish.SendAsync("status Blocked the sender domain"));
        app.Clock.Advance(TimeSpan.FromDays(1));
        var vpn = new WebChatClient(app.CreateClient(), "vpn-room", "Alice");
        Ok(await vpn.SendAsync("declare Credential stuffing on the VPN sev1"));
        Ok(await vpn.SendAsync("resolve"));
        app.Clock.Advance(TimeSpan.FromDays(1));
        Ok(await new WebChatClient(app.CreateClient(), "drill-room", "Alice").SendAsync("declare Ransomware drill tabletop"));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var laptop = new WebChatClient(app.CreateClient(), "laptop-room", "Alice");
        Ok(await laptop.SendAsync("declare Lost laptop at the airport sev4"));
        Ok(await laptop.SendAsync("resolve"));
        Ok(await laptop.SendAsync("close Encrypted disk, nothing to review"));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Ok(await new WebChatClient(app.CreateClient(), "dns-room", "Alice").SendAsync("declare DNS tunnelling from a build server sev2"));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Ok(await phish.SendAsync("note Second wave reported by the help desk"));
    }

    private static WebReply Ok(WebReply reply)
    {
        Assert.False(reply.IsError, reply.Text);
        return reply;
    }

    private static async Task<JsonObject> ListAsync(HttpClient http, string query)
    {
        var response = await http.GetAsync($"/api/incidents{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string[] Refs(JsonObject list, string group) =>
        [.. list[group]!.AsArray().Select(i => i!["reference"]!.GetValue<string>())];

    private static string[] All(JsonObject list) => [.. Refs(list, "open"), .. Refs(list, "resolved"), .. Refs(list, "exercises")];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_filter_narrows_the_list_and_the_groups_follow_what_happened(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var app = new ChatOpsAppFactory(database);
        await SeedAsync(app);
        var http = app.CreateClient();

        // Most recent activity first: the note on INC-0001 puts it above INC-0005, declared after it.
        var all = await ListAsync(http, string.Empty);
        Assert.Equal(["INC-0001", "INC-0005"], Refs(all, "open"));
        Assert.Equal(["INC-0004", "INC-0002"], Refs(all, "resolved"));
        Assert.Equal(["INC-0003"], Refs(all, "exercises"));
        Assert.Equal(5, all["total"]!.GetValue<int>());
        Assert.False(all["truncated"]!.GetValue<bool>());
        var phishing = all["open"]![0]!;
        Assert.Equal("Phishing wave on finance", phishing["title"]!.GetValue<string>());
        Assert.Equal("Blocked the sender domain", phishing["lastStatus"]!.GetValue<string>());
        Assert.Equal("Alice", phishing["commander"]!.GetValue<string>());
        Assert.Equal("phish-room", phishing["channelName"]!.GetValue<string>());
        Assert.Equal("web", phishing["platform"]!.GetValue<string>());
        Assert.StartsWith("2026-11-27T10:15:00", phishing["lastActivityAt"]!.GetValue<string>());
        Assert.Equal("closed", all["resolved"]![0]!["status"]!.GetValue<string>());

        Assert.Equal(["INC-0001", "INC-0005", "INC-0003"], All(await ListAsync(http, "?status=open")));
        Assert.Equal(["INC-0002"], All(await ListAsync(http, "?status=resolved")));
        Assert.Equal(["INC-0004"], All(await ListAsync(http, "?status=closed")));
        Assert.Equal(["INC-0001", "INC-0005"], All(await ListAsync(http, "?severity=2")));
        Assert.Equal(["INC-0004", "INC-0002"], All(await ListAsync(http, "?severity=1&severity=4")));
        Assert.Equal(["INC-0004", "INC-0002"], All(await ListAsync(http, "?severity=4,1")));
        Assert.Equal(["INC-0003"], All(await ListAsync(http, "?kind=exercise")));
        Assert.Equal(["INC-0001", "INC-0005", "INC-0004", "INC-0002"], All(await ListAsync(http, "?kind=real")));
        Assert.Equal(["INC-0005", "INC-0004", "INC-0003"], All(await ListAsync(http, "?from=2026-11-27")));
        Assert.Equal(["INC-0001"], All(await ListAsync(http, "?to=2026-11-25")));
        Assert.Equal(["INC-0002"], All(await ListAsync(http, "?from=2026-11-26&to=2026-11-26")));
        Assert.Equal(["INC-0001", "INC-0005"], All(await ListAsync(http, "?status=open&kind=real&severity=2&from=2026-11-25")));

        // Search: the reference in either form, the title, the channel, the last status, whatever the case.
        Assert.Equal(["INC-0002"], All(await ListAsync(http, "?q=INC-0002")));
        Assert.Equal(["INC-0002"], All(await ListAsync(http, "?q=inc-2")));
        Assert.Equal(["INC-0001"], All(await ListAsync(http, "?q=FINANCE")));
        Assert.Equal(["INC-0005"], All(await ListAsync(http, "?q=dns-room")));
        Assert.Equal(["INC-0001"], All(await ListAsync(http, "?q=sender%20domain")));
        Assert.Equal(["INC-0002"], All(await ListAsync(http, "?q=vpn")));
        Assert.Empty(All(await ListAsync(http, "?q=nothing%20like%20this")));

        var two = await ListAsync(http, "?limit=2");
        Assert.Equal(["INC-0001", "INC-0005"], All(two));
        Assert.Equal(2, two["total"]!.GetValue<int>());
        Assert.True(two["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_private_incident_is_listed_and_exported_to_its_people_only()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "hr-case", "Alice");
        Ok(await alice.SendAsync("declare Mailbox read by a colleague sev2 private"));
        Ok(await new WebChatClient(app.CreateClient(), "phish-room", "Bob").SendAsync("declare Phishing wave on finance sev3"));
        var id = await IncidentApiTests.IdAsync(app, 1);
        var http = app.CreateClient();

        Assert.Equal(["INC-0001", "INC-0002"], All(await ListAsync(http, "?user=Alice")).Order());
        foreach (var stranger in new[] { "?user=Bob", string.Empty, "?user=Bob&q=mailbox", "?user=Bob&q=INC-0001" })
        {
            var response = await http.GetAsync($"/api/incidents{stranger}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Mailbox", body);
            Assert.DoesNotContain("INC-0001", body);
            Assert.DoesNotContain("hr-case", body);
        }

        await IncidentApiTests.ProblemAsync(await http.GetAsync($"/api/incidents/{id}/export?format=json&user=Bob"), HttpStatusCode.NotFound);
        var mine = await http.GetAsync($"/api/incidents/{id}/export?format=md&user=Alice");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("Mailbox read by a colleague", await mine.Content.ReadAsStringAsync());

        Ok(await alice.SendAsync("invite @Bob"));
        Assert.Contains("INC-0001", All(await ListAsync(http, "?user=Bob")));
    }

    [Fact]
    public async Task The_list_answers_304_until_something_changes_anywhere()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "phish-room", "Alice");
        Ok(await alice.SendAsync("declare Phishing wave on finance sev2"));
        var http = app.CreateClient();

        var first = await http.GetAsync("/api/incidents?status=open");
        var etag = first.Headers.ETag!;
        var version = (await first.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<string>();
        Assert.Equal($"\"{version}\"", etag.Tag);

        async Task<HttpResponseMessage> PollAsync()
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, "/api/incidents?status=open");
            poll.Headers.IfNoneMatch.Add(etag);
            return await http.SendAsync(poll);
        }

        Assert.Equal(HttpStatusCode.NotModified, (await PollAsync()).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Ok(await alice.SendAsync("note Second wave reported"));
        var changed = await PollAsync();
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = (await changed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotEqual(version, body["version"]!.GetValue<string>());
        Assert.StartsWith("2026-11-25T10:01:00", body["open"]![0]!["lastActivityAt"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?status=pending", "'status'")]
    [InlineData("?status=open&status=closed", "'status'")]
    [InlineData("?severity=5", "'severity'")]
    [InlineData("?severity=high", "'severity'")]
    [InlineData("?severity=1,,x", "'severity'")]
    [InlineData("?kind=drill", "'kind'")]
    [InlineData("?from=25-11-2026", "'from'")]
    [InlineData("?to=2026-13-01", "'to'")]
    [InlineData("?from=2026-11-28&to=2026-11-27", "'to'")]
    [InlineData("?limit=0", "'limit'")]
    [InlineData("?limit=501", "'limit'")]
    [InlineData("?limit=ten", "'limit'")]
    [InlineData("?user=%3Cb%3E", "'user'")]
    public async Task A_bad_parameter_is_refused_with_a_problem_naming_it(string query, string named)
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var problem = await IncidentApiTests.ProblemAsync(await app.CreateClient().GetAsync($"/api/incidents{query}"), HttpStatusCode.BadRequest);
        Assert.Contains(named, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_search_longer_than_the_limit_is_refused()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var problem = await IncidentApiTests.ProblemAsync(await app.CreateClient().GetAsync($"/api/incidents?q={new string('a', 201)}"), HttpStatusCode.BadRequest);
        Assert.Contains("'q'", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_export_downloads_the_whole_record_as_json_or_markdown()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "vpn-room", "Alice");
        Ok(await alice.SendAsync("declare Credential stuffing on the VPN sev2"));
        Ok(await alice.SendAsync("note Blocked the attacking ASN at the edge"));
        var id = await IncidentApiTests.IdAsync(app, 1);
        var http = app.CreateClient();

        var json = await http.GetAsync($"/api/incidents/{id}/export?format=json&user=Alice");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("attachment; filename=\"INC-0001.json\"", string.Join(", ", json.Content.Headers.GetValues("Content-Disposition")));
        var document = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        Assert.Equal("chatopsir-incident-export/1", document["schema"]!.GetValue<string>());
        Assert.Equal("INC-0001", document["incident"]!["reference"]!.GetValue<string>());
        Assert.Equal("Alice", document["exportedBy"]!["name"]!.GetValue<string>());
        Assert.Contains(document["timeline"]!.AsArray(), e => e!.ToJsonString().Contains("Blocked the attacking ASN", StringComparison.Ordinal));
        Assert.NotEmpty(document["audit"]!["rows"]!.AsArray());

        var markdown = await http.GetAsync($"/api/incidents/{id}/export?format=md&user=Alice");
        Assert.Equal("attachment; filename=\"INC-0001.md\"", string.Join(", ", markdown.Content.Headers.GetValues("Content-Disposition")));
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Credential stuffing on the VPN", await markdown.Content.ReadAsStringAsync());

        var badFormat = await IncidentApiTests.ProblemAsync(await http.GetAsync($"/api/incidents/{id}/export?format=pdf&user=Alice"), HttpStatusCode.BadRequest);
        Assert.Contains("'format'", badFormat["detail"]!.GetValue<string>());
        await IncidentApiTests.ProblemAsync(await http.GetAsync($"/api/incidents/{Guid.NewGuid()}/export?format=json&user=Alice"), HttpStatusCode.NotFound);
        var anonymous = await IncidentApiTests.ProblemAsync(await http.GetAsync($"/api/incidents/{id}/export?format=json"), HttpStatusCode.BadRequest);
        Assert.Contains("'user'", anonymous["detail"]!.GetValue<string>());
    }
}
