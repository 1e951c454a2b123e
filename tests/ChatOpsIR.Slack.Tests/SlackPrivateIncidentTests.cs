using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>`declare … private` and `invite` on Slack: a private channel, nothing said where it was typed, members only.</summary>
public class SlackPrivateIncidentTests
{
    [Fact]
    public async Task A_private_incident_gets_a_private_channel_and_nothing_of_it_is_said_where_it_was_typed()
    {
        await using var slack = await SlackApp.StartAsync();
        slack.Slack.Answer("conversations.create", body => new JsonObject
        {
            ["ok"] = true,
            ["channel"] = new JsonObject { ["id"] = "C0PRIV", ["name"] = body["name"]!.DeepClone() },
        });
        var response = await slack.SendCommandAsync(SlackApp.Command("declare Mailbox read by a colleague sev2 private", responseUrl: slack.Slack.ResponseUrl("commands/p1")));
        var ack = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("ephemeral", ack["response_type"]!.GetValue<string>());

        var told = await slack.Slack.WaitForAsync("hooks");
        Assert.True(slack.Slack.CallsTo("conversations.create").Single().Body["is_private"]!.GetValue<bool>());
        Assert.Equal("U0001", slack.Slack.CallsTo("conversations.invite").Single().Body["users"]!.GetValue<string>());
        Assert.Equal("C0PRIV", slack.Slack.CallsTo("chat.postMessage").Single().Body["channel"]!.GetValue<string>());
        Assert.All(told, t => Assert.Equal("ephemeral", t.Body["response_type"]!.GetValue<string>()));
        Assert.DoesNotContain(told, t => t.Body.ToJsonString().Contains("Mailbox", StringComparison.Ordinal));
        Assert.Contains("private", SlackApp.Text(told[0].Body));

        // Someone else, anywhere in the workspace, finds nothing by reference.
        var elsewhere = await slack.CommandAsync("timeline INC-0001", user: "U0002");
        Assert.Equal("ephemeral", elsewhere["response_type"]!.GetValue<string>());
        Assert.Contains("There is no INC-0001 here", SlackApp.Text(elsewhere));
        Assert.DoesNotContain("Mailbox", elsewhere.ToJsonString());

        // Let in by the commander: added to the Slack channel too, and then they read it.
        var invited = await slack.CommandAsync("invite <@U0002|bob>", channel: "C0PRIV");
        Assert.Equal("in_channel", invited["response_type"]!.GetValue<string>());
        Assert.Equal("U0002", slack.Slack.CallsTo("conversations.invite")[^1].Body["users"]!.GetValue<string>());
        Assert.Equal("C0PRIV", slack.Slack.CallsTo("conversations.invite")[^1].Body["channel"]!.GetValue<string>());
        Assert.Contains("Mailbox read by a colleague", SlackApp.Text(await slack.CommandAsync("timeline INC-0001", user: "U0002")));
    }

    [Fact]
    public async Task When_slack_will_not_add_the_person_to_the_channel_they_are_not_let_in()
    {
        await using var slack = await SlackApp.StartAsync();
        slack.Slack.Answer("conversations.create", _ => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "C0CASE", ["name"] = "inc-badge" } });
        await slack.SendCommandAsync(SlackApp.Command("declare Badge cloned sev3 private", responseUrl: slack.Slack.ResponseUrl("commands/p2")));
        await slack.Slack.WaitForAsync("hooks");
        slack.Slack.Answer("conversations.invite", _ => new JsonObject { ["ok"] = false, ["error"] = "not_in_channel" });

        var refused = await slack.CommandAsync("invite <@U0003|carol>", channel: "C0CASE");
        Assert.Equal("ephemeral", refused["response_type"]!.GetValue<string>());
        Assert.Contains("/invite @chatopsir", SlackApp.Text(refused));
        Assert.Contains("There is no INC-0001 here", SlackApp.Text(await slack.CommandAsync("timeline INC-0001", user: "U0003")));
    }

    [Fact]
    public async Task App_home_lists_a_private_incident_to_its_people_only()
    {
        await using var slack = await SlackApp.StartAsync();
        slack.Slack.Answer("users.info", body => new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = body["user"]!.DeepClone(), ["profile"] = new JsonObject { ["display_name"] = "someone" } } });
        slack.Slack.Answer("conversations.create", _ => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "C0HR", ["name"] = "inc-hr" } });
        await slack.SendCommandAsync(SlackApp.Command("declare Harassment report sev2 private", responseUrl: slack.Slack.ResponseUrl("commands/p3")));
        await slack.Slack.WaitForAsync("hooks");
        await slack.CommandAsync("declare Phishing wave sev3", channel: "C0PUB", user: "U0002");

        string HomeOf(string user, string eventId) => new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T0001",
            ["api_app_id"] = "A0001",
            ["event_id"] = eventId,
            ["event_time"] = 1732530600,
            ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = user, ["channel"] = "D0001", ["tab"] = "home" },
        }.ToJsonString();

        await slack.SendEventAsync(HomeOf("U0002", "Ev0PRIV1"));
        var bystander = SlackApp.Text((await slack.Slack.WaitForAsync("views.publish")).Single().Body);
        Assert.Contains("Phishing wave", bystander);
        Assert.DoesNotContain("Harassment", bystander);

        await slack.SendEventAsync(HomeOf("U0001", "Ev0PRIV2"));
        var declarer = SlackApp.Text((await slack.Slack.WaitForAsync("views.publish", 2))[1].Body);
        Assert.Contains("Harassment report", declarer);
    }

    [Fact]
    public async Task A_running_incident_made_private_says_how_to_close_the_channel_and_bystanders_learn_nothing_more()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Shared drive exposed to a contractor sev3", channel: "C0OPEN");
        await slack.CommandAsync("action <@U0002|bob> +7d Remove the contractor's share link", channel: "C0OPEN");

        var refused = await slack.CommandAsync("make private", channel: "C0OPEN", user: "U0003");
        Assert.Equal("ephemeral", refused["response_type"]!.GetValue<string>());
        Assert.Contains("Only the incident commander", SlackApp.Text(refused));

        var made = await slack.CommandAsync("make private", channel: "C0OPEN");
        Assert.Equal("in_channel", made["response_type"]!.GetValue<string>());
        var text = SlackApp.Text(made);
        Assert.Contains("INC-0001 is now private", text);
        Assert.Contains("Change to a private channel", text);
        Assert.Contains("Kept in as owners of open action items: bob", text);

        // Carol, still in the open channel, and anywhere else: nothing of the incident, its items or its people.
        foreach (var (line, channel) in new[]
        {
            ("timeline", "C0OPEN"), ("status Contained", "C0OPEN"), ("actions", "C0OPEN"), ("action done A1", "C0OPEN"), ("report", "C0OPEN"),
            ("timeline INC-0001", "C0ELSE"), ("note INC-0001 hello", "C0ELSE"), ("actions INC-0001", "C0ELSE"), ("action INC-0001 done A1", "C0ELSE"), ("postmortem status INC-0001", "C0ELSE"),
        })
        {
            var answer = await slack.CommandAsync(line, channel: channel, user: "U0003");
            Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
            var seen = SlackApp.Text(answer);
            Assert.DoesNotContain("Shared drive", seen);
            Assert.DoesNotContain("share link", seen);
            Assert.DoesNotContain("bob", seen);
            Assert.Contains(channel == "C0OPEN" ? "private" : "There is no INC-0001 here", seen);
        }

        // Counted, never named.
        var metrics = SlackApp.Text(await slack.CommandAsync("metrics", channel: "C0ELSE", user: "U0003"));
        Assert.Contains("*Incidents*\n1 in 2024 to date · 0 in 2023 to ", metrics);
        Assert.DoesNotContain("Shared drive", metrics);
        Assert.DoesNotContain("INC-0001", metrics);

        Assert.Contains("Shared drive exposed to a contractor", SlackApp.Text(await slack.CommandAsync("timeline INC-0001", channel: "C0ELSE", user: "U0002")));
    }

    [Fact]
    public async Task Someone_outside_a_private_incident_cannot_add_a_message_to_it_with_the_shortcut_and_learns_nothing()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Payroll records copied to a USB stick sev2");
        await slack.CommandAsync("make private");
        var before = SlackApp.Text(await slack.CommandAsync("timeline"));

        // Bob (U0002, the fixture's presser) is in the open channel but not in the incident.
        var shortcut = JsonNode.Parse(SlackSigner.Fixture("slack/interaction-message-shortcut.json"))!;
        shortcut["response_url"] = slack.Slack.ResponseUrl("actions/private-shortcut");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await slack.SendInteractionAsync(shortcut.ToJsonString())).StatusCode);

        var answer = (await slack.Slack.WaitForAsync("hooks")).Single().Body;
        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        Assert.Contains("This channel's incident is private", SlackApp.Text(answer));
        Assert.DoesNotContain("INC-0001", SlackApp.Text(answer));
        Assert.Equal(before, SlackApp.Text(await slack.CommandAsync("timeline")));
    }
}
