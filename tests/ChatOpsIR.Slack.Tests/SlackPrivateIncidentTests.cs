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
}
