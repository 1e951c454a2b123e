using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Teams.Tests;

/// <summary>Card buttons (adaptiveCard/action) and the "Add to timeline" message action, answered in the HTTP response.</summary>
public sealed class TeamsInvokeTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private static string Thread(string channel) => $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

    private async Task DeclareAsync(string channel, string title = "Data exfiltration sev2")
    {
        await host.SendOkAsync(host.Mention(channel, $"declare {title}"));
        await host.IdleAsync();
    }

    private JsonObject InChannel(JsonObject activity, string channel)
    {
        activity["id"] = $"f:{host.NextActivityId()}";
        activity["conversation"]!["id"] = Thread(channel);
        activity["channelData"]!["channel"]!["id"] = TeamsTestHost.ChannelId(channel);
        return activity;
    }

    private JsonObject Button(string channel, string verb, JsonObject data, string trigger = "manual")
    {
        var activity = InChannel(host.Fixture("invoke-adaptive-card-action.json"), channel);
        activity["value"]!["action"]!["verb"] = verb;
        activity["value"]!["action"]!["data"] = data;
        activity["value"]!["trigger"] = trigger;
        return activity;
    }

    private static JsonObject RunCommand(string line) => new() { ["verb"] = "command.run", ["line"] = line };

    private async Task<JsonObject> InvokeAsync(JsonObject activity)
    {
        using var response = await host.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task A_card_button_runs_its_command_and_answers_with_the_updated_card()
    {
        const string channel = "invoke-status";
        await DeclareAsync(channel);
        var answer = await InvokeAsync(Button(channel, "command.run", RunCommand("status Exfiltration blocked at the proxy")));
        Assert.Equal(200, answer["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["type"]!.GetValue<string>());
        var card = answer["value"]!.AsObject();
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Contains("Exfiltration blocked at the proxy", card.ToJsonString());

        await host.IdleAsync();
        var (incident, timeline) = await host.IncidentAsync(channel);
        Assert.Equal("Exfiltration blocked at the proxy", incident!.LastStatus);
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.Status);

        // Everyone else in the channel learns of it from a post.
        Assert.Contains(host.PostsTo(Thread(channel)), p => p.Text?.Contains("Exfiltration blocked at the proxy", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_button_press_without_a_card_answer_is_shown_as_a_message()
    {
        const string channel = "invoke-note";
        await DeclareAsync(channel);
        var answer = await InvokeAsync(Button(channel, "command.run", RunCommand("note pressed from a card")));
        Assert.Equal(200, answer["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.activity.message", answer["type"]!.GetValue<string>());
        Assert.Contains("pressed from a card", answer["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_button_Core_does_not_know_gets_a_user_error_body()
    {
        const string channel = "invoke-unknown";
        await DeclareAsync(channel);
        var activity = InChannel(host.Fixture("invoke-adaptive-card-action.json"), channel);
        var answer = await InvokeAsync(activity);
        Assert.Equal(400, answer["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", answer["type"]!.GetValue<string>());
        Assert.Equal("BadRequest", answer["value"]!["code"]!.GetValue<string>());
        Assert.Contains("not recognised", answer["value"]!["message"]!.GetValue<string>());
        Assert.Single((await host.IncidentAsync(channel)).Timeline);
    }

    [Fact]
    public async Task A_refresh_never_writes()
    {
        const string channel = "invoke-refresh";
        await DeclareAsync(channel);
        var answer = await InvokeAsync(Button(channel, "command.run", RunCommand("note written by a refresh"), trigger: "automatic"));
        Assert.Equal(200, answer["statusCode"]!.GetValue<int>());
        await host.IdleAsync();
        Assert.DoesNotContain((await host.IncidentAsync(channel)).Timeline, e => e.Text.Contains("refresh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_repeated_button_invoke_runs_once()
    {
        const string channel = "invoke-repeat";
        await DeclareAsync(channel);
        var press = Button(channel, "command.run", RunCommand("note pressed once"));
        await InvokeAsync(press);
        var again = await InvokeAsync(press);
        Assert.Equal(200, again["statusCode"]!.GetValue<int>());
        Assert.Single((await host.IncidentAsync(channel)).Timeline, e => e.Text == "pressed once");
    }

    private JsonObject Submit(string channel)
    {
        var activity = InChannel(host.Fixture("invoke-compose-extension-submit-action.json"), channel);
        activity["conversation"]!["id"] = $"{TeamsTestHost.ChannelId(channel)};messageid=1732529000000";
        return activity;
    }

    [Fact]
    public async Task Add_to_timeline_copies_the_message_with_its_author_and_time_once()
    {
        const string channel = "invoke-capture";
        await DeclareAsync(channel);

        var answer = await InvokeAsync(Submit(channel));
        Assert.Empty(answer);

        await host.IdleAsync();
        var (_, timeline) = await host.IncidentAsync(channel);
        var copied = Assert.Single(timeline, e => e.Kind == TimelineEntryKind.ChatMessage);
        Assert.Equal("EDR flagged vssadmin delete shadows on FS01 at 13:58", copied.Text);
        Assert.Equal("Carol Example", copied.AuthorName);
        Assert.Equal("00000000-0000-0000-0000-0000000000a3", copied.AuthorId);
        Assert.Equal(new DateTime(2024, 11, 25, 10, 3, 20, DateTimeKind.Utc), copied.OccurredAt);
        Assert.Equal(Platform.Teams, copied.Source);
        var confirmation = Assert.Single(host.PostsTo($"{TeamsTestHost.ChannelId(channel)};messageid=1732529000000"));
        Assert.Contains("Carol Example", confirmation.Text);
        Assert.Contains("timeline", confirmation.Text);

        // The same message again (a new invoke, e.g. someone else picks the action): nothing more is added.
        var repeat = await InvokeAsync(Submit(channel));
        Assert.Equal("message", repeat["task"]!["type"]!.GetValue<string>());
        Assert.Contains("already", repeat["task"]!["value"]!.GetValue<string>());
        await host.IdleAsync();
        Assert.Single((await host.IncidentAsync(channel)).Timeline, e => e.Kind == TimelineEntryKind.ChatMessage);
        Assert.Single(host.PostsTo($"{TeamsTestHost.ChannelId(channel)};messageid=1732529000000"));
    }

    [Fact]
    public async Task Add_to_timeline_without_an_open_incident_says_so_and_adds_nothing()
    {
        const string channel = "invoke-capture-none";
        var answer = await InvokeAsync(Submit(channel));
        Assert.Equal("message", answer["task"]!["type"]!.GetValue<string>());
        Assert.Contains("no open incident", answer["task"]!["value"]!.GetValue<string>());
        Assert.Null((await host.IncidentAsync(channel)).Incident);
    }

    [Fact]
    public async Task Picking_Add_to_timeline_opens_a_confirmation_dialog_that_shows_the_message()
    {
        const string channel = "invoke-fetch";
        await DeclareAsync(channel);
        var activity = Submit(channel);
        activity["name"] = "composeExtension/fetchTask";
        var answer = await InvokeAsync(activity);
        Assert.Equal("continue", answer["task"]!["type"]!.GetValue<string>());
        var card = answer["task"]!["value"]!["card"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        var text = card["content"]!.ToJsonString();
        Assert.Contains("EDR flagged vssadmin delete shadows on FS01 at 13:58", text);
        Assert.Contains("Carol Example", text);
        Assert.DoesNotContain((await host.IncidentAsync(channel)).Timeline, e => e.Kind == TimelineEntryKind.ChatMessage);
    }
}
