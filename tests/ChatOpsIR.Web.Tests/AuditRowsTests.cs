using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Data;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>What people do in the war room is written to the audit trail with who did it, before and after, and the chain holds.</summary>
public sealed class AuditRowsTests
{
    [Fact]
    public async Task A_severity_change_is_recorded_with_who_made_it_and_both_values_and_the_chain_verifies()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "audit-room", "Alice");
        await alice.SendAsync("declare Credential stuffing on the VPN sev2");
        await alice.SendAsync("sev 1");

        // A note alone goes through the timeline's group commit, which writes its audit row in the same transaction.
        await alice.SendAsync("note Blocked the attacking ASN at the edge");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>();
        var rows = await db.Set<AuditRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Assert.Contains(rows, r => r.Action == "incident.added" && r.Subject == "INC-0001" && r.ActorName == "Alice" && r.Platform == Platform.Web);
        var severity = Assert.Single(rows, r => r.Action == "incident.changed" && r.Before!.Contains("\"Severity\":\"2\"", StringComparison.Ordinal));
        Assert.Contains("\"Severity\":\"1\"", severity.After, StringComparison.Ordinal);
        Assert.Equal("Alice", severity.ActorName);
        Assert.Contains(rows, r => r.Action == "timeline-entry.added" && r.Subject == "INC-0001 timeline-entry");
        var note = Assert.Single(rows, r => r.After?.Contains("Blocked the attacking ASN at the edge", StringComparison.Ordinal) == true);
        Assert.Equal(("timeline-entry.added", "Alice"), (note.Action, note.ActorName));

        var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        Assert.Equal(rows.Count, await trail.LinkPendingAsync(TenantScope.Web, 1000, CancellationToken.None));
        var verified = await trail.VerifyAsync(TenantScope.Web, CancellationToken.None);
        Assert.True(verified.Intact, verified.Describe());
        Assert.Equal(rows.Count, verified.Checked);
    }
}
