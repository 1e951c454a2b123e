using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>The chain of custody from Slack: signed slash commands, answers read from the HTTP response, the new holder's direct message at the fake Slack.</summary>
public sealed class EvidenceSlackTests
{
    private const string Bob = "U0002";
    private static readonly string Hash = new('a', 64);

    [Fact]
    public async Task A_transfer_typed_in_slack_hands_the_item_over_tells_the_new_holder_and_shows_in_its_chain()
    {
        await using var app = await SlackApp.StartAsync();
        app.Slack.Answer("conversations.open", body => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + body["users"]!.GetValue<string>()[1..] } });
        await app.CommandAsync("declare Laptop theft sev2");
        Shown(await app.CommandAsync($"evidence Disk image of laptop L-042 {Hash}"), "Evidence E1 · INC-0001");

        var handed = await app.CommandAsync("evidence transfer E1 <@U0002|bob> For imaging at the lab");
        Assert.Equal("in_channel", handed["response_type"]!.GetValue<string>());
        Shown(handed, "Evidence E1: Handed from alice to bob by alice: For imaging at the lab.");
        Shown(handed, "bob is told by direct message");

        // Bob hears it at once, in a direct message naming the incident.
        var opened = await app.Slack.WaitForAsync("conversations.open", c => c.Body["users"]?.GetValue<string>() == Bob);
        Assert.Single(opened);
        var told = await app.Slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]?.GetValue<string>() == "D0002");
        Shown(told[0].Body, "You now hold evidence E1 of INC-0001 (Laptop theft), handed over by alice: For imaging at the lab");

        // Anyone in the channel reads the item with its whole chain; a bystander cannot hand it on.
        var shown = await app.CommandAsync("evidence E1", user: Bob);
        Assert.Equal("ephemeral", shown["response_type"]!.GetValue<string>());
        Shown(shown, "Collected by alice");
        Shown(shown, "Handed from alice to bob by alice: For imaging at the lab");
        Shown(shown, "Custody step");
        var refused = await app.CommandAsync("evidence release E1 Returned", user: "U0003");
        Assert.Equal("ephemeral", refused["response_type"]!.GetValue<string>());
        Shown(refused, "Only bob (who holds E1), the incident commander (alice), a deputy or an incident manager can release E1.");
    }

    private static void Shown(JsonNode message, string expected)
    {
        var text = SlackApp.Text(message);
        if (!text.Contains(expected, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"Expected Slack to be shown \"{expected}\".\nIt got: {text}");
        }
    }
}
