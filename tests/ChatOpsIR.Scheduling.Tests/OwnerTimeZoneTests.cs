using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>Reminder days in the owner's own time zone where the platform tells it (Slack: users.info `tz`; the web war room: the browser's zone), else `Reminders:TimeZone`.</summary>
[Collection(HangfireCollection.Name)]
public sealed class OwnerTimeZoneTests
{
    [Fact]
    public async Task An_owner_in_Auckland_gets_the_due_day_reminder_on_their_own_due_day_and_an_owner_without_a_zone_on_UTCs()
    {
        using var database = TestDatabase.Sqlite();
        await using var slack = await ReminderHost.StartSlackAsync();

        // Bob's profile says Pacific/Auckland (UTC+13 in December); Carol's says nothing.
        slack.Answer("users.info", body => body["user"]!.GetValue<string>() == "U0002"
            ? new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = "U0002", ["name"] = "bob", ["tz"] = "Pacific/Auckland" } }
            : new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = "U0003", ["name"] = "carol" } });
        await using var host = new ReminderHost(database, slack, settings: new Dictionary<string, string?> { ["Reminders:TimeZone"] = "UTC" });
        await host.DrainAsync();
        await host.CommandAsync("declare Leaked API key sev2");
        await host.CommandAsync("action <@U0002|bob> 2026-12-01 Rotate the leaked key");
        await host.CommandAsync("action <@U0003|carol> 2026-12-01 Revoke old sessions");
        await host.DrainAsync();

        // 2026-11-30 19:30 UTC is 08:30 on 1 December in Auckland: Bob's due day has begun (and his quiet hours are over);
        // in UTC it is still the day before, so Carol gets the lead reminder.
        host.App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 19, 30, 0, TimeSpan.Zero));
        await host.SweepAsync();
        Assert.Contains("A1 is due today (2026-12-01)", ReminderHost.TextOf(Assert.Single(host.DirectMessagesTo("U0002"))));
        Assert.Contains("A2 is due in 1 day", ReminderHost.TextOf(Assert.Single(host.DirectMessagesTo("U0003"))));

        // 20:30 UTC is quiet in UTC (from 20:00) but 09:30 in Auckland: a reminder to Bob would go out; none is due, none twice.
        host.App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 20, 30, 0, TimeSpan.Zero));
        await host.SweepAsync();
        Assert.Single(host.DirectMessagesTo("U0002"));
        Assert.Single(host.DirectMessagesTo("U0003"));

        // 1 December 08:00 UTC is 21:00 in Auckland, in Bob's quiet hours: Carol's due-day reminder goes out, Bob gets nothing.
        host.App.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await host.SweepAsync();
        Assert.Single(host.DirectMessagesTo("U0002"));
        Assert.Contains("A2 is due today", ReminderHost.TextOf(host.DirectMessagesTo("U0003")[^1]));
        Assert.Equal(2, host.DirectMessagesTo("U0003").Count);

        // Each profile was asked for once, not at every sweep.
        Assert.Single(slack.CallsTo("users.info"), c => c.Body["user"]!.GetValue<string>() == "U0002");
    }

    [Fact]
    public async Task In_the_web_war_room_the_owner_gets_reminders_on_the_days_of_the_zone_their_browser_sends()
    {
        using var database = TestDatabase.Sqlite();
        await using var slack = await ReminderHost.StartSlackAsync();
        await using var host = new ReminderHost(database, slack, settings: new Dictionary<string, string?> { ["Reminders:TimeZone"] = "UTC" });
        await host.DrainAsync();

        // Bob's browser is in Auckland (UTC+13 in December); Carol's says UTC.
        var alice = new WebChatClient(host.Http, "tz-room", "Alice");
        var bob = new WebChatClient(host.Http, "tz-room", "Bob", "Pacific/Auckland");
        var carol = new WebChatClient(host.Http, "tz-room", "Carol");
        await alice.SendAsync("declare Leaked API key sev2");
        await alice.SendAsync("action @Bob 2026-12-01 Rotate the leaked key");
        await alice.SendAsync("action @Carol 2026-12-01 Revoke old sessions");
        await bob.SendAsync("actions");
        await carol.SendAsync("actions");

        // 2026-11-30 19:30 UTC is 08:30 on 1 December in Auckland: Bob's due day has begun; in UTC Carol's has not.
        host.App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 19, 30, 0, TimeSpan.Zero));
        await host.SweepAsync();
        Assert.Contains("A1 is due today (2026-12-01)", Assert.Single(await RemindersAsync(bob)));
        Assert.Contains("A2 is due in 1 day", Assert.Single(await RemindersAsync(carol)));
    }

    private static async Task<List<string>> RemindersAsync(WebChatClient client) =>
        (await client.MessagesAsync())
            .Where(m => m!["fromBot"]!.GetValue<bool>() && m["text"]!.GetValue<string>().StartsWith("Reminder:", StringComparison.Ordinal))
            .Select(m => m!["text"]!.GetValue<string>() + "\n" + m["card"]?.ToJsonString())
            .ToList();
}
