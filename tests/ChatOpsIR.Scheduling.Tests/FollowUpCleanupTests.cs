using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>The daily clean-up of delivery records: what can no longer matter goes, and nothing is sent twice for it.</summary>
[Collection(HangfireCollection.Name)]
public sealed class FollowUpCleanupTests
{
    private static readonly DateTimeOffset DueDay = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Records_of_done_items_and_older_than_the_retention_are_deleted_daily_and_nothing_is_sent_again(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var slack = await ReminderHost.StartSlackAsync();
        await using var host = new ReminderHost(database, slack);
        await host.DrainAsync();
        await host.CommandAsync("declare Leaked API key sev2");
        await host.CommandAsync("action <@U0002|bob> 2026-12-01 Rotate the leaked key");
        await host.CommandAsync("action <@U0003|carol> 2026-12-01 Revoke old sessions");
        await host.DrainAsync();

        using (var connection = host.App.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == FollowUpJobs.CleanupJobId);
            Assert.Equal(FollowUpJobs.CleanupCron, job.Cron);
        }

        host.App.Clock.SetUtcNow(DueDay);
        await host.SweepAsync();
        Assert.Single(host.DirectMessagesTo("U0002"));
        Assert.Single(host.DirectMessagesTo("U0003"));
        var ids = await DeliveryLeaseTests.ItemIdsAsync(host);
        await host.CommandAsync("action done A1");

        // Records of something else (a post-mortem nudge, say) from before and within the retention.
        var ancient = Guid.NewGuid();
        var recent = Guid.NewGuid();
        await ClaimAsync(host, ancient, "pm-start", DueDay.UtcDateTime - FollowUpDelivery.Retention - TimeSpan.FromDays(1));
        await ClaimAsync(host, recent, "pm-start", DueDay.UtcDateTime - FollowUpDelivery.Retention + TimeSpan.FromDays(1));

        host.App.Clock.Advance(FollowUpDelivery.Lease + TimeSpan.FromMinutes(1));
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<FollowUpCleanup>().CleanUpAsync(CancellationToken.None));
            await scope.ServiceProvider.GetRequiredService<FollowUpJobs>().CleanUpAsync(CancellationToken.None); // the job itself: nothing left to do
        }

        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IFollowUpStore>();
            var a1 = ids[0];
            var a2 = ids[1];
            if ((await store.FindActionItemAsync(a1, CancellationToken.None))!.Number != 1)
            {
                (a1, a2) = (a2, a1);
            }

            Assert.False(await store.IsClaimedAsync(a1, "due:2026-12-01", DateTime.MinValue, CancellationToken.None));
            Assert.True(await store.IsClaimedAsync(a2, "due:2026-12-01", DateTime.MinValue, CancellationToken.None));
            Assert.False(await store.IsClaimedAsync(ancient, "pm-start", DateTime.MinValue, CancellationToken.None));
            Assert.True(await store.IsClaimedAsync(recent, "pm-start", DateTime.MinValue, CancellationToken.None));
        }

        await host.SweepAsync();
        await host.SweepAsync();
        Assert.Single(host.DirectMessagesTo("U0002"));
        Assert.Single(host.DirectMessagesTo("U0003"));
    }

    private static async Task ClaimAsync(ReminderHost host, Guid subject, string occurrence, DateTime at)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IFollowUpStore>();
        Assert.True(await store.TryClaimAsync(new FollowUpDelivery(TenantScope.Slack("T0001"), subject, occurrence, "C0001", at), at - FollowUpDelivery.Lease, CancellationToken.None));
    }
}
