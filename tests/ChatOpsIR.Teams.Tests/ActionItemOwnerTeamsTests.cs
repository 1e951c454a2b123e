using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// Issue 16 from Teams: the owner of a new action item is told at once in their 1:1 chat with the bot (opened through
/// the loopback Bot Connector), with the reminders' buttons; `action A1 kind` sets the kind.
/// </summary>
public sealed class ActionItemOwnerTeamsTests : IAsyncLifetime
{
    private const string Channel = "ir-owner";
    private const string Carol = "29:1abc-carol-0003";
    private readonly TeamsTestHost _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        await _host.SendOkAsync(_host.Mention(Channel, "declare VPN appliance exploited sev2"));
        await _host.IdleAsync();
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_owner_sets_the_kind_and_a_bystander_is_refused()
    {
        await SayAsync("action <at>Bob Example</at> +7d Alert on new VPN admin accounts", mention: (TeamsTestHost.Bob, "Bob Example"));

        var refused = await SayAsync("action A1 kind monitoring", Carol);
        Assert.Contains("Only Bob Example (the owner of A1), the incident commander (Alice Example), a deputy or an incident manager can set the kind of A1.", refused);

        var set = await SayAsync("action A1 kind monitoring", TeamsTestHost.Bob);
        Assert.Contains("A1 is now of kind Monitoring (set by Bob Example)", set);
    }

    /// <summary>Sends a command in the channel and returns what the person reads of the bot's one reply: its text and its card.</summary>
    private async Task<string> SayAsync(string command, string from = TeamsTestHost.Alice, (string Id, string Name)? mention = null)
    {
        var activity = _host.Mention(Channel, command, from);
        if (from == Carol)
        {
            activity["from"] = new JsonObject { ["id"] = Carol, ["name"] = "Carol Example", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a3" };
        }
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
        var before = _host.PostsTo(conversation).Count;
        await _host.SendOkAsync(activity);
        await _host.IdleAsync();
        var reply = Assert.Single(_host.PostsTo(conversation).Skip(before));
        return $"{reply.Text}\n{(reply.Card is { } card ? Regex.Unescape(card.ToJsonString()) : string.Empty)}";
    }
}
