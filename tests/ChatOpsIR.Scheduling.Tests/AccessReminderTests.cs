using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>
/// The daily reminder to take back access granted during an incident, end to end on Slack: the real host, SQLite,
/// Hangfire in memory, a fake clock and a loopback Slack. Alice (U0001) declares and commands; Bob (U0002) is given
/// the access.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class AccessReminderTests : IAsyncLifetime
{
    private const string Alice = "U0001";
    private const string Bob = "U0002";

    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private FakeSlackApi _slack = null!;
    private ReminderHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await ReminderHost.StartSlackAsync();
        _host = new ReminderHost(_database, _slack);
        await _host.CommandAsync("declare Leaked API key sev2");
        await _host.CommandAsync("access grant <@U0002|bob> Domain Admin on CORP");
        await _host.CommandAsync("access grant <@U0002|bob> VPN admin until +2h");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _database.Dispose();
    }

    private void At(int day, int hour) => _host.App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, 0, 0, TimeSpan.Zero));

    /// <summary>Runs the daily job as its recurring schedule would, and waits for the jobs it queued.</summary>
    private async Task RunDailyAsync()
    {
        _host.App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<AccessGrantJobs>(j => j.RemindAllAsync(CancellationToken.None));
        await _host.DrainAsync();
    }

    private IReadOnlyList<JsonObject> Reminders() =>
        _host.DirectMessagesTo(Alice).Where(m => ReminderHost.TextOf(m).Contains("Access to take back", StringComparison.Ordinal)).ToList();

    private async Task<IReadOnlyList<AccessGrant>> GrantsAsync()
    {
        await using var scope = _host.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        var incident = (await store.FindLatestIncidentAsync(TenantScope.Slack("T0001"), "C0001", CancellationToken.None))!;
        return await store.GetAccessGrantsAsync(incident.Scope, incident.Id, CancellationToken.None);
    }

    [Fact]
    public async Task An_open_incident_reminds_only_of_grants_past_their_end_time()
    {
        await RunDailyAsync();
        Assert.Empty(Reminders());

        At(25, 13);
        await RunDailyAsync();
        var reminder = ReminderHost.TextOf(Assert.Single(Reminders()));
        Assert.Contains("INC-0001 (Leaked API key) is still open, and these grants are past the time they were meant to end", reminder);
        Assert.Contains("VPN admin", reminder);
        Assert.Contains("overdue", reminder);
        Assert.DoesNotContain("Domain Admin on CORP", reminder);
        Assert.Contains("\"text\":\"Revoked G2\"", reminder);
        Assert.Empty(_host.DirectMessagesTo(Bob));
    }

    [Fact]
    public async Task After_resolve_the_commander_gets_one_message_a_day_until_every_grant_is_revoked()
    {
        await _host.CommandAsync("resolve Key rotated");
        At(26, 9);
        await RunDailyAsync();
        await RunDailyAsync();
        var first = Assert.Single(Reminders());
        var text = ReminderHost.TextOf(first);
        Assert.Contains("INC-0001 (Leaked API key) is resolved; 2 grants of access are still open.", text);
        Assert.Contains("Domain Admin on CORP", text);
        Assert.Contains("VPN admin", text);
        Assert.Contains("\"text\":\"Revoked G1\"", text);
        Assert.Contains("\"text\":\"Revoked G2\"", text);

        // Pressing Revoked in the direct message records the revocation.
        await _host.PressAsync(first, "Revoked G1", Alice);
        var grants = await GrantsAsync();
        Assert.False(grants.Single(g => g.Number == 1).IsOpen);
        Assert.Equal(Alice, grants.Single(g => g.Number == 1).RevokedById);
        Assert.True(grants.Single(g => g.Number == 2).IsOpen);

        At(27, 9);
        await RunDailyAsync();
        var second = ReminderHost.TextOf(Reminders()[1]);
        Assert.Contains("1 grant of access is still open", second);
        Assert.DoesNotContain("Revoked G1", second);
        Assert.Contains("Revoked G2", second);

        await _host.CommandAsync("access revoked G2 VPN account disabled", user: Bob);
        At(28, 9);
        await RunDailyAsync();
        Assert.Equal(2, Reminders().Count);
        Assert.Empty(_host.DirectMessagesTo(Bob));
    }

    [Fact]
    public async Task A_retried_reminder_job_sends_nothing_twice()
    {
        await _host.CommandAsync("resolve Key rotated");
        At(26, 9);
        var incidentId = (await GrantsAsync())[0].IncidentId;
        var jobs = _host.App.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<AccessGrantJobs>(j => j.RemindAsync(incidentId, CancellationToken.None));
        jobs.Enqueue<AccessGrantJobs>(j => j.RemindAsync(incidentId, CancellationToken.None));
        await _host.DrainAsync();
        await RunDailyAsync();

        Assert.Single(Reminders());
    }
}
