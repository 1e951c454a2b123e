using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>
/// Post-mortem nudges, in the web war room: a resolved incident without a post-mortem nudges its commander after 24
/// hours (default), a started post-mortem left alone 3 days (default) nudges its channel — each once.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class PostMortemNudgeTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private FakeSlackApi _slack = null!;
    private ReminderHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await ReminderHost.StartSlackAsync();
        _host = new ReminderHost(_database, _slack);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _database.Dispose();
    }

    private void At(int month, int day, int hour, int minute = 0) =>
        _host.App.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.Zero));

    private static async Task<List<JsonNode>> BotMessagesAsync(WebChatClient client, string startsWith) =>
        (await client.MessagesAsync()).Where(m => m!["fromBot"]!.GetValue<bool>() && m["text"]!.GetValue<string>().StartsWith(startsWith, StringComparison.Ordinal)).Select(m => m!).ToList();

    [Fact]
    public async Task A_resolved_incident_without_a_post_mortem_nudges_its_commander_once()
    {
        var alice = new WebChatClient(_host.Http, "war-room", "Alice");
        var bob = new WebChatClient(_host.Http, "war-room", "Bob");
        await alice.SendAsync("declare Phishing wave sev3");
        await alice.SendAsync("resolve Blocked the sender");

        At(11, 26, 9, 59);
        await _host.SweepAsync();
        Assert.Empty(await BotMessagesAsync(alice, "INC-0001 (Phishing wave) was resolved"));

        At(11, 26, 10, 1);
        await _host.SweepAsync();
        await _host.SweepAsync();
        var nudge = Assert.Single(await BotMessagesAsync(alice, "INC-0001 (Phishing wave) was resolved 24 hours ago"));
        Assert.True(nudge["isPrivate"]!.GetValue<bool>());
        Assert.Empty(await BotMessagesAsync(bob, "INC-0001 (Phishing wave) was resolved"));
    }

    [Fact]
    public async Task A_post_mortem_left_alone_nudges_its_channel_once()
    {
        var alice = new WebChatClient(_host.Http, "ir-2", "Alice");
        var bob = new WebChatClient(_host.Http, "ir-2", "Bob");
        await alice.SendAsync("declare Stolen laptop sev2");
        await alice.SendAsync("resolve Wiped remotely");
        await alice.SendAsync("postmortem");

        At(11, 28, 9, 59);
        await _host.SweepAsync();
        Assert.Empty(await BotMessagesAsync(bob, "The post-mortem of INC-0001"));

        At(11, 28, 10, 1);
        await _host.SweepAsync();
        At(11, 29, 10, 1);
        await _host.SweepAsync();
        var nudge = Assert.Single(await BotMessagesAsync(bob, "The post-mortem of INC-0001 has had no answer for 3 days"));
        Assert.False(nudge["isPrivate"]!.GetValue<bool>());
        Assert.Contains("Resume the post-mortem", nudge["card"]!.ToJsonString());
        Assert.Empty(await BotMessagesAsync(alice, "INC-0001 (Stolen laptop) was resolved"));
    }
}
