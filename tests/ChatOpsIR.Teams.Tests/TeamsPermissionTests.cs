using System.Net;
using System.Text.Json.Nodes;

namespace ChatOpsIR.Teams.Tests;

/// <summary>A Teams host whose incident managers are the members of one Entra group; Mia is in it, Bob is not.</summary>
public sealed class TeamsManagersHost : TeamsTestHost
{
    public const string ManagersGroup = "00000000-0000-0000-0000-00000000e000";
    public const string Mia = "29:1abc-mia-0003";
    public const string MiaObjectId = "00000000-0000-0000-0000-0000000000a3";

    public TeamsManagersHost() => Settings["Permissions:IncidentManagers:Teams:0"] = ManagersGroup;
}

/// <summary>
/// Permissions seen from Teams: a refused typed command is answered with who may and changes nothing; a refused
/// Action.Execute button is answered in the invoke response, to the presser only; a member of the managers' Entra
/// group (asked of Graph's checkMemberGroups) acts as commander.
/// </summary>
public sealed class TeamsPermissionTests(TeamsManagersHost host) : IClassFixture<TeamsManagersHost>
{
    private static string Thread(string channel) => $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

    private static JsonObject Person(string id) => id switch
    {
        TeamsTestHost.Bob => new JsonObject { ["id"] = TeamsTestHost.Bob, ["name"] = "Bob Example", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a2" },
        _ => new JsonObject { ["id"] = TeamsManagersHost.Mia, ["name"] = "Mia Example", ["aadObjectId"] = TeamsManagersHost.MiaObjectId },
    };

    private JsonObject Typed(string channel, string command, string from)
    {
        var activity = host.Mention(channel, command);
        activity["from"] = Person(from);
        return activity;
    }

    private async Task<string> StateAsync(string channel)
    {
        var (incident, timeline) = await host.IncidentAsync(channel);
        return $"{incident!.Severity}|{incident.Status}|{timeline.Count}";
    }

    private async Task<string> DeclareAsync(string channel)
    {
        await host.SendOkAsync(host.Mention(channel, "declare Data exfiltration sev2"));
        await host.IdleAsync();
        return (await host.IncidentAsync(channel)).Incident!.Reference;
    }

    [Fact]
    public async Task A_bystanders_typed_command_is_refused_with_who_may_and_changes_nothing()
    {
        const string channel = "perm-typed";
        var reference = await DeclareAsync(channel);
        var before = await StateAsync(channel);

        await host.SendOkAsync(Typed(channel, "sev 1", TeamsTestHost.Bob));
        await host.IdleAsync();

        Assert.Contains(host.PostsTo(Thread(channel)), p => p.Text?.Contains($"Only the incident commander (Alice Example), a deputy or an incident manager can change the severity of {reference}.", StringComparison.Ordinal) == true);
        Assert.Equal(before, await StateAsync(channel));
    }

    [Fact]
    public async Task A_bystanders_button_is_refused_in_the_invoke_answer_only_and_changes_nothing()
    {
        const string channel = "perm-button";
        var reference = await DeclareAsync(channel);
        var before = await StateAsync(channel);
        var postsBefore = host.PostsTo(Thread(channel)).Count;

        var activity = host.Fixture("invoke-adaptive-card-action.json");
        activity["id"] = $"f:{host.NextActivityId()}";
        activity["conversation"]!["id"] = Thread(channel);
        activity["channelData"]!["channel"]!["id"] = TeamsTestHost.ChannelId(channel);
        activity["from"] = Person(TeamsTestHost.Bob);
        activity["value"]!["action"]!["verb"] = "command.run";
        activity["value"]!["action"]!["data"] = new JsonObject { ["verb"] = "command.run", ["line"] = $"mark {reference} contained" };
        using var response = await host.SendAsync(activity);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        await host.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(400, answer["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", answer["type"]!.GetValue<string>());
        Assert.StartsWith($"Only someone with a role in {reference}", answer["value"]!["message"]!.GetValue<string>());
        Assert.Equal(postsBefore, host.PostsTo(Thread(channel)).Count);
        Assert.Equal(before, await StateAsync(channel));
    }

    [Fact]
    public async Task A_member_of_the_managers_group_acts_as_commander_after_graph_says_so()
    {
        const string channel = "perm-manager";
        await DeclareAsync(channel);
        host.Graph.AddGroupMember(TeamsManagersHost.ManagersGroup, TeamsManagersHost.MiaObjectId);

        await host.SendOkAsync(Typed(channel, "sev 1", TeamsManagersHost.Mia));
        await host.IdleAsync();

        Assert.Equal(1, (await host.IncidentAsync(channel)).Incident!.Severity);
        Assert.Contains(host.Graph.Calls, c => c.Path.Contains($"/users/{TeamsManagersHost.MiaObjectId}/checkMemberGroups", StringComparison.Ordinal));
    }
}
