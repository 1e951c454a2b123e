using System.Net;
using System.Text.Json.Nodes;

namespace ChatOpsIR.Slack.Tests;

/// <summary>App Home shows times in the zone of the person's Slack profile (users.info `tz`), or in UTC, saying so.</summary>
public class SlackAppHomeTests
{
    /// <summary>Slack's event for <paramref name="user"/> opening the bot's Home tab.</summary>
    internal static JsonObject HomeOpened(string eventId, string user = "U0001") => new()
    {
        ["type"] = "event_callback",
        ["team_id"] = "T0001",
        ["api_app_id"] = "A0001",
        ["event_id"] = eventId,
        ["event_time"] = 1732530600,
        ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = user, ["channel"] = "D0001", ["tab"] = "home" },
    };

    private static void Profile(SlackApp slack, string? tz) => slack.Slack.Answer("users.info", body =>
    {
        var user = new JsonObject { ["id"] = body["user"]!.DeepClone(), ["profile"] = new JsonObject { ["display_name"] = "alice" } };
        if (tz is not null)
        {
            user["tz"] = tz;
            user["tz_label"] = "Eastern Standard Time";
            user["tz_offset"] = -18000;
        }

        return new JsonObject { ["ok"] = true, ["user"] = user };
    });

    [Fact]
    public async Task App_home_times_are_in_the_persons_slack_time_zone()
    {
        await using var slack = await SlackApp.StartAsync();
        Profile(slack, "America/New_York");
        await slack.CommandAsync("declare Leaked deploy key sev1"); // 2024-11-25 10:30 UTC

        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(HomeOpened("Ev0040HOME").ToJsonString())).StatusCode);
        var published = (await slack.Slack.WaitForAsync("views.publish")).Single().Body;
        var text = SlackApp.Text(published);
        Assert.Contains("declared 2024-11-25 05:30", text);
        Assert.DoesNotContain("10:30", text);
        Assert.Contains("Times are in your Slack time zone, America/New_York (UTC-05:00).", text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "UTC"));
        Assert.Equal("U0001", slack.Slack.CallsTo("users.info").Single().Body["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_time_zone_in_the_profile_app_home_shows_utc_and_says_so()
    {
        await using var slack = await SlackApp.StartAsync();
        Profile(slack, null);
        await slack.CommandAsync("declare Leaked deploy key sev1");

        await slack.SendEventAsync(HomeOpened("Ev0041HOME").ToJsonString());
        var text = SlackApp.Text((await slack.Slack.WaitForAsync("views.publish")).Single().Body);
        Assert.Contains("declared 2024-11-25 10:30", text);
        Assert.Contains("Times are in UTC: your Slack profile has no time zone.", text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "UTC"));
    }

    [Fact]
    public async Task A_time_zone_this_server_does_not_know_falls_back_to_utc_and_names_the_zone()
    {
        await using var slack = await SlackApp.StartAsync();
        Profile(slack, "Mars/Olympus_Mons");
        await slack.CommandAsync("declare Leaked deploy key sev1");

        await slack.SendEventAsync(HomeOpened("Ev0042HOME").ToJsonString());
        var text = SlackApp.Text((await slack.Slack.WaitForAsync("views.publish")).Single().Body);
        Assert.Contains("declared 2024-11-25 10:30", text);
        Assert.Contains("Times are in UTC: your Slack time zone Mars/Olympus_Mons is not known to this server.", text);
    }
}
