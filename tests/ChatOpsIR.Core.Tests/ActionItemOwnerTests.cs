using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Core.Tests;

/// <summary>Issue 16: `action A1 kind …` sets an item's kind outside the post-mortem, for its owner and the command team. The whole host on SQLite, in the web war room.</summary>
public sealed class ActionItemOwnerTests : IAsyncLifetime
{
    private static readonly ChatUser Alice = new("alice", "Alice");
    private static readonly ChatUser Olga = new("olga", "Olga");
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

    private async Task<ActionItem> ItemAsync(int number)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IIncidentStore>().FindActionItemAsync(TenantScope.Web, number, CancellationToken.None))!;
    }
}
