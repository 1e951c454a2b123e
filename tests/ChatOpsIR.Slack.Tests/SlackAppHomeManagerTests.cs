using System.Text.Json.Nodes;

namespace ChatOpsIR.Slack.Tests;

/// <summary>
/// App Home lists a private incident to whoever may see it elsewhere: its people and the workspace's incident managers
/// (members of the Slack user group of <c>Permissions:IncidentManagers:Slack</c>), not to other bystanders.
/// </summary>
public class SlackAppHomeManagerTests
{
    private const string Managers = "S0MANAGERS";
    private const string Mia = "U0003";

    [Fact]
    public async Task App_home_lists_a_private_incident_to_an_incident_manager()
    {
        await using var slack = await SlackApp.StartAsync(configure: f => f.Settings["Permissions:IncidentManagers:Slack:0"] = Managers);
        slack.Slack.UserGroup(Managers, Mia);
        slack.Slack.Answer("users.info", body => new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = body["user"]!.DeepClone(), ["profile"] = new JsonObject { ["display_name"] = "someone" } } });
        slack.Slack.Answer("conversations.create", _ => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "C0HR", ["name"] = "inc-hr" } });
        await slack.SendCommandAsync(SlackApp.Command("declare Harassment report sev2 private", responseUrl: slack.Slack.ResponseUrl("commands/m1")));
        await slack.Slack.WaitForAsync("hooks");

        await slack.SendEventAsync(SlackAppHomeTests.HomeOpened("Ev0MGR1", "U0002").ToJsonString());
        var bystander = SlackApp.Text((await slack.Slack.WaitForAsync("views.publish")).Single().Body);
        Assert.DoesNotContain("Harassment", bystander);

        await slack.SendEventAsync(SlackAppHomeTests.HomeOpened("Ev0MGR2", Mia).ToJsonString());
        var manager = SlackApp.Text((await slack.Slack.WaitForAsync("views.publish", 2))[1].Body);
        Assert.Contains("Harassment report", manager);
        Assert.Contains(slack.Slack.CallsTo("usergroups.users.list"), call => call.Body["usergroup"]!.GetValue<string>() == Managers);
    }
}
