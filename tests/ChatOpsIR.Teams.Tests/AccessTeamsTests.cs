using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>`access` typed to the bot in a Teams channel (signed @mentions, replies read at the loopback Bot Connector).</summary>
public sealed class AccessTeamsTests
{
    private const string Channel = "access-room";

    [Fact]
    public async Task Access_typed_in_a_Teams_channel_is_recorded_listed_and_revoked()
    {
        using var database = TestDatabase.Sqlite();
        var host = new TeamsJourneyHost(database);
        await host.InitializeAsync();
        try
        {
            await SayAsync(host, "declare Credential stuffing on the VPN sev2");
            var granted = await SayAsync(host, "access grant <at>Bob Example</at> Domain Admin on CORP until +4h", mention: (TeamsTestHost.Bob, "Bob Example"));
            Assert.Contains("Access G1 granted to Bob Example in INC-0001: Domain Admin on CORP", granted);
            Assert.Contains("Revoked", granted);

            host.App.Clock.Advance(TimeSpan.FromHours(5));
            var list = await SayAsync(host, "access", TeamsTestHost.Bob);
            Assert.Contains("Access grants of INC-0001: 1 open (1 overdue), 0 revoked.", list);
            Assert.Contains("overdue", list);

            var error = await SayAsync(host, "access grant <at>Bob Example</at>", mention: (TeamsTestHost.Bob, "Bob Example"));
            Assert.Matches(@"What did Bob\WExample get\? Say it after the name", error);

            var revoked = await SayAsync(host, "access revoked G1 removed from Domain Admins", TeamsTestHost.Bob);
            Assert.Contains("Access G1 of Bob Example in INC-0001 is recorded as revoked (Domain Admin on CORP, open 5h)", revoked);

            var (_, timeline) = await host.IncidentAsync(Channel);
            Assert.Contains(timeline, e => e.Text.StartsWith("Access G1 of Bob Example (Domain Admin on CORP) revoked", StringComparison.Ordinal));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Sends a command as a channel @mention and returns what the person reads of the bot's one reply in its thread.</summary>
    private static async Task<string> SayAsync(TeamsJourneyHost host, string command, string from = TeamsTestHost.Alice, (string Id, string Name)? mention = null)
    {
        var activity = host.Mention(Channel, command, from);
        if (mention is { } person)
        {
            activity["entities"]!.AsArray().Add(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = $"<at>{person.Name}</at>",
                ["mentioned"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name },
            });
        }

        var conversation = $"{TeamsTestHost.ChannelId(Channel)};messageid=1732530000000";
        var before = host.PostsTo(conversation).Count;
        await host.SendOkAsync(activity);
        await host.IdleAsync();
        var reply = Assert.Single(host.PostsTo(conversation).Skip(before));
        return $"{reply.Text}\n{(reply.Card is { } card ? Regex.Unescape(card.ToJsonString()) : string.Empty)}";
    }
}
