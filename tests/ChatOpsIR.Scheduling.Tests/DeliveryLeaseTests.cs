using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>
/// Claim as pending → send → mark sent: a host that dies between the claim and the send does not lose the reminder; a
/// later sweep takes the stale claim over after the lease (one host only) and sends it once.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class DeliveryLeaseTests
{
    private static readonly DateTimeOffset DueDay = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private const string DueKey = "due:2026-12-01";

    [Fact]
    public async Task A_reminder_claimed_by_a_host_that_died_before_sending_goes_out_once_after_the_lease_and_not_before()
    {
        using var database = TestDatabase.Sqlite();
        await using var slack = await ReminderHost.StartSlackAsync();
        await using var host = new ReminderHost(database, slack);
        await host.DrainAsync();
        await host.CommandAsync("declare Leaked API key sev2");
        await host.CommandAsync("action <@U0002|bob> 2026-12-01 Rotate the leaked key");
        await host.DrainAsync();
        var item = Assert.Single(await ItemIdsAsync(host));

        // The "crashed" host: it claimed the due-day reminder and died before sending it.
        host.App.Clock.SetUtcNow(DueDay);
        Assert.True(await ClaimAsync(host, item, DueDay.UtcDateTime));
        var before = slack.CallsTo("chat.postMessage").Count;

        // Within the lease the claim is the crashed host's: not taken over, nothing sent.
        host.App.Clock.SetUtcNow(DueDay + FollowUpDelivery.Lease - TimeSpan.FromMinutes(1));
        await host.SweepAsync();
        await EnqueueReminderAsync(host, item);
        await host.DrainAsync();
        Assert.Empty(host.DirectMessagesTo("U0002"));
        Assert.False(await IsSentAsync(host, item, DueKey));

        // After the lease the next sweep takes it over and sends it, once; later sweeps and retries find it sent.
        host.App.Clock.SetUtcNow(DueDay + FollowUpDelivery.Lease + TimeSpan.FromMinutes(1));
        await host.SweepAsync();
        var sent = Assert.Single(host.DirectMessagesTo("U0002"));
        Assert.Contains("A1 is due today", ReminderHost.TextOf(sent));
        Assert.True(await IsSentAsync(host, item, DueKey));

        host.App.Clock.Advance(FollowUpDelivery.Lease * 2);
        await host.SweepAsync();
        await EnqueueReminderAsync(host, item);
        await host.DrainAsync();
        Assert.Single(host.DirectMessagesTo("U0002"));
        Assert.Equal(before + 1, slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task A_send_that_fails_releases_its_claim_and_the_retry_sends_it_once()
    {
        using var database = TestDatabase.Sqlite();
        await using var slack = await ReminderHost.StartSlackAsync();
        await using var host = new ReminderHost(database, slack);
        await host.DrainAsync();
        await host.CommandAsync("declare Leaked API key sev2");
        await host.CommandAsync("action <@U0002|bob> 2026-12-01 Rotate the leaked key");
        await host.DrainAsync();
        var item = Assert.Single(await ItemIdsAsync(host));

        // Slack refuses the post (not a transient error the client retries): the claim is released, not left pending.
        slack.Script("chat.postMessage", () => FakeSlackApi.Status(System.Net.HttpStatusCode.OK, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
        host.App.Clock.SetUtcNow(DueDay);
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => scope.ServiceProvider.GetRequiredService<ActionItemReminders>().RemindAsync(item, CancellationToken.None));
        }

        Assert.False(await IsSentAsync(host, item, DueKey));
        Assert.False(await IsHeldAsync(host, item, DueKey, DueDay.UtcDateTime));

        await host.SweepAsync();
        await host.SweepAsync();
        Assert.Equal(2, host.DirectMessagesTo("U0002").Count); // the one refused, and the one sent
        Assert.Contains("A1 is due today", ReminderHost.TextOf(host.DirectMessagesTo("U0002")[^1]));
        Assert.True(await IsSentAsync(host, item, DueKey));
    }

    [Fact]
    public async Task Two_hosts_on_one_PostgreSQL_database_take_over_a_stale_claim_once_and_send_it_once()
    {
        using var database = TestDatabase.Postgres();
        await using var slack = await ReminderHost.StartSlackAsync();
        await using var one = new ReminderHost(database, slack);
        await one.DrainAsync();
        await one.CommandAsync("declare Leaked API key sev2");
        await one.CommandAsync("action <@U0002|bob> 2026-12-01 Rotate the leaked key");
        await one.CommandAsync("action <@U0003|carol> 2026-12-01 Revoke old sessions");
        await using var two = new ReminderHost(database, slack);
        _ = two.Http;
        await one.DrainAsync();
        await two.DrainAsync();
        var ids = await ItemIdsAsync(one);
        Assert.Equal(2, ids.Count);

        // A third host claimed both due-day reminders and died.
        foreach (var id in ids)
        {
            Assert.True(await ClaimAsync(one, id, DueDay.UtcDateTime));
        }

        var after = DueDay + FollowUpDelivery.Lease + TimeSpan.FromMinutes(1);
        one.App.Clock.SetUtcNow(after);
        two.App.Clock.SetUtcNow(after);
        var schedulers = new[] { one, two }.Select(h => h.App.Services.GetRequiredService<IFollowUpScheduler>()).ToList();
        for (var round = 0; round < 3; round++)
        {
            foreach (var scheduler in schedulers)
            {
                await scheduler.EnqueueSweepAsync(CancellationToken.None);
                foreach (var id in ids)
                {
                    await scheduler.EnqueueActionItemReminderAsync(id, CancellationToken.None);
                }
            }
        }

        await one.DrainAsync(TimeSpan.FromSeconds(60));
        await two.DrainAsync(TimeSpan.FromSeconds(60));
        Assert.Single(one.DirectMessagesTo("U0002"));
        Assert.Single(one.DirectMessagesTo("U0003"));
        Assert.Equal(2, slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task On_PostgreSQL_one_of_many_simultaneous_runs_takes_over_a_stale_claim_and_none_takes_a_fresh_one()
    {
        using var database = TestDatabase.Postgres();
        await using var slack = await ReminderHost.StartSlackAsync();
        await using var host = new ReminderHost(database, slack);
        await host.DrainAsync();
        var subject = Guid.NewGuid();
        var claimedAt = DueDay.UtcDateTime;
        Assert.True(await ClaimAsync(host, subject, claimedAt));

        async Task<int> RaceAsync(DateTime now)
        {
            var attempts = Enumerable.Range(0, 12).Select(async i =>
            {
                await using var scope = host.App.Services.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IFollowUpStore>();
                return await store.TryClaimAsync(new FollowUpDelivery(TenantScope.Slack("T0001"), subject, DueKey, "U0002", now), now - FollowUpDelivery.Lease, CancellationToken.None);
            });
            return (await Task.WhenAll(attempts)).Count(taken => taken);
        }

        Assert.Equal(0, await RaceAsync(claimedAt + FollowUpDelivery.Lease - TimeSpan.FromSeconds(1)));
        var takeOver = claimedAt + FollowUpDelivery.Lease + TimeSpan.FromSeconds(1);
        Assert.Equal(1, await RaceAsync(takeOver));

        // The claim now belongs to the run that took it over, from that moment: held again for a whole lease.
        Assert.True(await IsHeldAsync(host, subject, DueKey, takeOver));
        Assert.Equal(0, await RaceAsync(takeOver + FollowUpDelivery.Lease - TimeSpan.FromSeconds(1)));
    }

    internal static async Task<IReadOnlyList<Guid>> ItemIdsAsync(ReminderHost host)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IFollowUpStore>();
        return await store.FindOpenActionItemsDueByAsync(new DateOnly(2026, 12, 31), DateTime.MaxValue, CancellationToken.None);
    }

    /// <summary>What a host does before it sends: claim the reminder as pending.</summary>
    private static async Task<bool> ClaimAsync(ReminderHost host, Guid subject, DateTime at)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IFollowUpStore>();
        return await store.TryClaimAsync(new FollowUpDelivery(TenantScope.Slack("T0001"), subject, DueKey, "U0002", at), at - FollowUpDelivery.Lease, CancellationToken.None);
    }

    private static async Task EnqueueReminderAsync(ReminderHost host, Guid item) =>
        await host.App.Services.GetRequiredService<IFollowUpScheduler>().EnqueueActionItemReminderAsync(item, CancellationToken.None);

    /// <summary>Marked sent: no claim time counts as fresh enough, so only a sent mark answers true.</summary>
    private static async Task<bool> IsSentAsync(ReminderHost host, Guid subject, string occurrence)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IFollowUpStore>().IsClaimedAsync(subject, occurrence, DateTime.MaxValue, CancellationToken.None);
    }

    private static async Task<bool> IsHeldAsync(ReminderHost host, Guid subject, string occurrence, DateTime claimedSince)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IFollowUpStore>().IsClaimedAsync(subject, occurrence, claimedSince, CancellationToken.None);
    }
}
