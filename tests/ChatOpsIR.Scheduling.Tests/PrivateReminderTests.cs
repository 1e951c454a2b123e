using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>
/// Reminders of a private incident's action items on Slack: they go to the owner only, who is one of its people; someone
/// outside it is never sent its name, and an owner somehow left outside hears of their item and nothing more.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class PrivateReminderTests : IAsyncLifetime
{
    private const string Title = "Contractor copied the HR share";
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private FakeSlackApi _slack = null!;
    private ReminderHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await ReminderHost.StartSlackAsync();
        _host = new ReminderHost(_database, _slack);
        await _host.CommandAsync($"declare {Title} sev2");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _database.Dispose();
    }

    private static string Text(JsonObject message) => ReminderHost.TextOf(message);

    private void At(int month, int day, int hour) => _host.App.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_owner_of_an_item_stays_in_when_the_incident_is_made_private_and_nobody_else_hears_of_it()
    {
        await _host.CommandAsync("action <@U0002|bob> 2026-12-01 Revoke the contractor's VPN account");
        var made = await _host.CommandAsync("private");
        Assert.Equal("in_channel", made["response_type"]!.GetValue<string>());
        Assert.Contains("Change to a private channel", Text(made));

        At(11, 29, 9);
        await _host.SweepAsync();
        var reminder = Assert.Single(_host.DirectMessagesTo("U0002"));
        Assert.Contains("A1 is due in 2 days", Text(reminder));
        Assert.Contains(Title, Text(reminder));

        // Bob is one of its people now; Carol (U0003), who is not, is sent nothing and finds nothing.
        Assert.Contains(Title, Text(await _host.CommandAsync("timeline INC-0001", user: "U0002", channel: "C0BOB")));
        Assert.Empty(_host.DirectMessagesTo("U0003"));
        var carol = await _host.CommandAsync("timeline INC-0001", user: "U0003", channel: "C0CAROL");
        Assert.Contains("There is no INC-0001 here", Text(carol));
        Assert.DoesNotContain(Title, Text(carol));
    }

    [Fact]
    public async Task An_item_given_in_a_private_incident_lets_its_owner_in_and_the_escalation_goes_to_its_commander_only()
    {
        await _host.CommandAsync("private");
        var added = await _host.CommandAsync("action <@U0002|bob> 2026-12-01 Revoke the contractor's VPN account");
        Assert.Contains("was let into this private incident as the owner of A1", Text(added));

        At(12, 8, 9);
        await _host.SweepAsync();
        Assert.Contains(_host.DirectMessagesTo("U0001"), m => Text(m).Contains("You are told as the incident commander", StringComparison.Ordinal));
        Assert.All(_slack.CallsTo("chat.postMessage"), c => Assert.Contains(c.Body["channel"]!.GetValue<string>(), new[] { "D0001", "D0002" }));
    }

    [Fact]
    public async Task An_owner_outside_a_private_incident_is_reminded_of_the_item_without_the_incidents_name()
    {
        await _host.CommandAsync("private");

        // An item whose owner is not in the incident: only a record written before owners were let in looks like this.
        await using (var scope = _host.App.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
            var incident = (await store.FindIncidentAsync(TenantScope.Slack("T0001"), 1, CancellationToken.None))!;
            var now = _host.App.Clock.GetUtcNow().UtcDateTime;
            store.Add(new ActionItem(incident, await store.NextActionItemNumberAsync(incident.Scope, CancellationToken.None), "Return the laptop", new ChatUser("U0003", "carol"), new DateOnly(2026, 12, 1), new ChatUser("U0001", "alice"), now));
            await store.SaveChangesAsync(CancellationToken.None);
        }

        At(11, 29, 9);
        await _host.SweepAsync();
        var reminder = Assert.Single(_host.DirectMessagesTo("U0003"));
        Assert.Contains("Return the laptop", Text(reminder));
        Assert.DoesNotContain(Title, Text(reminder));
        Assert.DoesNotContain("INC-0001", Text(reminder));
    }
}
