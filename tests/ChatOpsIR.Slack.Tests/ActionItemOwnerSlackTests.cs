using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>Issue 16 from Slack: the owner of a new action item is told at once in a direct message with its buttons; `action A1 kind` sets its kind.</summary>
public sealed class ActionItemOwnerSlackTests
{
    private const string Bob = "U0002";

    [Fact]
    public async Task The_owner_sets_the_kind_from_slack_and_a_bystander_is_refused()
    {
        await using var app = await SlackApp.StartAsync();
        app.Slack.Answer("conversations.open", body => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + body["users"]!.GetValue<string>()[1..] } });
        await app.CommandAsync("declare Laptop theft sev2");
        await app.CommandAsync("action <@U0002|bob> +7d Turn on disk encryption for every laptop");

        var refused = await app.CommandAsync("action A1 kind configuration", user: "U0003");
        Assert.Equal("ephemeral", refused["response_type"]!.GetValue<string>());
        Shown(refused, "Only bob (the owner of A1), the incident commander (alice), a deputy or an incident manager can set the kind of A1.");

        var set = await app.CommandAsync("action A1 kind configuration", user: Bob);
        Assert.Equal("in_channel", set["response_type"]!.GetValue<string>());
        Shown(set, "A1 is now of kind Configuration change (set by bob)");
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
