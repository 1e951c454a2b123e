using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// `export` in the web war room on SQLite and PostgreSQL: the person asking gets links only they see; the JSON holds the
/// whole record with the answers' earlier values; an auditor's offline check passes on it and fails on any change.
/// </summary>
public sealed partial class ExportTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_exported_incident_verifies_offline_and_a_changed_row_or_a_missing_link_is_named(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "export-room", "Alice");
        await alice.SendAsync("declare Café payroll export leaked 🚨 sev2");
        await alice.SendAsync("sev 1");
        await alice.SendAsync("mark detected");
        await alice.SendAsync("evidence Disk image of LT-042 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea");
        await alice.SendAsync("action @Bob +7d Rotate the payroll service keys");
        await alice.SendAsync("access grant @Bob Domain Admin on CORP");
        await alice.SendAsync("access grant @Carol Read access to the payroll share");
        await alice.SendAsync("access revoked G2 Removed from the group");
        await alice.SendAsync("resolve");
        Assert.False((await alice.SendAsync("postmortem")).IsError);
        Assert.False((await alice.PressAsync("pm.answer", Scope("Payroll share"))).IsError);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False((await alice.PressAsync("pm.answer", Scope("Payroll share and the HR laptop"))).IsError);

        var reply = await alice.SendAsync("export");

        Assert.False(reply.IsError, reply.Text);
        Assert.True(reply.IsPrivate);
        var bob = new WebChatClient(app.CreateClient(), "export-room", "Bob");
        Assert.DoesNotContain((await bob.MessagesAsync()).Select(m => m!["text"]?.GetValue<string>() ?? string.Empty), t => t.Contains("/exports/", StringComparison.Ordinal));
        var json = await DownloadAsync(app, JsonLink(reply.Text!), "INC-0001.json", "application/json");
        var document = JsonNode.Parse(json)!.AsObject();
        Assert.Equal("chatopsir-incident-export/1", document["schema"]!.GetValue<string>());
        Assert.Equal("Alice", document["exportedBy"]!["name"]!.GetValue<string>());
        Assert.Equal("Café payroll export leaked 🚨", document["incident"]!["title"]!.GetValue<string>());
        Assert.Equal(1, document["incident"]!["severity"]!.GetValue<int>());
        Assert.NotNull(document["incident"]!["keyMoments"]!["detected"]);
        Assert.Contains(document["timeline"]!.AsArray(), e => e!["text"]!.GetValue<string>().StartsWith("Severity changed", StringComparison.Ordinal));
        Assert.Equal("A1", document["actionItems"]![0]!["reference"]!.GetValue<string>());
        Assert.Equal("Collected and recorded", document["evidence"]![0]!["custody"]![0]!["action"]!.GetValue<string>());
        var grants = document["accessGrants"]!.AsArray();
        Assert.Equal(["G1", "G2"], grants.Select(g => g!["reference"]!.GetValue<string>()));
        Assert.Equal(("Bob", "Domain Admin on CORP"), (grants[0]!["granteeName"]!.GetValue<string>(), grants[0]!["what"]!.GetValue<string>()));
        Assert.Null(grants[0]!["revokedAt"]);
        Assert.Equal("Removed from the group", grants[1]!["revokeNote"]!.GetValue<string>());
        var systems = document["postMortem"]!["sections"]![0]!["answers"]!.AsArray().Single(a => a!["field"]!.GetValue<string>() == "pm.scope.systems")!;
        Assert.Equal("Payroll share and the HR laptop", systems["value"]!.GetValue<string>());
        Assert.Equal(["Payroll share", "Payroll share and the HR laptop"], systems["history"]!.AsArray().Select(h => h!["value"]!.GetValue<string>()));
        var audit = document["audit"]!;
        Assert.True(audit["verification"]!["intact"]!.GetValue<bool>());
        Assert.Contains(audit["rows"]!.AsArray(), r => r!["action"]!.GetValue<string>() == "incident.changed" && r["after"]!.GetValue<string>().Contains("\"Severity\":\"1\"", StringComparison.Ordinal));

        var markdown = await DownloadAsync(app, JsonLink(reply.Text!).Replace(".json?", ".md?", StringComparison.Ordinal), "INC-0001.md", "text/markdown");
        Assert.StartsWith("# INC-0001: Café payroll export leaked 🚨", markdown);
        Assert.Contains("**Audit trail: intact.**", markdown);
        Assert.Contains("\"Payroll share\"", markdown);
        Assert.Contains("| E1 | Disk image of LT-042 |", markdown);
        Assert.Contains("| G1 | Bob | Domain Admin on CORP |", markdown);
        Assert.Contains("STILL OPEN", markdown);

        var verified = await ExportVerifier.RunOnAsync(json);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Matches($"^OK: {audit["rows"]!.AsArray().Count} rows of INC-0001 in an unbroken chain of {audit["chain"]!.AsArray().Count} rows, head {audit["head"]!.GetValue<string>()}$", verified.Output.Trim());

        var changed = JsonNode.Parse(json)!;
        var severityRow = changed["audit"]!["rows"]!.AsArray().First(r => r!["after"]?.GetValue<string>().Contains("\"Severity\":\"1\"", StringComparison.Ordinal) == true)!;
        severityRow["after"] = severityRow["after"]!.GetValue<string>().Replace("\"Severity\":\"1\"", "\"Severity\":\"4\"", StringComparison.Ordinal);
        var tampered = await ExportVerifier.RunOnAsync(changed.ToJsonString());
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains($"row {severityRow["sequence"]} (INC-0001, incident.changed) was changed", tampered.Output);

        var gap = JsonNode.Parse(json)!;
        gap["audit"]!["chain"]!.AsArray().RemoveAt(2);
        var missing = await ExportVerifier.RunOnAsync(gap.ToJsonString());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("chain row 3 is missing (the next link is row 4)", missing.Output);
    }

    [Fact]
    public async Task A_token_opens_only_its_incident_until_it_expires_and_a_private_incident_gives_no_link_to_others()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "hr-case", "Alice");
        var bobElsewhere = new WebChatClient(app.CreateClient(), "general", "Bob");
        await alice.SendAsync("declare Mailbox read by a colleague sev2 private");
        await bobElsewhere.SendAsync("declare Phishing wave sev3");

        var refused = await bobElsewhere.SendAsync("export INC-0001");
        Assert.True(refused.IsError);
        Assert.Equal("There is no INC-0001 here. Incident references are counted per workspace.", refused.Text);
        Assert.DoesNotContain("Mailbox", refused.CardText);

        var bobs = JsonLink((await bobElsewhere.SendAsync("export")).Text!);
        var alices = JsonLink((await alice.SendAsync("export INC-0001")).Text!);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(bobs)).StatusCode);

        // Bob's token on the private incident's address: refused, and the answer says nothing of what is there.
        var borrowed = Regex.Replace(alices, @"\?t=.*$", string.Empty) + bobs[bobs.IndexOf("?t=", StringComparison.Ordinal)..];
        var other = await client.GetAsync(borrowed);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("Mailbox", await other.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(alices + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(alices.Replace(".json?", ".html?", StringComparison.Ordinal))).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(alices)).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var expired = await client.GetAsync(alices);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("this link has expired", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_plan_links_the_latest_sign_off_with_its_figures()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "plan-review", "Alice");
        Assert.StartsWith("No plan review has been signed off yet, so there is nothing to export.", (await alice.SendAsync("export plan")).Text);
        await alice.SendAsync("declare Phishing wave sev3");
        var started = await alice.SendAsync("plan review now");
        var review = Regex.Match(started.Card!.ToJsonString(), "\"review\":\"([0-9a-f]{32})\"").Groups[1].Value;
        var recorded = await alice.PressAsync("planreview.record", new Dictionary<string, string> { ["review"] = review, ["decision"] = "confirmed", ["next"] = "2027-11-01", ["notes"] = "Add the HR escalation path" });
        Assert.False(recorded.IsError, recorded.Text);

        var reply = await alice.SendAsync("export plan 2026");

        Assert.False(reply.IsError, reply.Text);
        var link = Link().Match(reply.Text!).Value;
        var json = await DownloadAsync(app, link, "plan-review-2026-11-25.json", "application/json");
        var document = JsonNode.Parse(json)!;
        Assert.Equal("chatopsir-plan-review-export/1", document["schema"]!.GetValue<string>());
        Assert.Equal("Alice", document["signOff"]!["by"]!["name"]!.GetValue<string>());
        Assert.Equal("confirmed", document["signOff"]!["decision"]!.GetValue<string>());
        Assert.Equal("Add the HR escalation path", document["signOff"]!["notes"]!.GetValue<string>());
        Assert.Equal(1, document["figures"]!["incidents"]!.GetValue<int>());
        var markdown = await DownloadAsync(app, link.Replace(".json?", ".md?", StringComparison.Ordinal), "plan-review-2026-11-25.md", "text/markdown");
        Assert.Contains("| Decision | the plan still fits |", markdown);
        Assert.Contains("| Incidents | 1 |", markdown);
        Assert.StartsWith("No plan review was signed off in 2025.", (await alice.SendAsync("export plan 2025")).Text);
    }

    private static Dictionary<string, string> Scope(string systems) => new()
    {
        ["incident"] = "1",
        ["section"] = "scope",
        ["next"] = "next",
        ["pm.scope.systems"] = systems,
        ["pm.scope.kinds"] = "saas",
        ["pm.scope.sources"] = "File server audit log",
        ["pm.scope.missing"] = "None",
    };

    private static string JsonLink(string text) => Link().Match(text) is { Success: true } match ? match.Value : throw new Xunit.Sdk.XunitException($"No export link in: {text}");

    private static async Task<string> DownloadAsync(ChatOpsAppFactory app, string link, string fileName, string mediaType)
    {
        var response = await app.CreateClient().GetAsync(link);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal($"attachment; filename=\"{fileName}\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return body;
    }

    [GeneratedRegex(@"/exports/(incidents|plan-reviews)/[0-9a-f-]{36}\.json\?t=[^\s""`]+")]
    private static partial Regex Link();
}
