using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Data;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// `audit`, `audit verify` and `GET /api/incidents/{id}/audit` in the web war room, on SQLite and PostgreSQL: a refused
/// attempt is on the record, the chain verifies, and a row changed with SQL behind ChatOpsIR's back is named.
/// </summary>
public class AuditVerifyTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    private static async Task<Incident> IncidentAsync(ChatOpsAppFactory app, int number)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IIncidentStore>().FindIncidentAsync(TenantScope.Web, number, CancellationToken.None))!;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_record_shows_who_changed_what_and_a_row_changed_behind_its_back_is_named(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "audit-room", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "audit-room", "Bob");
        await alice.SendAsync("declare Credential stuffing on the VPN sev2");
        await alice.SendAsync("sev 1");
        await alice.SendAsync("note Blocked the attacking ASN at the edge");
        var refused = await bob.SendAsync("resolve");
        Assert.True(refused.IsError);

        // Bob's refused attempt is on the record beside Alice's changes, and only the person asking sees the list.
        var audit = await alice.SendAsync("audit");
        Assert.True(audit.IsPrivate);
        Assert.Contains("Audit trail of INC-0001", audit.Text);
        Assert.Contains("Alice (web): incident.changed INC-0001", audit.CardText);
        Assert.Contains("Severity: 2 → 1", audit.CardText);
        Assert.Contains("Bob (web): refused INC-0001", audit.CardText);

        var verified = await bob.SendAsync("audit verify");
        Assert.True(verified.IsPrivate);
        Assert.StartsWith("The audit trail is intact:", verified.Text);
        var head = verified.Text![(verified.Text!.IndexOf("head ", StringComparison.Ordinal) + 5)..].TrimEnd('.');
        Assert.Matches("^[0-9a-f]{64}$", head);

        // The API gives every row with its hash and the same verification.
        var incident = await IncidentAsync(app, 1);
        var api = await app.CreateClient().GetFromJsonAsync<JsonObject>($"/api/incidents/{incident.Id}/audit?user=Alice");
        var rows = api!["rows"]!.AsArray();
        Assert.Equal("chatopsir-audit-v1", api["canonical"]!.GetValue<string>());
        Assert.Contains(rows, r => r!["action"]!.GetValue<string>() == "refused" && r["actorName"]!.GetValue<string>() == "Bob" && r["after"]!.GetValue<string>().Contains("Resolve", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r!["hash"]!.GetValue<string>()));
        Assert.True(api["verification"]!["intact"]!.GetValue<bool>());
        Assert.Equal(head, api["verification"]!["head"]!.GetValue<string>());

        // The report says the record it shows verifies.
        await alice.SendAsync("resolve");
        await alice.SendAsync("postmortem");
        var report = $"/incidents/{incident.Id}/report?format=md";
        var markdown = await app.CreateClient().GetStringAsync(report);
        Assert.Contains("## Audit trail", markdown);
        Assert.Contains("the trail verifies: all", markdown);

        // Someone with database access rewrites the severity change: the row is named, with what it was about.
        var severityRow = rows.First(r => r!["action"]!.GetValue<string>() == "incident.changed" && r["after"]!.GetValue<string>().Contains("Severity", StringComparison.Ordinal))!["sequence"]!.GetValue<long>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>();
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditRecords" SET "ActorName" = 'Mallory' WHERE "Sequence" = {severityRow}""");
        }

        var broken = await alice.SendAsync("audit verify");
        Assert.Equal($"The audit trail is broken at row {severityRow}: row {severityRow} was changed after it was written. {severityRow - 1} rows before it hold.", broken.Text);
        Assert.Contains("INC-0001: incident.changed by Mallory", broken.CardText);
        Assert.Contains($"The audit trail is broken at row {severityRow}", await app.CreateClient().GetStringAsync(report));
        var after = await app.CreateClient().GetFromJsonAsync<JsonObject>($"/api/incidents/{incident.Id}/audit?user=Alice");
        Assert.False(after!["verification"]!["intact"]!.GetValue<bool>());
        Assert.Equal(severityRow, after["verification"]!["brokenAt"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_private_incidents_trail_is_hidden_from_people_outside_it_and_their_attempts_are_recorded()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "hr-case", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "hr-case", "Bob");
        await alice.SendAsync("declare Mailbox read by a colleague sev2 private");

        Assert.Equal("There is no INC-0001 here. Incident references are counted per workspace.", (await bob.SendAsync("audit INC-0001")).Text);
        var inChannel = await bob.SendAsync("note Sneaking in");
        Assert.True(inChannel.IsError);

        var incident = await IncidentAsync(app, 1);
        var hidden = await app.CreateClient().GetAsync($"/api/incidents/{incident.Id}/audit?user=Bob");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain("Mailbox", await hidden.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/incidents/{Guid.NewGuid()}/audit?user=Alice")).StatusCode);

        // Bob's try in the channel is recorded against the incident, without his text.
        var audit = await alice.SendAsync("audit");
        Assert.Contains("Bob (web): refused INC-0001", audit.CardText);
        Assert.DoesNotContain("Sneaking in", audit.CardText);
    }
}
