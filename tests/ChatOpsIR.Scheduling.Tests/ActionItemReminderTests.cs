using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>
/// Action-item reminders end to end on Slack: the real host, SQLite, Hangfire in memory, a fake clock and a loopback
/// Slack. The item is due 2026-12-01; the defaults remind 2 days before, on the day, every 2 days overdue, escalate
/// after 7, and keep quiet from 20:00 to 08:00 UTC.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class ActionItemReminderTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private FakeSlackApi _slack = null!;
    private ReminderHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await ReminderHost.StartSlackAsync();
        _host = new ReminderHost(_database, _slack);
        await _host.CommandAsync("declare Leaked API key sev2");
        await _host.CommandAsync("action <@U0002|bob> 2026-12-01 Rotate the leaked key");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _database.Dispose();
    }

    private void At(int month, int day, int hour, int minute = 0) =>
        _host.App.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.Zero));

    private static string Text(JsonObject message) => System.Text.RegularExpressions.Regex.Unescape(message.ToJsonString());

    [Fact]
    public async Task The_owner_is_reminded_before_on_and_after_the_due_date_once_each()
    {
        await _host.SweepAsync();
        Assert.Empty(_host.DirectMessagesTo("U0002"));

        At(11, 29, 9);
        await _host.SweepAsync();
        await _host.SweepAsync();
        var lead = Assert.Single(_host.DirectMessagesTo("U0002"));
        Assert.Contains("A1 is due in 2 days (2026-12-01)", Text(lead));
        foreach (var button in new[] { "Done", "Snooze 1 day", "Snooze 1 week", "New date", "Reassign" })
        {
            Assert.Contains($"\"text\":\"{button}\"", Text(lead));
        }

        At(12, 1, 8, 30);
        await _host.SweepAsync();
        Assert.Contains("A1 is due today", Text(_host.DirectMessagesTo("U0002")[1]));

        At(12, 2, 9);
        await _host.SweepAsync();
        Assert.Equal(2, _host.DirectMessagesTo("U0002").Count);

        At(12, 3, 9);
        await _host.SweepAsync();
        await _host.SweepAsync();
        var messages = _host.DirectMessagesTo("U0002");
        Assert.Equal(3, messages.Count);
        Assert.Contains("A1 is 2 days overdue", Text(messages[2]));
        Assert.Empty(_host.DirectMessagesTo("U0001"));
    }

    [Fact]
    public async Task Nothing_is_sent_in_quiet_hours_and_what_fell_in_them_goes_out_when_they_end()
    {
        At(11, 29, 7, 30);
        await _host.SweepAsync();
        Assert.Empty(_host.DirectMessagesTo("U0002"));

        At(11, 29, 8, 1);
        await _host.SweepAsync();
        Assert.Single(_host.DirectMessagesTo("U0002"));
    }

    [Fact]
    public async Task Past_the_escalation_delay_the_commander_is_told_once()
    {
        At(12, 7, 9);
        await _host.SweepAsync();
        Assert.Empty(_host.DirectMessagesTo("U0001"));
        Assert.Single(_host.DirectMessagesTo("U0002"));

        At(12, 8, 9);
        await _host.SweepAsync();
        var escalation = Assert.Single(_host.DirectMessagesTo("U0001"));
        Assert.Contains("A1, owned by bob, is 7 days overdue", Text(escalation));

        At(12, 9, 9);
        await _host.SweepAsync();
        Assert.Single(_host.DirectMessagesTo("U0001"));
    }

    [Fact]
    public async Task Snooze_a_week_holds_the_reminders_and_one_comes_when_it_ends()
    {
        At(12, 1, 9);
        await _host.SweepAsync();
        var due = Assert.Single(_host.DirectMessagesTo("U0002"));

        await _host.PressAsync(due, "Snooze 1 week", "U0002");
        Assert.Contains("Snoozed: no reminder about A1 until", Text(_slack.CallsTo("hooks")[^1].Body));

        At(12, 3, 9);
        await _host.SweepAsync();
        At(12, 7, 9);
        await _host.SweepAsync();
        Assert.Single(_host.DirectMessagesTo("U0002"));

        At(12, 8, 9, 1);
        await _host.SweepAsync();
        var messages = _host.DirectMessagesTo("U0002");
        Assert.Equal(2, messages.Count);
        Assert.Contains("Snooze over: A1 is 7 days overdue", Text(messages[1]));
    }

    [Fact]
    public async Task Done_from_the_reminder_closes_the_item_and_stops_its_reminders()
    {
        At(11, 29, 9);
        await _host.SweepAsync();
        var lead = Assert.Single(_host.DirectMessagesTo("U0002"));

        await _host.PressAsync(lead, "Done", "U0002");
        Assert.Contains("A1 is done", Text(_slack.CallsTo("hooks")[^1].Body));

        At(12, 9, 9);
        await _host.SweepAsync();
        Assert.Single(_host.DirectMessagesTo("U0002"));
        Assert.Empty(_host.DirectMessagesTo("U0001"));
        var actions = await _host.CommandAsync("actions");
        Assert.Contains("0 open, 1 done", Text(actions));
    }

    [Fact]
    public async Task New_date_and_Reassign_open_Slack_modals_and_their_answers_are_saved()
    {
        At(11, 29, 9);
        await _host.SweepAsync();
        var lead = Assert.Single(_host.DirectMessagesTo("U0002"));

        await _host.PressAsync(lead, "New date", "U0002", triggerId: "2.2.fake");
        var modal = Assert.Single(await _slack.WaitForAsync("views.open"));
        Assert.Equal("reminder.date.save", modal.Body["view"]!["callback_id"]!.GetValue<string>());
        var submitted = await _host.InteractAsync(Submission(modal.Body["view"]!.AsObject(), "due", new JsonObject { ["type"] = "datepicker", ["selected_date"] = "2026-12-10" }));
        submitted.EnsureSuccessStatusCode();
        var saved = await _slack.WaitForAsync("chat.postEphemeral");
        Assert.Equal("D0002", saved[^1].Body["channel"]!.GetValue<string>());
        Assert.Contains("A1 is now due 2026-12-10", Text(saved[^1].Body));

        await _host.PressAsync(lead, "Reassign", "U0002", triggerId: "3.3.fake");
        var picker = (await _slack.WaitForAsync("views.open", 2))[^1];
        Assert.Contains("users_select", Text(picker.Body));
        (await _host.InteractAsync(Submission(picker.Body["view"]!.AsObject(), "owner", new JsonObject { ["type"] = "users_select", ["selected_user"] = "U0003" }))).EnsureSuccessStatusCode();
        Assert.Contains("A1 now belongs to", Text((await _slack.WaitForAsync("chat.postEphemeral", 2))[^1].Body));

        await _host.SweepAsync();
        Assert.Contains("A1 is now yours, due 2026-12-10", Text(Assert.Single(_host.DirectMessagesTo("U0003"))));
    }

    private static JsonObject Submission(JsonObject view, string input, JsonObject state) => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = "T0001" },
        ["user"] = new JsonObject { ["id"] = "U0002", ["username"] = "bob" },
        ["view"] = new JsonObject
        {
            ["callback_id"] = view["callback_id"]!.DeepClone(),
            ["private_metadata"] = view["private_metadata"]!.DeepClone(),
            ["state"] = new JsonObject { ["values"] = new JsonObject { [input] = new JsonObject { ["value"] = state } } },
        },
    };

    [Fact]
    public async Task Someone_else_cannot_press_the_owners_buttons()
    {
        At(11, 29, 9);
        await _host.SweepAsync();
        var lead = Assert.Single(_host.DirectMessagesTo("U0002"));

        await _host.PressAsync(lead, "Done", "U0003");
        Assert.Contains("Only bob (the owner of A1), the incident commander (alice), a deputy or an incident manager can close A1.", Text(_slack.CallsTo("hooks")[^1].Body));
        var actions = await _host.CommandAsync("actions");
        Assert.Contains("1 open, 0 done", Text(actions));
    }
}

[CollectionDefinition(Name)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire hosts";
}
