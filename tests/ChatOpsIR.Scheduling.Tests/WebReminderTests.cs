using System.Text.Json.Nodes;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>
/// Reminders in the web war room, which has no direct messages: they appear in the incident's channel, to the owner
/// only. New date and Reassign ask on the card itself (as in Teams), then save.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class WebReminderTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private FakeSlackApi _slack = null!;
    private ReminderHost _host = null!;
    private WebChatClient _alice = null!;
    private WebChatClient _bob = null!;
    private WebChatClient _carol = null!;

    public async Task InitializeAsync()
    {
        _slack = await ReminderHost.StartSlackAsync();
        _host = new ReminderHost(_database, _slack);
        _alice = new WebChatClient(_host.Http, "war-room", "Alice");
        _bob = new WebChatClient(_host.Http, "war-room", "Bob");
        _carol = new WebChatClient(_host.Http, "war-room", "Carol");
        await _alice.SendAsync("declare Phishing wave sev3");
        await _alice.SendAsync("action @Bob 2026-12-01 Block the sender domain");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _database.Dispose();
    }

    private void At(int month, int day, int hour) => _host.App.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.Zero));

    private static async Task<List<JsonNode>> RemindersAsync(WebChatClient client) =>
        (await client.MessagesAsync()).Where(m => m!["fromBot"]!.GetValue<bool>() && m["text"]!.GetValue<string>().StartsWith("Reminder:", StringComparison.Ordinal)).Select(m => m!).ToList();

    private static Dictionary<string, string> Item(string? extraKey = null, string? extraValue = null)
    {
        var data = new Dictionary<string, string> { [ReminderVerbs.ItemKey] = "1" };
        if (extraKey is not null)
        {
            data[extraKey] = extraValue!;
        }

        return data;
    }

    [Fact]
    public async Task The_owner_sees_the_reminder_in_the_incident_channel_and_nobody_else_does()
    {
        At(11, 29, 9);
        await _host.SweepAsync();

        var reminder = Assert.Single(await RemindersAsync(_bob));
        Assert.True(reminder["isPrivate"]!.GetValue<bool>());
        Assert.Contains("A1 is due in 2 days", reminder.ToJsonString());
        Assert.Contains("Snooze 1 week", reminder["card"]!.ToJsonString());
        Assert.Empty(await RemindersAsync(_alice));
        Assert.Empty(await RemindersAsync(_carol));
    }

    [Fact]
    public async Task New_date_moves_the_reminders_to_the_new_date()
    {
        var form = await _bob.PressAsync(ReminderVerbs.NewDate, Item());
        Assert.Contains("\"id\":\"due\"", form.Card!.ToJsonString());

        var refused = await _bob.PressAsync(ReminderVerbs.SaveDate, Item(ReminderVerbs.DueInput, "2026-11-01"));
        Assert.True(refused.IsError);

        var saved = await _bob.PressAsync(ReminderVerbs.SaveDate, Item(ReminderVerbs.DueInput, "2026-12-10"));
        Assert.Contains("A1 is now due 2026-12-10", saved.Text);

        At(12, 1, 9);
        await _host.SweepAsync();
        Assert.Empty(await RemindersAsync(_bob));

        At(12, 8, 9);
        await _host.SweepAsync();
        Assert.Contains("A1 is due in 2 days (2026-12-10)", Assert.Single(await RemindersAsync(_bob)).ToJsonString());
    }

    [Fact]
    public async Task Reassign_hands_the_item_over_and_the_new_owner_is_told()
    {
        var form = await _bob.PressAsync(ReminderVerbs.Reassign, Item());
        Assert.Contains("\"id\":\"owner\"", form.Card!.ToJsonString());

        var saved = await _bob.PressAsync(ReminderVerbs.SaveOwner, Item(ReminderVerbs.OwnerInput, "@Carol"));
        Assert.Contains("A1 now belongs to Carol", saved.Text);

        At(11, 25, 11);
        await _host.SweepAsync();
        Assert.Contains("A1 is now yours", Assert.Single(await RemindersAsync(_carol)).ToJsonString());
        Assert.Empty(await RemindersAsync(_bob));
        Assert.Contains("handed from Bob to Carol by Bob", (await _alice.TimelineAsync()).ToJsonString());

        var notBob = await _bob.PressAsync(ReminderVerbs.Done, Item());
        Assert.True(notBob.IsError);
        var done = await _carol.PressAsync(ReminderVerbs.Done, Item());
        Assert.Contains("A1 is done", done.Text);
    }
}
