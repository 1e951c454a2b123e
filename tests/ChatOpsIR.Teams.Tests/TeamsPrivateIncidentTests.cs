using System.Text.Json.Nodes;
using ChatOpsIR.Testing;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// `declare … private` in Teams: a private channel owned by the declarer, else a group chat with the app in it; never a
/// room the whole team can read. `invite` lets people into that room through Graph.
/// </summary>
public sealed class TeamsPrivateIncidentTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private const string AliceObjectId = "00000000-0000-0000-0000-0000000000a1";
    private const string Carol = "29:1abc-carol-0003";
    private const string CarolObjectId = "00000000-0000-0000-0000-0000000000a3";
    private const string TeamRoster = "19:abc-team@thread.tacv2";
    private const string CatalogId = "catalog-chatopsir-private";

    private static string Thread(string channel) => $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

    private static JsonObject Mentioning(JsonObject activity, string id, string name)
    {
        activity["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = $"<at>{name}</at>",
            ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
        });
        return activity;
    }

    private JsonObject InChat(string chat, string command)
    {
        var activity = host.Mention("unused", command);
        activity["conversation"] = new JsonObject { ["id"] = chat, ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = TeamsTestHost.Tenant };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsTestHost.Tenant } };
        return activity;
    }

    [Fact]
    public async Task A_private_incident_from_a_team_channel_gets_a_private_channel_owned_by_the_declarer_and_invite_lets_people_in()
    {
        const string origin = "private-origin";
        await host.SendOkAsync(host.Mention(origin, "declare Payroll export mailed out sev2 private"));
        await host.IdleAsync();

        // A private channel of the team, with the declarer (by Entra object id) as its owner; no standard channel.
        var create = Assert.Single(host.Graph.Calls, c => c.Method == "POST" && c.Body?["displayName"]?.GetValue<string>().Contains("Payroll export", StringComparison.Ordinal) == true);
        Assert.Equal($"/v1.0/teams/{TeamsTestHost.TeamGroupId}/channels", create.Path);
        Assert.Equal("private", create.Body!["membershipType"]!.GetValue<string>());
        var channelId = Assert.Single(host.Graph.Channels, c => c.Value["displayName"]!.GetValue<string>().Contains("Payroll export", StringComparison.Ordinal)).Key;
        Assert.Equal([AliceObjectId], host.Graph.MembersOf(channelId));
        var owner = create.Body["members"]![0]!;
        Assert.Equal(["owner"], owner["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        // The incident lives there, private, with its card as the channel's first thread.
        var (incident, _) = await host.IncidentByIdAsync(channelId);
        Assert.NotNull(incident);
        Assert.True(incident.IsPrivate);
        Assert.Single(host.Connector.Calls, c => c.Path == "/amer/v3/conversations" && c.Body["channelData"]?["channel"]?["id"]?.GetValue<string>() == channelId);
        Assert.Null((await host.IncidentAsync(origin)).Incident);

        // The channel that asked hears only that the room is open: no title, no pointer card anyone could open.
        var told = Assert.Single(host.PostsTo(Thread(origin)));
        Assert.Contains("Your private war-room channel is open", told.Text);
        Assert.DoesNotContain("Payroll", told.Text);
        Assert.Null(told.Card);

        // Someone of the team is let into the channel through Graph, found by the team's roster.
        host.Connector.AddMember(TeamRoster, Carol, "Carol Example", CarolObjectId);
        var room = channelId[3..^"@thread.tacv2".Length];
        await host.SendOkAsync(Mentioning(host.Mention(room, "invite <at>Carol Example</at>"), Carol, "Carol Example"));
        await host.IdleAsync();

        Assert.Equal([AliceObjectId, CarolObjectId], host.Graph.MembersOf(channelId));
        var add = Assert.Single(host.Graph.Calls, c => c.Method == "POST" && c.Path == $"/v1.0/teams/{TeamsTestHost.TeamGroupId}/channels/{channelId}/members");
        Assert.Equal($"{host.Graph.BaseUrl}/users('{CarolObjectId}')", add.Body!["user@odata.bind"]!.GetValue<string>());
        Assert.Contains(host.PostsTo(Thread(room)), p => p.Text?.Contains("Carol Example was let into this private incident", StringComparison.Ordinal) == true);
        Assert.True((await host.IncidentByIdAsync(channelId)).Incident!.IsMember(Carol));
    }

    [Fact]
    public async Task Where_the_team_allows_no_private_channel_the_war_room_is_a_group_chat_with_the_app_in_it()
    {
        const string origin = "private-no-channels";
        host.Graph.AddCatalogApp(CatalogId, TeamsTestHost.AppId);
        host.Graph.PrivateChannelsAllowed = false;
        try
        {
            await host.SendOkAsync(host.Mention(origin, "declare Manager reading mailboxes sev2 private"));
            await host.IdleAsync();
        }
        finally
        {
            host.Graph.PrivateChannelsAllowed = true;
        }

        // No channel at all; a group chat with the declarer as owner, and the app installed in it so the bot can post.
        Assert.DoesNotContain(host.Graph.Channels.Values, c => c["displayName"]!.GetValue<string>().Contains("Manager reading", StringComparison.Ordinal));
        var (chatId, chat) = Assert.Single(host.Graph.Chats, c => c.Value["topic"]!.GetValue<string>().Contains("Manager reading mailboxes", StringComparison.Ordinal));
        Assert.Equal("group", chat["chatType"]!.GetValue<string>());
        Assert.Equal([AliceObjectId], host.Graph.MembersOf(chatId));
        Assert.Equal([CatalogId], chat["installedApps"]!.AsArray().Select(a => a!.GetValue<string>()));

        // The incident card is the chat's first message; the incident lives in the chat and is private.
        var card = Assert.Single(host.PostsTo(chatId));
        Assert.StartsWith("INC-", card.Text);
        var (incident, _) = await host.IncidentByIdAsync(chatId);
        Assert.True(incident!.IsPrivate);
        Assert.Equal("Manager reading mailboxes", incident.Title);
        Assert.Null((await host.IncidentAsync(origin)).Incident);

        // The declarer is told which kind of room it is and why.
        var told = Assert.Single(host.PostsTo(Thread(origin)));
        Assert.Contains("Your private war-room group chat is open", told.Text);
        Assert.Contains("does not let me open a private channel", told.Text);
        Assert.DoesNotContain("Manager reading", told.Text);

        // Inviting from the chat: the person is not on the chat's roster yet, but on the team's it was opened from.
        host.Connector.AddMember(TeamRoster, Carol, "Carol Example", CarolObjectId);
        await host.SendOkAsync(Mentioning(InChat(chatId, "invite <at>Carol Example</at>"), Carol, "Carol Example"));
        await host.IdleAsync();

        Assert.Equal([AliceObjectId, CarolObjectId], host.Graph.MembersOf(chatId));
        var add = Assert.Single(host.Graph.Calls, c => c.Method == "POST" && c.Path == $"/v1.0/chats/{chatId}/members");
        Assert.Equal("0001-01-01T00:00:00Z", add.Body!["visibleHistoryStartDateTime"]!.GetValue<string>().Replace("+00:00", "Z", StringComparison.Ordinal));
        Assert.Contains(host.PostsTo(chatId), p => p.Text?.Contains("Carol Example was let into this private incident", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task When_neither_a_private_channel_nor_a_group_chat_can_be_made_nothing_is_declared_and_the_permissions_are_named()
    {
        const string origin = "private-nowhere";
        var catalog = new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = CatalogId, ["externalId"] = TeamsTestHost.AppId, ["distributionMethod"] = "organization" }) };
        host.Graph.Script(
            FakeGraph.Error(403, "Forbidden", "Private channel creation is disabled for this team."),
            async context =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(catalog.ToJsonString());
            },
            FakeGraph.Error(403, "Forbidden", "Missing role permissions on the request. API requires one of 'Chat.Create'."));
        var chats = host.Graph.Chats.Count;
        var channels = host.Graph.Channels.Count;
        await host.SendOkAsync(host.Mention(origin, "declare Badge data copied sev3 private"));
        await host.IdleAsync();

        var told = Assert.Single(host.PostsTo(Thread(origin)));
        Assert.Contains("Chat.Create and TeamsAppInstallation.ReadWriteSelfForChat.All", told.Text);
        Assert.Contains("Nothing was declared", told.Text);
        Assert.Equal(chats, host.Graph.Chats.Count);
        Assert.Equal(channels, host.Graph.Channels.Count);
        Assert.Null((await host.IncidentAsync(origin)).Incident);
    }
}
