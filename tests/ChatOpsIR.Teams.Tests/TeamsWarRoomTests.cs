using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>`declare … new-channel` in Teams: the channel through Graph, the card through the Connector, a pointer in the channel that asked.</summary>
public sealed class TeamsWarRoomTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private static string Thread(string channel) => $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

    private static string CardText(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonObject o when o["type"]?.GetValue<string>() == "TextRun" => o["text"]!.GetValue<string>(),
        JsonObject o => string.Join('\n', o.Select(p => CardText(p.Value))),
        JsonArray a => string.Join('\n', a.Select(CardText)),
        _ => string.Empty,
    };

    [Fact]
    public async Task Declaring_with_new_channel_opens_a_war_room_channel_and_posts_the_incident_there()
    {
        const string origin = "war-room-origin";
        var declare = host.Mention(origin, "declare Leaked signing key sev1 new-channel");
        await host.SendOkAsync(declare);
        await host.IdleAsync();

        // The channel, created through Graph in the team the activity came from, with the app's token for its tenant.
        var create = Assert.Single(host.Graph.Calls, c => c.Method == "POST" && c.Body?["displayName"]?.GetValue<string>().Contains("Leaked signing key", StringComparison.Ordinal) == true);
        Assert.Equal($"/v1.0/teams/{TeamsTestHost.TeamGroupId}/channels", create.Path);
        Assert.Equal("INC 2026-11-25 Leaked signing key", create.Body!["displayName"]!.GetValue<string>());
        Assert.Equal("standard", create.Body["membershipType"]!.GetValue<string>());
        Assert.Contains(host.Graph.TokenRequests, t => t.Tenant == TeamsTestHost.Tenant);
        var channelId = Assert.Single(host.Graph.Channels, c => c.Value["displayName"]!.GetValue<string>().Contains("Leaked signing key", StringComparison.Ordinal)).Key;
        var channels = host.Graph.Channels.Count;

        // Its first thread, started through the Connector at the activity's serviceUrl, carries the incident card.
        var thread = Assert.Single(host.Connector.Calls, c => c.Path == "/amer/v3/conversations" && c.Body["channelData"]?["channel"]?["id"]?.GetValue<string>() == channelId);
        Assert.True(thread.Body["isGroup"]!.GetValue<bool>());
        Assert.Equal(TeamsTestHost.Tenant, thread.Body["tenantId"]!.GetValue<string>());
        var card = thread.Body["activity"]!["attachments"]![0]!["content"];
        Assert.Contains("Leaked signing key", CardText(card));
        Assert.StartsWith("INC-", thread.Body["activity"]!["text"]!.GetValue<string>());

        // The channel that asked is told where the war room is, with a button that opens it.
        var pointer = Assert.Single(host.PostsTo(Thread(origin)));
        Assert.Equal(declare["id"]!.GetValue<string>(), pointer.ReplyToId);
        Assert.Contains("opened the war-room channel “INC 2026-11-25 Leaked signing key”", pointer.Text);
        var open = pointer.Card!["actions"]!.AsArray().Single()!;
        Assert.Equal("Action.OpenUrl", open["type"]!.GetValue<string>());
        Assert.StartsWith("https://teams.microsoft.com/l/channel/", open["url"]!.GetValue<string>());

        // The incident lives in the new channel, which captures chat; the channel that asked has none.
        var (incident, _) = await host.IncidentByIdAsync(channelId);
        Assert.NotNull(incident);
        Assert.Equal("Leaked signing key", incident.Title);
        Assert.Equal(1, incident.Severity);
        Assert.True(incident.CaptureChat);
        Assert.Null((await host.IncidentAsync(origin)).Incident);

        // Teams delivering the same activity again opens no second channel.
        await host.SendOkAsync(declare);
        await host.IdleAsync();
        Assert.Equal(channels, host.Graph.Channels.Count);
        Assert.Single(host.PostsTo(Thread(origin)));
    }

    [Fact]
    public async Task Without_the_Graph_permission_the_channel_is_told_which_one_to_grant_and_nothing_is_declared()
    {
        const string origin = "war-room-forbidden";
        host.Graph.Script(FakeGraph.Error(403, "Forbidden", "Missing role permissions on the request. API requires one of 'Channel.Create'."));
        var before = host.Graph.Channels.Count;
        await host.SendOkAsync(host.Mention(origin, "declare Odd logins new-channel"));
        await host.IdleAsync();

        var reply = Assert.Single(host.PostsTo(Thread(origin)));
        Assert.Contains("Channel.Create application permission", reply.Text);
        Assert.Contains("Nothing was declared", reply.Text);
        Assert.Equal(before, host.Graph.Channels.Count);
        Assert.Null((await host.IncidentAsync(origin)).Incident);
    }

    [Fact]
    public async Task Without_the_team_group_id_in_the_activity_the_war_room_asks_the_Connector_for_it()
    {
        const string origin = "war-room-team-lookup";
        const string teamId = "19:lookup-team@thread.tacv2";
        host.Connector.AddTeam(teamId, TeamsTestHost.TeamGroupId);
        var declare = host.Mention(origin, "declare Forged invoices sev2 new-channel");
        declare["channelData"]!["team"] = new JsonObject { ["id"] = teamId };
        await host.SendOkAsync(declare);
        await host.IdleAsync();

        var lookup = Assert.Single(host.Connector.Calls, c => c.Method == "GET" && c.Path == $"/amer/v3/teams/{teamId}");
        Assert.Equal($"/amer/v3/teams/{Uri.EscapeDataString(teamId)}", lookup.RawTarget);
        Assert.Equal($"Bearer {host.Connector.AccessToken}", lookup.Authorization);
        var create = Assert.Single(host.Graph.Calls, c => c.Method == "POST" && c.Body?["displayName"]?.GetValue<string>().Contains("Forged invoices", StringComparison.Ordinal) == true);
        Assert.Equal($"/v1.0/teams/{TeamsTestHost.TeamGroupId}/channels", create.Path);
        Assert.Contains("opened the war-room channel", Assert.Single(host.PostsTo(Thread(origin))).Text);
        Assert.Null((await host.IncidentAsync(origin)).Incident);
    }

    [Fact]
    public async Task When_the_Connector_does_not_know_the_team_either_the_incident_is_declared_here_and_the_reason_given()
    {
        const string origin = "war-room-team-unknown";
        var declare = host.Mention(origin, "declare Forged payroll change sev2 new-channel");
        declare["channelData"]!["team"] = new JsonObject { ["id"] = "19:unknown-team@thread.tacv2" };
        var channels = host.Graph.Channels.Count;
        await host.SendOkAsync(declare);
        await host.IdleAsync();

        Assert.Single(host.Connector.Calls, c => c.Method == "GET" && c.Path == "/amer/v3/teams/19:unknown-team@thread.tacv2");
        var posts = host.PostsTo(Thread(origin));
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("INC-", posts[0].Text);
        Assert.Contains("Teams did not send the Microsoft 365 group id of this channel's team, and the Bot Connector could not tell me either (it answered 404)", posts[1].Text);
        Assert.Contains("The incident lives in this channel", posts[1].Text);
        Assert.Equal(channels, host.Graph.Channels.Count);
        var (incident, _) = await host.IncidentAsync(origin);
        Assert.Equal("Forged payroll change", incident!.Title);
        Assert.Equal(2, incident.Severity);

        // Delivered again: nothing is declared or said twice.
        await host.SendOkAsync(declare);
        await host.IdleAsync();
        Assert.Equal(2, host.PostsTo(Thread(origin)).Count);
    }

    [Fact]
    public async Task In_a_group_chat_there_is_no_team_so_the_incident_is_declared_in_the_chat_and_the_reason_given()
    {
        const string chat = "19:groupchat-warroom@thread.v2";
        var activity = host.Mention("unused", "declare Phish in the board chat sev2 new-channel");
        activity["conversation"] = new JsonObject { ["id"] = chat, ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = TeamsTestHost.Tenant };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsTestHost.Tenant } };
        var calls = host.Graph.Calls.Count;
        await host.SendOkAsync(activity);
        await host.IdleAsync();

        var posts = host.PostsTo(chat);
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("INC-", posts[0].Text);
        Assert.Contains("group chat or a 1:1 chat has no team", posts[1].Text);
        Assert.Equal(calls, host.Graph.Calls.Count);
        var (incident, _) = await host.IncidentByIdAsync(chat);
        Assert.Equal("Phish in the board chat", incident!.Title);
        Assert.Equal(2, incident.Severity);
        Assert.False(incident.CaptureChat);
    }

    [Fact]
    public async Task The_declare_form_in_a_group_chat_declares_in_the_chat_and_gives_the_reason()
    {
        const string chat = "19:groupchat-form@thread.v2";
        var press = host.Fixture("invoke-adaptive-card-action.json");
        press["id"] = $"f:{host.NextActivityId()}";
        press["conversation"] = new JsonObject { ["id"] = chat, ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = TeamsTestHost.Tenant };
        press["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsTestHost.Tenant } };
        press["value"]!["action"]!["verb"] = "declare.submit";
        press["value"]!["action"]!["data"] = new JsonObject { ["declare.title"] = "Phish in the form chat", ["declare.severity"] = "3", ["declare.newChannel"] = "true" };
        var calls = host.Graph.Calls.Count;

        var answer = JsonNode.Parse(await host.SendOkAsync(press))!;
        Assert.Equal("application/vnd.microsoft.activity.message", answer["type"]!.GetValue<string>());
        Assert.Contains("Phish in the form chat", answer["value"]!.GetValue<string>());
        await host.IdleAsync();

        var posts = host.PostsTo(chat);
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("INC-", posts[0].Text);
        Assert.Contains("group chat or a 1:1 chat has no team", posts[1].Text);
        Assert.Equal(calls, host.Graph.Calls.Count);
        var (incident, _) = await host.IncidentByIdAsync(chat);
        Assert.Equal("Phish in the form chat", incident!.Title);
        Assert.False(incident.CaptureChat);
    }
}
