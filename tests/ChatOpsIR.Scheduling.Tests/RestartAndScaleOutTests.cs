using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>Nothing lost, nothing twice: a host that was down, and two hosts on one database.</summary>
[Collection(HangfireCollection.Name)]
public sealed class RestartAndScaleOutTests
{
    private static readonly DateTimeOffset DueDay = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_reminder_due_while_the_host_was_down_goes_out_once_when_it_is_back()
    {
        using var database = TestDatabase.Sqlite();
        await using var slack = await ReminderHost.StartSlackAsync();
        await using (var first = new ReminderHost(database, slack))
        {
            await first.CommandAsync("declare Leaked API key sev2");
            await first.CommandAsync("action <@U0002|bob> 2026-12-01 Rotate the leaked key");
            await first.DrainAsync();
        }

        // Down from 2026-11-25 to the due date: the lead reminder's time passed unseen. Hangfire was in memory, so the
        // new host knows nothing of it; the database does, and the start-up sweep sends the latest reminder, once.
        await using var second = new ReminderHost(database, slack, DueDay);
        _ = second.Http;
        var sent = await slack.WaitForAsync("chat.postMessage");
        Assert.Contains("A1 is due today", ReminderHost.TextOf(sent[0].Body));
        await second.SweepAsync();
        await second.SweepAsync();
        Assert.Single(second.DirectMessagesTo("U0002"));

        await using var third = new ReminderHost(database, slack, DueDay.AddHours(2));
        _ = third.Http;
        await third.DrainAsync();
        await third.SweepAsync();
        Assert.Single(third.DirectMessagesTo("U0002"));
    }

    [Fact]
    public async Task Two_hosts_on_one_PostgreSQL_database_send_each_reminder_exactly_once()
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

        one.App.Clock.SetUtcNow(DueDay);
        two.App.Clock.SetUtcNow(DueDay);
        var ids = await ItemIdsAsync(one);
        Assert.Equal(2, ids.Count);

        // Both hosts sweep and both are told to remind each item, several times over, at the same moment; the workers
        // of both hosts take these jobs from the shared Hangfire storage.
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

        // Generous: a reminder that lost a race to the other host may be retried by Hangfire up to a minute later.
        await one.DrainAsync(TimeSpan.FromSeconds(150));
        await two.DrainAsync(TimeSpan.FromSeconds(150));
        await one.SweepAsync();
        await two.SweepAsync();

        Assert.Single(one.DirectMessagesTo("U0002"));
        Assert.Single(one.DirectMessagesTo("U0003"));
        Assert.Equal(2, slack.CallsTo("chat.postMessage").Count);
    }

    private static async Task<IReadOnlyList<Guid>> ItemIdsAsync(ReminderHost host)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IFollowUpStore>();
        return await store.FindOpenActionItemsDueByAsync(new DateOnly(2026, 12, 31), DateTime.MaxValue, CancellationToken.None);
    }
}
