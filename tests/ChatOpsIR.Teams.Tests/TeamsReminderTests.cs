using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// Action-item reminders reach their owners in Teams 1:1 chats: through the stored reference when the person has talked
/// to the bot, else by opening the chat through the Connector; the card's buttons work there.
/// </summary>
public sealed class TeamsReminderTests : IAsyncLifetime
{
    private const string Channel = "ir-7";
    private const string AlicePersonal = "a:1abc-personal-0001";
    private readonly TeamsTestHost _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        var hello = _host.Fixture("activity-personal-message.json");
        hello["id"] = _host.NextActivityId();
        hello["text"] = "help";
        await _host.SendOkAsync(hello);
        await _host.SendOkAsync(_host.Mention(Channel, "declare VPN appliance exploited sev2"));
        await _host.SendOkAsync(WithMention(_host.Mention(Channel, "action <at>Bob Example</at> 2026-12-01 Patch the VPN appliance"), TeamsTestHost.Bob, "Bob Example"));
        await _host.SendOkAsync(WithMention(_host.Mention(Channel, "action <at>Alice Example</at> 2026-12-01 Write the customer notice"), TeamsTestHost.Alice, "Alice Example"));
        await _host.IdleAsync();
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private static JsonObject WithMention(JsonObject activity, string id, string name)
    {
        activity["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = $"<at>{name}</at>",
            ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
        });
        return activity;
    }

    private void At(int month, int day, int hour) => _host.App.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.Zero));

    private List<ConnectorCall> Reminders(string conversation) =>
        _host.PostsTo(conversation).Where(c => c.Text?.StartsWith("Reminder:", StringComparison.Ordinal) == true).ToList();

    [Fact]
    public async Task Owners_get_the_reminder_card_in_their_1_to_1_chat_and_its_buttons_work()
    {
        At(11, 29, 9);
        Assert.True(await HangfireJobs.SweepUntilAsync(_host.App.Services, () => Reminders(AlicePersonal).Count > 0), "Alice's reminder never came.");
        await HangfireJobs.SweepAsync(_host.App.Services);

        var alice = Assert.Single(Reminders(AlicePersonal));
        Assert.Equal(AdaptiveCards.AdaptiveCardRenderer.ContentType, alice.CardContentType);
        Assert.Contains("A2 is due in 2 days (2026-12-01)", alice.Card!.ToJsonString());

        // Bob never wrote to the bot: the 1:1 chat is opened through the Connector, then the card is posted into it.
        var created = Assert.Single(_host.Connector.Calls, c => c.Method == "POST" && c.Path == "/amer/v3/conversations");
        Assert.Equal(TeamsTestHost.Bob, created.Body["members"]![0]!["id"]!.GetValue<string>());
        var bob = Assert.Single(_host.Connector.Calls, c => c.Path.StartsWith("/amer/v3/conversations/a:created-", StringComparison.Ordinal));
        Assert.Contains("A1 is due in 2 days", bob.Card!.ToJsonString());

        var snooze = alice.Card!["actions"]!.AsArray().First(a => a!["title"]!.GetValue<string>() == "Snooze 1 week")!;
        var press = _host.Fixture("invoke-adaptive-card-action.json");
        press["id"] = _host.NextActivityId();
        press["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TeamsTestHost.Tenant, ["id"] = AlicePersonal };
        press["channelData"]!.AsObject().Remove("channel");
        press["channelData"]!.AsObject().Remove("team");
        press["value"]!["action"]!["verb"] = snooze["verb"]!.GetValue<string>();
        press["value"]!["action"]!["data"] = snooze["data"]!.DeepClone();
        var answer = await _host.SendOkAsync(press);
        Assert.Contains("Snoozed: no reminder about A2 until", answer);

        At(12, 1, 9);
        await HangfireJobs.SweepAsync(_host.App.Services);
        Assert.Single(Reminders(AlicePersonal));
        Assert.Equal(2, _host.Connector.Calls.Count(c => c.Path.StartsWith("/amer/v3/conversations/a:created-", StringComparison.Ordinal) && c.Text?.StartsWith("Reminder:", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Post_mortem_nudges_reach_the_commanders_1_to_1_chat_and_the_incident_channel()
    {
        await _host.SendOkAsync(_host.Mention(Channel, "resolve Appliance patched"));
        await _host.IdleAsync();
        _host.App.Clock.Advance(TimeSpan.FromHours(25));
        bool Nudged() => _host.PostsTo(AlicePersonal).Any(c => c.Text?.Contains("post-mortem has not started", StringComparison.Ordinal) == true);
        Assert.True(await HangfireJobs.SweepUntilAsync(_host.App.Services, Nudged), "The commander's nudge never came.");
        var nudge = Assert.Single(_host.PostsTo(AlicePersonal), c => c.Text?.Contains("post-mortem has not started", StringComparison.Ordinal) == true);
        Assert.Contains("INC-0001 (VPN appliance exploited) was resolved 25 hours ago", nudge.Text);

        await _host.SendOkAsync(_host.Mention(Channel, "postmortem"));
        await _host.IdleAsync();
        _host.App.Clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(1)));
        await HangfireJobs.SweepAsync(_host.App.Services);
        await HangfireJobs.SweepAsync(_host.App.Services);
        var idle = Assert.Single(_host.PostsTo(TeamsTestHost.ChannelId(Channel)), c => c.Text?.Contains("has had no answer for 3 days", StringComparison.Ordinal) == true);
        Assert.Contains("Resume post-mortem", idle.Card!.ToJsonString());
    }
}
