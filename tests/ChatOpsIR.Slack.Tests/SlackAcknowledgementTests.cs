using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>What Slack was told "OK" about is stored by then: only posts are left for after the answer.</summary>
public class SlackAcknowledgementTests
{
    [Fact]
    public async Task A_command_in_a_mention_is_stored_before_slack_hears_ok()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Ransomware on file server sev2");

        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(SlackSigner.Fixture("slack/event-app-mention.json"))).StatusCode);

        Assert.Contains("contained FS01", SlackApp.Text(await slack.CommandAsync("timeline")));
    }

    [Fact]
    public async Task A_pressed_button_is_stored_before_slack_hears_ok()
    {
        await using var slack = await SlackApp.StartAsync();
        var declared = await slack.CommandAsync("declare Outage sev2");
        var button = declared["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .First(e => e!["text"]!["text"]!.GetValue<string>() == "Mark contained")!.AsObject();
        var press = JsonNode.Parse(SlackSigner.Fixture("slack/interaction-block-actions.json"))!;
        press["response_url"] = slack.Slack.ResponseUrl("actions/stored");
        press["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = button["action_id"]!.GetValue<string>(),
            ["block_id"] = "b1",
            ["value"] = button["value"]!.GetValue<string>(),
            ["action_ts"] = "1732530060.123456",
        });

        Assert.Equal(HttpStatusCode.OK, (await slack.SendInteractionAsync(press.ToJsonString())).StatusCode);

        Assert.Contains("Key moment: Contained", SlackApp.Text(await slack.CommandAsync("timeline")));
    }
}
