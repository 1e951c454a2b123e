using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>`@ChatOpsIR summary` in a Teams channel: the catch-up card answers in the thread of the question, as `timeline` does.</summary>
public sealed class TeamsSummaryTests
{
    private const string Channel = "summary-room";

    [Fact]
    public async Task Summary_typed_in_a_Teams_channel_answers_with_the_catch_up_card()
    {
        using var database = TestDatabase.Sqlite();
        var host = new TeamsJourneyHost(database);
        await host.InitializeAsync();
        try
        {
            await SayAsync(host, "declare Credential stuffing on the VPN sev2");
            await SayAsync(host, "status Blocking the attacking ranges");
            await SayAsync(host, "note Rate limit raised on the VPN gateway");
            host.App.Clock.Advance(TimeSpan.FromHours(3));

            var summary = await SayAsync(host, "summary 5", TeamsTestHost.Bob);

            Assert.Contains("Catch-up on INC-0001 (Credential stuffing on the VPN): SEV2 (high), open for 3h.", summary);
            Assert.Contains("No deputy yet. No scribe yet. No comms yet. No lead yet.", summary);
            Assert.Contains("Blocking the attacking ranges", summary);
            Assert.Contains("Rate limit raised on the VPN gateway", summary);
            Assert.Contains("No open action items.", summary);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Sends a line as a channel @mention; returns the text and card of the bot's one answer in that thread.</summary>
    private static async Task<string> SayAsync(TeamsJourneyHost host, string command, string from = TeamsTestHost.Alice)
    {
        var conversation = $"{TeamsTestHost.ChannelId(Channel)};messageid=1732530000000";
        var before = host.PostsTo(conversation).Count;
        await host.SendOkAsync(host.Mention(Channel, command, from));
        await host.IdleAsync();
        var reply = Assert.Single(host.PostsTo(conversation).Skip(before));
        return $"{reply.Text}\n{(reply.Card is { } card ? Regex.Unescape(card.ToJsonString()) : string.Empty)}";
    }
}
