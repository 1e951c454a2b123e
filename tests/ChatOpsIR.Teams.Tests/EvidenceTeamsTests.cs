using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>The chain of custody typed in a Teams channel (signed @mentions, every reply read at the loopback Bot Connector).</summary>
public sealed class EvidenceTeamsTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private const string Channel = "evidence-laptop";
    private static readonly string Hash = new('a', 64);

    [Fact]
    public async Task Custody_steps_typed_in_teams_are_recorded_and_the_item_shows_its_chain()
    {
        await SayAsync("declare Laptop theft sev2");
        Assert.Contains("Evidence E1 recorded for INC-", await SayAsync($"evidence Disk image of laptop L-042 {Hash}"));
        Assert.Contains("Stored at Evidence locker 4 by Alice Example.", await SayAsync("evidence stored E1 Evidence locker 4"));

        var handed = await SayAsync("evidence transfer E1 <at>Bob Example</at> For imaging at the lab", mention: (TeamsTestHost.Bob, "Bob Example"));
        Assert.Contains("Handed from Alice Example to Bob Example by Alice Example: For imaging at the lab.", handed);

        var mismatch = await SayAsync($"evidence verify E1 {new string('b', 64)}", TeamsTestHost.Bob);
        Assert.Contains("hash MISMATCH found by Bob Example", mismatch);

        var shown = await SayAsync("evidence E1", TeamsTestHost.Bob);
        Assert.Contains("Held by", shown);
        Assert.Contains("Stored at Evidence locker 4 by Alice Example", shown);
        Assert.Contains("Handed from Alice Example to Bob Example by Alice Example: For imaging at the lab", shown);
        Assert.Contains("Hash checked by Bob Example: MISMATCH", shown);
        Assert.Contains("evidence.step", shown);

        var (incident, timeline) = await host.IncidentAsync(Channel);
        Assert.NotNull(incident);
        Assert.Equal(4, timeline.Count(e => e.Kind == Core.Incidents.TimelineEntryKind.Evidence));
    }

    /// <summary>Sends a command in the channel and returns what the person reads of the bot's one reply: its text and its card.</summary>
    private async Task<string> SayAsync(string command, string from = TeamsTestHost.Alice, (string Id, string Name)? mention = null)
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
