using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Data;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>Evidence in the web war room: the command box, the record form and the custody-step form, and the audit rows a hand-over leaves.</summary>
public sealed class EvidenceWarRoomTests
{
    private static readonly string Hash = new('a', 64);

    [Fact]
    public async Task A_hand_over_typed_in_the_command_box_shows_in_the_chain_and_reaches_the_new_holder_only()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "evidence-room", "Alice");
        var olga = new WebChatClient(app.CreateClient(), "evidence-room", "Olga");
        var bob = new WebChatClient(app.CreateClient(), "evidence-room", "Bob");
        await alice.SendAsync("declare Laptop theft sev2");
        await alice.SendAsync($"evidence Disk image of laptop L-042 {Hash}");

        var handed = await alice.SendAsync("evidence transfer E1 @Olga For imaging at the lab");
        Assert.False(handed.IsError, handed.Text);
        Assert.False(handed.IsPrivate);
        Assert.Equal("INC-0001: Evidence E1: Handed from Alice to Olga by Alice: For imaging at the lab. Olga is told by direct message.", handed.Text);

        // Olga finds the message for her in the war room; Bob does not see it.
        var forOlga = (await olga.MessagesAsync()).Select(m => m!["text"]?.GetValue<string>()).ToList();
        Assert.Contains("You now hold evidence E1 of INC-0001 (Laptop theft), handed over by Alice: For imaging at the lab", forOlga);
        Assert.DoesNotContain((await bob.MessagesAsync()).Select(m => m!["text"]?.GetValue<string>()), t => t?.StartsWith("You now hold", StringComparison.Ordinal) == true);

        var shown = await bob.SendAsync("evidence E1");
        Assert.True(shown.IsPrivate);
        Assert.Contains("Held by: Olga", shown.CardText);
        Assert.Contains("Handed from Alice to Olga by Alice: For imaging at the lab", shown.CardText);
        var refused = await bob.SendAsync("evidence dispose E1 Binned it");
        Assert.True(refused.IsError);
        Assert.Equal("Only Olga (who holds E1), the incident commander (Alice), a deputy or an incident manager can dispose of E1.", refused.Text);
        Assert.Contains("Disk image of laptop L-042 — held by Olga", (await bob.SendAsync("evidence list")).CardText);
    }

    [Fact]
    public async Task The_record_form_and_the_custody_step_form_submit_from_the_war_room()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "evidence-forms", "Alice");
        await alice.SendAsync("declare Laptop theft sev2");

        var form = await alice.SendAsync("evidence");
        Assert.True(form.IsPrivate);
        Assert.Contains(EvidenceVerbs.DescriptionInput, form.Card!.ToJsonString());
        var wrong = await alice.PressAsync(EvidenceVerbs.Record, new() { [EvidenceVerbs.IncidentKey] = "1", [EvidenceVerbs.DescriptionInput] = " " });
        Assert.True(wrong.IsError);
        Assert.Equal("Describe the evidence.", wrong.Text);

        var recorded = await alice.PressAsync(EvidenceVerbs.Record, new()
        {
            [EvidenceVerbs.IncidentKey] = "1",
            [EvidenceVerbs.DescriptionInput] = "USB stick found in the lobby",
            [EvidenceVerbs.HashInput] = Hash,
            [EvidenceVerbs.LocationInput] = "Locker 2",
        });
        Assert.Equal("Evidence E1 recorded for INC-0001: USB stick found in the lobby", recorded.Text);
        Assert.Contains("Stored at: Locker 2", recorded.CardText);

        var step = await alice.PressAsync(EvidenceVerbs.Step, new() { [EvidenceVerbs.IncidentKey] = "1", [EvidenceVerbs.ItemKey] = "1" });
        Assert.Equal("Record a custody step for E1.", step.Text);
        Assert.Contains(EvidenceVerbs.SaveStep, step.Card!.ToJsonString());
        var released = await alice.PressAsync(EvidenceVerbs.SaveStep, new()
        {
            [EvidenceVerbs.IncidentKey] = "1",
            [EvidenceVerbs.ItemKey] = "1",
            [EvidenceVerbs.StepInput] = "release",
            [EvidenceVerbs.DetailsInput] = "Returned to facilities",
        });
        Assert.Equal("INC-0001: Evidence E1: Released by Alice: Returned to facilities.", released.Text);
        Assert.Contains("State: released", released.CardText);
    }

    [Fact]
    public async Task A_hand_over_leaves_audit_rows_about_the_item_with_who_did_it_and_the_values_before_and_after()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "evidence-audit", "Alice");
        await alice.SendAsync("declare Laptop theft sev2");
        await alice.SendAsync($"evidence Disk image of laptop L-042 {Hash}");
        await alice.SendAsync("evidence transfer E1 @Olga For imaging at the lab");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>();
        var rows = await db.Set<AuditRecord>().AsNoTracking().Where(r => r.Subject == "INC-0001/E1").OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(["custody-entry.added", "custody-entry.added", "evidence.added", "evidence.changed"], rows.Select(r => r.Action).Order(StringComparer.Ordinal));
        var changed = Assert.Single(rows, r => r.Action == "evidence.changed");
        Assert.Equal("Alice", changed.ActorName);
        Assert.Contains("\"HolderName\":\"Alice\"", changed.Before, StringComparison.Ordinal);
        Assert.Contains("\"HolderName\":\"Olga\"", changed.After, StringComparison.Ordinal);
        var step = Assert.Single(rows, r => r.Action == "custody-entry.added" && r.After!.Contains("For imaging at the lab", StringComparison.Ordinal));
        Assert.Equal("Alice", step.ActorName);
        Assert.Null(step.Before);
        Assert.Contains("\"ToName\":\"Olga\"", step.After, StringComparison.Ordinal);
    }
}
