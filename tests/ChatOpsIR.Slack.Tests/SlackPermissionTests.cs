using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Slack.Tests;

/// <summary>
/// Permissions seen from Slack: a refused slash command or button press is answered to the presser only (ephemeral)
/// and changes nothing; members of the configured Slack user group act as commander, asked of usergroups.users.list.
/// </summary>
public sealed class SlackPermissionTests
{
    private const string Alice = "U0001";
    private const string Bob = "U0002";
    private const string Mia = "U0003";
    private const string Managers = "S0MANAGERS";

    [Fact]
    public async Task A_bystanders_slash_command_is_refused_privately_and_changes_nothing()
    {
        await using var app = await SlackApp.StartAsync();
        await app.CommandAsync("declare Credential stuffing on the VPN sev2");
        var before = await StateAsync(app);

        var refused = await app.CommandAsync("sev 1", user: Bob);

        Assert.Equal("ephemeral", refused["response_type"]!.GetValue<string>());
        Assert.Contains("Only the incident commander (alice), a deputy or an incident manager can change the severity of INC-0001.", SlackApp.Text(refused));
        Assert.Equal(before, await StateAsync(app));
        Assert.Empty(app.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task A_bystanders_press_of_the_resolve_button_is_answered_to_them_only_and_the_incident_stays_open()
    {
        await using var app = await SlackApp.StartAsync();
        var declared = await app.CommandAsync("declare Credential stuffing on the VPN sev2");
        var before = await StateAsync(app);

        var answer = await PressAsync(app, ResolveButton(declared), Bob);

        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        Assert.Contains("Only the incident commander (alice), a deputy or an incident manager can resolve INC-0001.", SlackApp.Text(answer));
        Assert.Equal(before, await StateAsync(app));
    }

    [Fact]
    public async Task A_member_of_the_managers_user_group_acts_as_commander_and_others_do_not()
    {
        await using var app = await SlackApp.StartAsync(configure: f => f.Settings["Permissions:IncidentManagers:Slack:0"] = Managers);
        app.Slack.UserGroup(Managers, Mia);
        await app.CommandAsync("declare Credential stuffing on the VPN sev2");

        var bystander = await app.CommandAsync("sev 1", user: Bob);
        Assert.Equal("ephemeral", bystander["response_type"]!.GetValue<string>());
        var manager = await app.CommandAsync("sev 1", user: Mia);

        Assert.Equal("in_channel", manager["response_type"]!.GetValue<string>());
        Assert.Contains("Severity changed from SEV2 (high) to SEV1 (critical)", SlackApp.Text(manager));
        var asked = app.Slack.CallsTo("usergroups.users.list");
        Assert.All(asked, call => Assert.Equal(Managers, call.Body["usergroup"]!.GetValue<string>()));
        Assert.All(asked, call => Assert.Equal($"Bearer {SlackApp.Token}", call.Authorization));
    }

    [Fact]
    public async Task When_slack_will_not_list_the_group_nobody_counts_as_a_manager()
    {
        await using var app = await SlackApp.StartAsync(configure: f => f.Settings["Permissions:IncidentManagers:Slack:0"] = Managers);
        app.Slack.Answer("usergroups.users.list", _ => new JsonObject { ["ok"] = false, ["error"] = "missing_scope", ["needed"] = "usergroups:read" });
        await app.CommandAsync("declare Credential stuffing on the VPN sev2");
        var before = await StateAsync(app);

        var refused = await app.CommandAsync("sev 1", user: Mia);

        Assert.Equal("ephemeral", refused["response_type"]!.GetValue<string>());
        Assert.Contains("can change the severity", SlackApp.Text(refused));
        Assert.Equal(before, await StateAsync(app));
        Assert.NotEmpty(app.Slack.CallsTo("usergroups.users.list"));
    }

    /// <summary>The incident's severity, status and timeline length, read from the database.</summary>
    private static async Task<string> StateAsync(SlackApp app)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        var incident = (await store.FindIncidentAsync(TenantScope.Slack("T0001"), 1, CancellationToken.None))!;
        var timeline = await store.GetTimelineAsync(incident.Scope, incident.Id, CancellationToken.None);
        return $"{incident.Severity}|{incident.Status}|{timeline.Count}";
    }

    private static JsonObject ResolveButton(JsonObject message) =>
        (message["blocks"] as JsonArray ?? [])
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => e!.AsObject())
            .First(e => e["value"] is JsonValue value && value.GetValue<string>().Contains("\"resolve INC-0001\"", StringComparison.Ordinal));

    /// <summary>Presses a button of a message in C0001; returns what was answered through the press's response_url.</summary>
    private static async Task<JsonObject> PressAsync(SlackApp app, JsonObject button, string user)
    {
        var responseUrl = app.Slack.ResponseUrl("actions/permissions-1");
        var press = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["username"] = "bob", ["team_id"] = "T0001" },
            ["team"] = new JsonObject { ["id"] = "T0001" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1732530000.000001", ["channel_id"] = "C0001" },
            ["channel"] = new JsonObject { ["id"] = "C0001", ["name"] = "incident-war-room" },
            ["trigger_id"] = "1.1.permissions",
            ["response_url"] = responseUrl,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = button["action_id"]!.DeepClone(),
                ["value"] = button["value"]!.DeepClone(),
                ["action_ts"] = "1732530060.123456",
            }),
        };
        Assert.Equal(HttpStatusCode.OK, (await app.SendInteractionAsync(press.ToJsonString())).StatusCode);
        var answers = await app.Slack.WaitForAsync("hooks", c => c.Path == "/hooks/actions/permissions-1" && c.Body["replace_original"]?.GetValue<bool>() != true);
        return answers[^1].Body;
    }
}
