namespace ChatOpsIR.Slack.Tests;

/// <summary>`/ir summary` from Slack: the catch-up card, seen only by the person who asked (an ephemeral answer, like `timeline`).</summary>
public sealed class SlackSummaryTests
{
    [Fact]
    public async Task A_latecomer_gets_the_catch_up_card_only_they_see()
    {
        await using var app = await SlackApp.StartAsync();
        await app.CommandAsync("declare Ransomware on FS01 sev2");
        await app.CommandAsync("mark detected");
        await app.CommandAsync("status Contained; restoring file shares");
        await app.CommandAsync("action <@U0002|bob> tomorrow Rotate the service keys");
        await app.CommandAsync("note Isolated FS01 from the network");
        app.App.Clock.Advance(TimeSpan.FromDays(2));

        var reply = await app.CommandAsync("summary", user: "U0003");

        Assert.Equal("ephemeral", reply["response_type"]!.GetValue<string>());
        var seen = SlackApp.Text(reply);
        Assert.Contains("Catch-up · INC-0001 Ransomware on FS01", seen);
        Assert.Contains("No deputy yet. No scribe yet. No comms yet. No lead yet.", seen);
        Assert.Contains("Contained; restoring file shares", seen);
        Assert.Contains("Rotate the service keys", seen);
        Assert.Contains("(overdue)", seen);
        Assert.Contains("Isolated FS01 from the network", seen);
    }
}
