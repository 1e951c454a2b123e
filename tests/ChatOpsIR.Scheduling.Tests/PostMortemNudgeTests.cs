using ChatOpsIR.Core.Incidents;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.Contains("Resume post-mortem", nudge["card"]!.ToJsonString());
        Assert.Empty(await BotMessagesAsync(alice, "INC-0001 (Stolen laptop) was resolved"));
    }
}

/// <summary>The same nudges on Slack: a DM to the commander, then a post in the incident channel.</summary>
[Collection(HangfireCollection.Name)]
public sealed class SlackPostMortemNudgeTests : IAsyncLifetime
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

    [Fact]
    public async Task The_commander_is_nudged_by_DM_and_an_idle_post_mortem_in_its_channel()
    {
        await _host.CommandAsync("declare Leaked API key sev2");
        await _host.CommandAsync("resolve Key rotated");

        _host.App.Clock.SetUtcNow(ReminderHost.Start.AddHours(25));
        await _host.SweepAsync();
        var nudge = Assert.Single(_host.DirectMessagesTo("U0001"));
        Assert.Contains("INC-0001 (Leaked API key) was resolved 25 hours ago and its post-mortem has not started", ReminderHost.TextOf(nudge));

        await _host.CommandAsync("postmortem");
        await WaitForPostMortemAsync();
        var started = _host.App.Clock.GetUtcNow();
        _host.App.Clock.SetUtcNow(started.AddDays(3).AddMinutes(1));
        await _host.SweepAsync();
        await _host.SweepAsync();
        var posts = _slack.CallsTo("chat.postMessage").Where(c => c.Body["channel"]?.GetValue<string>() == "C0001").ToList();
        var idle = Assert.Single(posts, p => ReminderHost.TextOf(p.Body).Contains("has had no answer for 3 days", StringComparison.Ordinal));
        Assert.Contains("Resume post-mortem", ReminderHost.TextOf(idle.Body));
        Assert.Single(_host.DirectMessagesTo("U0001"));
    }

    /// <summary>Slack answers `postmortem` at once and starts it in the background.</summary>
    private async Task WaitForPostMortemAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = _host.App.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ChatOpsIR.Core.Ports.IIncidentStore>();
            var incident = await store.FindIncidentAsync(TenantScope.Slack("T0001"), 1, CancellationToken.None);
            if (incident is not null && await store.FindPostMortemAsync(TenantScope.Slack("T0001"), incident.Id, CancellationToken.None) is not null)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The post-mortem did not start.");
    }
}
