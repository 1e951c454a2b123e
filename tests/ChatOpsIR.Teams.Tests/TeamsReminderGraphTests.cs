using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Teams.Graph;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// An action-item owner who never talked to the bot and does not have the app: the Connector will not open a 1:1 chat
/// with them, so the app is installed for them through Microsoft Graph and the reminder goes into the chat of that
/// installation. Each test has its own host: Graph and Connector state differ.
/// </summary>
public sealed class TeamsReminderGraphTests : IAsyncLifetime
{
    private const string Channel = "ir-8";
    private const string TeamId = "19:abc-team@thread.tacv2";
    private const string CatalogId = "5f0c1a2b-0000-4000-8000-00000000ca7a";
    private const string BobObjectId = "00000000-0000-0000-0000-0000000000a2";
    private readonly TeamsTestHost _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        var hello = _host.Fixture("activity-personal-message.json");
        hello["id"] = _host.NextActivityId();
        hello["text"] = "help";
        await _host.SendOkAsync(hello);
        await _host.SendOkAsync(_host.Mention(Channel, "declare Phishing wave sev3"));
        var action = _host.Mention(Channel, "action <at>Bob Example</at> 2026-12-01 Block the sender domain");
        action["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>Bob Example</at>",
            ["mentioned"] = new JsonObject { ["id"] = TeamsTestHost.Bob, ["name"] = "Bob Example" },
        });
        await _host.SendOkAsync(action);
        await _host.IdleAsync();

        // The app is in the tenant's catalog under its manifest id (Teams:AppId, as the package script makes it), and the
        // Connector lists Bob as a member of the team; he has never written to the bot.
        _host.Graph.AddCatalogApp(CatalogId, TeamsTestHost.AppId);
        _host.Connector.AddMember(TeamId, TeamsTestHost.Bob, "Bob Example", BobObjectId);
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private void At(int month, int day, int hour) => _host.App.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.Zero));

    private List<ConnectorCall> RemindersInBobsInstalledChat() =>
        _host.PostsTo(FakeGraph.InstallationChatId(BobObjectId)).Where(c => c.Text?.StartsWith("Reminder:", StringComparison.Ordinal) == true).ToList();

    /// <summary>The Connector refuses to open a 1:1 chat with someone who does not have the app.</summary>
    private void ConnectorRefusesTheChat() => _host.Connector.Script(FakeBotConnector.Status(403));

    private List<string> GraphCalls() =>
        _host.Graph.Calls.Where(c => !c.Path.Contains("/oauth2/", StringComparison.Ordinal)).Select(c => $"{c.Method} {c.Path}{Uri.UnescapeDataString(c.Query)}").ToList();

    [Fact]
    public async Task The_app_is_installed_for_an_owner_who_never_talked_to_the_bot_and_the_reminder_goes_into_its_chat()
    {
        ConnectorRefusesTheChat();
        At(11, 29, 9);
        await HangfireJobs.SweepAsync(_host.App.Services);

        var reminder = Assert.Single(RemindersInBobsInstalledChat());
        Assert.Contains("A1 is due in 2 days (2026-12-01)", reminder.Card!.ToJsonString());
        Assert.Equal(AdaptiveCards.AdaptiveCardRenderer.ContentType, reminder.CardContentType);

        // His Entra object id came from the Connector's member lookup in the incident's team.
        Assert.Contains(_host.Connector.Calls, c => c.Method == "GET" && c.Path == $"/amer/v3/conversations/{TeamId}/members/{TeamsTestHost.Bob}");
        var users = $"/v1.0/users/{BobObjectId}/teamwork/installedApps";
        Assert.Equal(
            [
                $"GET {users}?$expand=teamsApp&$filter=teamsApp/externalId eq '{TeamsTestHost.AppId}'",
                $"GET /v1.0/appCatalogs/teamsApps?$filter=externalId eq '{TeamsTestHost.AppId}'",
                $"POST {users}",
                $"GET {users}?$expand=teamsApp&$filter=teamsApp/externalId eq '{TeamsTestHost.AppId}'",
                $"GET {users}/{Assert.Single(GraphCalls(), c => c.EndsWith("/chat", StringComparison.Ordinal)).Split('/')[^2]}/chat",
            ],
            GraphCalls());
        var install = Assert.Single(_host.Graph.Calls, c => c.Method == "POST");
        Assert.Equal($"{_host.Graph.BaseUrl}/appCatalogs/teamsApps/{CatalogId}", install.Body!["teamsApp@odata.bind"]!.GetValue<string>());
        Assert.Equal([CatalogId], _host.Graph.InstalledApps(BobObjectId));

        // The chat is remembered: the next reminder goes straight there, with no Graph call and no new install.
        var graphCalls = GraphCalls().Count;
        At(12, 1, 9);
        await HangfireJobs.SweepAsync(_host.App.Services);
        Assert.Equal(2, RemindersInBobsInstalledChat().Count);
        Assert.Equal(graphCalls, GraphCalls().Count);
        Assert.Single(_host.Connector.Calls, c => c.Method == "POST" && c.Path == "/amer/v3/conversations");
    }

    [Fact]
    public async Task An_app_already_installed_for_the_owner_is_used_as_it_is()
    {
        var installation = _host.Graph.InstallApp(BobObjectId, CatalogId);
        ConnectorRefusesTheChat();
        At(11, 29, 9);
        await HangfireJobs.SweepAsync(_host.App.Services);

        Assert.Single(RemindersInBobsInstalledChat());
        Assert.DoesNotContain(_host.Graph.Calls, c => c.Method == "POST" || c.Path.Contains("appCatalogs", StringComparison.Ordinal));
        Assert.Contains($"GET /v1.0/users/{BobObjectId}/teamwork/installedApps/{installation}/chat", GraphCalls());
        Assert.Equal([CatalogId], _host.Graph.InstalledApps(BobObjectId));
    }

    [Fact]
    public async Task Without_the_Graph_permission_the_channel_is_told_which_to_grant_and_the_reminder_is_not_retried()
    {
        ConnectorRefusesTheChat();
        _host.Graph.Script(FakeGraph.Error(403, "Forbidden", "Missing role permissions on the request."));
        At(11, 29, 9);
        await HangfireJobs.SweepAsync(_host.App.Services);
        await _host.IdleAsync();

        Assert.Empty(RemindersInBobsInstalledChat());
        Assert.Empty(_host.Graph.InstalledApps(BobObjectId));
        var notice = Assert.Single(_host.PostsTo(TeamsTestHost.ChannelId(Channel)));
        Assert.StartsWith("I could not send Bob Example a direct message (“Reminder:", notice.Text);
        Assert.Contains(TeamsAppInstallations.Permissions, notice.Text);
        Assert.Contains("TeamsAppInstallation.ReadWriteSelfForUser.All and AppCatalog.Read.All", notice.Text);

        // Nothing a retry would change: the same reminder is not tried again (the next one is, on its day).
        var graphCalls = GraphCalls().Count;
        _host.App.Clock.Advance(TimeSpan.FromHours(1));
        await HangfireJobs.SweepAsync(_host.App.Services);
        Assert.Equal(graphCalls, GraphCalls().Count);
        Assert.Single(_host.PostsTo(TeamsTestHost.ChannelId(Channel)));
    }

    [Fact]
    public async Task An_owner_the_Connector_can_reach_is_not_installed_for()
    {
        At(11, 29, 9);
        await HangfireJobs.SweepAsync(_host.App.Services);

        Assert.Single(_host.Connector.Calls, c => c.Method == "POST" && c.Path == "/amer/v3/conversations");
        Assert.Empty(GraphCalls());
        Assert.Empty(_host.Graph.InstalledApps(BobObjectId));
    }

    private const string CarolObjectId = "00000000-0000-0000-0000-0000000000a3";

    /// <summary>Alice, the commander, presses a reminder button on A1 in the incident's channel; Teams merges the inputs into the data.</summary>
    private async Task<JsonObject> PressAsync(string verb, params (string Key, string Value)[] inputs)
    {
        var press = _host.Fixture("invoke-adaptive-card-action.json");
        press["id"] = $"f:{_host.NextActivityId()}";
        press["conversation"]!["id"] = $"{TeamsTestHost.ChannelId(Channel)};messageid=1732530000000";
        press["channelData"]!["channel"]!["id"] = TeamsTestHost.ChannelId(Channel);
        var data = new JsonObject { ["verb"] = verb, [ReminderVerbs.ItemKey] = "1" };
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        press["value"]!["action"]!["verb"] = verb;
        press["value"]!["action"]!["data"] = data;
        using var response = await _host.SendAsync(press);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<ActionItem> ActionItemAsync()
    {
        await using var scope = _host.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IIncidentStore>().FindActionItemAsync(TenantScope.Teams(TeamsTestHost.Tenant), 1, CancellationToken.None))!;
    }

    [Fact]
    public async Task A_person_picked_in_the_Teams_form_owns_the_item_and_is_reached_through_Graph()
    {
        // Carol is not in the team and has never talked to the bot: the picker gives her object id, Graph her name.
        _host.Graph.AddUser(CarolObjectId, "Carol Example");
        var form = await PressAsync(ReminderVerbs.Reassign);
        var picker = form["value"]!["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == ReminderVerbs.OwnerInput)!;
        Assert.Equal("Input.ChoiceSet", picker["type"]!.GetValue<string>());
        Assert.Equal("Data.Query", picker["choices.data"]!["type"]!.GetValue<string>());
        Assert.Equal("graph.microsoft.com/users", picker["choices.data"]!["dataset"]!.GetValue<string>());

        var saved = await PressAsync(ReminderVerbs.SaveOwner, (ReminderVerbs.OwnerInput, CarolObjectId));
        Assert.Contains("A1 now belongs to Carol Example", saved.ToJsonString());
        var item = await ActionItemAsync();
        Assert.Equal((CarolObjectId, "Carol Example"), (item.OwnerId, item.OwnerName));
        Assert.Contains(_host.Connector.Calls, c => c.Method == "GET" && c.Path == $"/amer/v3/conversations/{TeamId}/members/{CarolObjectId}");

        // With no Teams id to open a chat with, the app is installed for her by her object id and the reminder goes there.
        At(11, 29, 9);
        await HangfireJobs.SweepAsync(_host.App.Services);
        Assert.Contains(_host.PostsTo(FakeGraph.InstallationChatId(CarolObjectId)), c => c.Card?.ToJsonString().Contains("A1", StringComparison.Ordinal) == true);
        Assert.Equal([CatalogId], _host.Graph.InstalledApps(CarolObjectId));
        Assert.DoesNotContain(_host.Connector.Calls, c => c.Method == "POST" && c.Path == "/amer/v3/conversations");

        // In that chat Teams knows her by her Teams id, and sends her object id beside it: she is the owner, so Done works.
        var reminder = _host.PostsTo(FakeGraph.InstallationChatId(CarolObjectId)).Last(c => c.Card is not null);
        var done = reminder.Card!["actions"]!.AsArray().First(a => a!["title"]!.GetValue<string>() == "Done")!;
        var press = _host.Fixture("invoke-adaptive-card-action.json");
        press["id"] = $"f:{_host.NextActivityId()}";
        press["from"] = new JsonObject { ["id"] = "29:1abc-carol-0003", ["name"] = "Carol Example", ["aadObjectId"] = CarolObjectId };
        press["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TeamsTestHost.Tenant, ["id"] = FakeGraph.InstallationChatId(CarolObjectId) };
        press["channelData"]!.AsObject().Remove("channel");
        press["channelData"]!.AsObject().Remove("team");
        press["value"]!["action"]!["verb"] = done["verb"]!.GetValue<string>();
        press["value"]!["action"]!["data"] = done["data"]!.DeepClone();
        Assert.Contains("A1 is done", await _host.SendOkAsync(press));
        Assert.Equal(ActionItemStatus.Done, (await ActionItemAsync()).Status);
    }

    [Fact]
    public async Task A_picked_member_of_the_team_is_recorded_by_their_Teams_id_as_a_mention_would_be()
    {
        // Bob is in the team: the Connector's member lookup turns his object id into his Teams id and name.
        var saved = await PressAsync(ReminderVerbs.SaveOwner, (ReminderVerbs.OwnerInput, BobObjectId));
        Assert.Contains("Bob Example already owns A1", saved.ToJsonString());
        Assert.Equal((TeamsTestHost.Bob, "Bob Example"), ((await ActionItemAsync()).OwnerId, (await ActionItemAsync()).OwnerName));
        Assert.Empty(GraphCalls());

        // A name typed with @ instead of a pick is still taken, as a name the bot cannot reach.
        var typed = await PressAsync(ReminderVerbs.SaveOwner, (ReminderVerbs.OwnerInput, "@Dan Ops"));
        Assert.Contains("A1 now belongs to Dan Ops", typed.ToJsonString());
        Assert.Equal("teams-unresolved:Dan Ops", (await ActionItemAsync()).OwnerId);

        // Nobody to open a chat with or install for: no Connector or Graph call is made for his reminder.
        At(11, 29, 9);
        await HangfireJobs.SweepAsync(_host.App.Services);
        Assert.DoesNotContain(_host.Connector.Calls, c => c.Method == "POST" && c.Path == "/amer/v3/conversations");
        Assert.Empty(GraphCalls());
    }
}
