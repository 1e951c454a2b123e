using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Core.Tests;

/// <summary>
/// Issue 16: the owner of an action item is told at once, by direct message with the reminders' buttons, when someone
/// else gives it to them or hands it over, and hears of it once, not twice; `action A1 kind …` sets an item's kind.
/// The whole host on SQLite, in the web war room, where a direct message is a message only its recipient sees.
/// </summary>
public sealed class ActionItemOwnerTests : IAsyncLifetime
{
    private static readonly ChatUser Alice = new("alice", "Alice");
    private static readonly ChatUser Olga = new("olga", "Olga");
    private static readonly ChatUser Carol = new("carol", "Carol");
    private static readonly ChatUser Bob = new("bob", "Bob");

    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private ChatOpsAppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new ChatOpsAppFactory(_database);
        _ = _app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task The_owner_is_told_at_once_when_someone_else_adds_an_item_due_today_and_only_once_that_day()
    {
        var channel = await DeclareAsync();
        var added = await ExpectAsync(channel, Alice, "action @Olga today Rotate the service keys");
        Assert.Equal("Action item A1 added for Olga, due 2026-11-25: Rotate the service keys Olga is told by direct message.", added.Text);

        var told = Assert.Single(await DirectMessagesAsync(channel, "olga"));
        Assert.Equal("New action item for you: Alice gave you action item A1 of INC-0001, due 2026-11-25. Rotate the service keys", told.Text);
        foreach (var button in new[] { "Done", "Snooze 1 day", "New date", "Reassign" })
        {
            Assert.Contains($"\"{button}\"", told.CardJson);
        }

        Assert.Empty(await DirectMessagesAsync(channel, "bob"));

        // Later that day the reminder jobs run: nothing more goes to Olga today.
        _app.Clock.Advance(TimeSpan.FromHours(7));
        await RemindAsync(1);
        Assert.Single(await DirectMessagesAsync(channel, "olga"));
    }

    [Fact]
    public async Task Adding_an_item_for_oneself_sends_no_message_and_the_answer_says_it_is_yours()
    {
        var channel = await DeclareAsync();
        var added = await ExpectAsync(channel, Alice, "action @Alice +3d Write the customer notice");

        Assert.EndsWith("It is yours: its reminders come to you by direct message.", added.Text);
        Assert.Empty(await DirectMessagesAsync(channel, "alice"));
    }

    [Fact]
    public async Task A_reassigned_item_is_announced_to_the_new_owner_once_with_its_buttons()
    {
        var channel = await DeclareAsync();
        await ExpectAsync(channel, Alice, "action @Olga +7d Rotate the service keys");

        var saved = await PressAsync(channel, Olga, ReminderVerbs.SaveOwner, new() { [ReminderVerbs.ItemKey] = "1", [ReminderVerbs.OwnerInput] = "@Carol" });
        Assert.False(saved.IsError, saved.Text);
        Assert.Equal("A1 now belongs to Carol; they are told by direct message and get its reminders.", saved.Text);

        var told = Assert.Single(await DirectMessagesAsync(channel, "carol"));
        Assert.Equal("Reminder: A1 is now yours, due 2026-12-02 (handed over by Olga). Rotate the service keys", told.Text);
        Assert.Contains("\"Reassign\"", told.CardJson);

        // The reminder jobs do not send the handover a second time.
        _app.Clock.Advance(TimeSpan.FromMinutes(20));
        await RemindAsync(1);
        Assert.Single(await DirectMessagesAsync(channel, "carol"));

        // Taking it back oneself: no message, the answer says so.
        var back = await PressAsync(channel, Olga, ReminderVerbs.SaveOwner, new() { [ReminderVerbs.ItemKey] = "1", [ReminderVerbs.OwnerInput] = "@Olga" });
        Assert.True(back.IsError, "Olga is no longer the owner, the commander or an incident manager");
        var aliceTakes = await PressAsync(channel, Alice, ReminderVerbs.SaveOwner, new() { [ReminderVerbs.ItemKey] = "1", [ReminderVerbs.OwnerInput] = "@Alice" });
        Assert.Equal("A1 now belongs to Alice: it is yours, and its reminders come to you.", aliceTakes.Text);
        Assert.Empty(await DirectMessagesAsync(channel, "alice"));
    }

    [Fact]
    public async Task The_owner_sets_the_kind_a_bystander_is_refused_and_a_wrong_kind_lists_the_kinds()
    {
        var channel = await DeclareAsync();
        await ExpectAsync(channel, Alice, "action @Olga +7d Add alerting on share encryption");

        var refused = await RunAsync(channel, Bob, "action A1 kind monitoring");
        Assert.True(refused.IsError);
        Assert.Equal("Only Olga (the owner of A1), the incident commander (Alice), a deputy or an incident manager can set the kind of A1.", refused.Text);
        Assert.Equal(ActionItemKind.Unspecified, (await ItemAsync(1)).Kind);

        var wrong = await RunAsync(channel, Olga, "action A1 kind firewall");
        Assert.True(wrong.IsError);
        Assert.Equal("`firewall` is not a kind of action item. Use one of: `configuration` (Configuration change), `policy` (Policy or procedure), `monitoring` (Monitoring), `training` (Training), `awareness` (Awareness), `architecture` (Architecture).", wrong.Text);

        var set = await ExpectAsync(channel, Olga, "action A1 kind monitoring");
        Assert.Equal(ReplyAudience.Channel, set.Audience);
        Assert.Equal("A1 is now of kind Monitoring (set by Olga): Add alerting on share encryption", set.Text);
        Assert.Equal(ActionItemKind.Monitoring, (await ItemAsync(1)).Kind);

        // A bare `action A1 kind` asks with the kinds; the form's Save sets it (the commander may too).
        var form = await ExpectAsync(channel, Alice, "action A1 kind");
        Assert.Contains("Policy or procedure", System.Text.Json.JsonSerializer.Serialize(form.Card));
        var saved = await PressAsync(channel, Alice, ReminderVerbs.SaveKind, new() { [ReminderVerbs.ItemKey] = "1", [ReminderVerbs.KindInput] = "policy" });
        Assert.False(saved.IsError, saved.Text);
        Assert.Equal(ActionItemKind.PolicyOrProcedure, (await ItemAsync(1)).Kind);
    }

    private async Task<string> DeclareAsync()
    {
        var channel = "war-" + Guid.NewGuid().ToString("N")[..8];
        await ExpectAsync(channel, Alice, "declare Ransomware on FS01 sev3");
        return channel;
    }

    private static CommandContext Context(string channel, ChatUser who) => new(TenantScope.Web, Platform.Web, channel, who);

    private async Task<BotReply> RunAsync(string channel, ChatUser who, string line)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommandService>().ExecuteAsync(Context(channel, who), line, CancellationToken.None);
    }

    private async Task<BotReply> PressAsync(string channel, ChatUser who, string verb, Dictionary<string, string> data)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommandService>().ExecuteActionAsync(Context(channel, who), verb, data, CancellationToken.None);
    }

    private async Task<BotReply> ExpectAsync(string channel, ChatUser who, string line)
    {
        var reply = await RunAsync(channel, who, line);
        Assert.False(reply.IsError, $"'{line}': {reply.Text}");
        return reply;
    }

    private async Task<List<ConversationMessage>> DirectMessagesAsync(string channel, string userId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IConversationLog>();
        return (await log.ReadAsync(TenantScope.Web, channel, userId, 0, 200, CancellationToken.None)).Where(m => m.VisibleToUserId == userId && m.FromBot && !m.IsError && m.Text.Contains("A1", StringComparison.Ordinal) && m.CardJson is not null && m.CardJson.Contains("reminder.done", StringComparison.Ordinal)).ToList();
    }

    private async Task<ActionItem> ItemAsync(int number)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IIncidentStore>().FindActionItemAsync(TenantScope.Web, number, CancellationToken.None))!;
    }

    private async Task RemindAsync(int number)
    {
        var item = await ItemAsync(number);
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ActionItemReminders>().RemindAsync(item.Id, CancellationToken.None);
    }
}
