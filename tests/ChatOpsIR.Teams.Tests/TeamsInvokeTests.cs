using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Testing;

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

    /// <summary>The messages the bot replaced in a channel's thread (PUT …/activities/{id}).</summary>
    private IReadOnlyList<ConnectorCall> Updates(string channel) =>
        host.Connector.Calls.Where(c => c.Method == "PUT" && c.Path.StartsWith($"/amer/v3/conversations/{Thread(channel)}/activities/", StringComparison.Ordinal)).ToList();

    private static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Walk(p.Value))),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    /// <summary>The titles of the card's buttons.</summary>
    private static List<string> Titles(JsonNode? card) =>
        (card?["actions"] as JsonArray ?? []).Select(a => a!["title"]!.GetValue<string>()).ToList();

    private static bool HasActions(JsonNode? card) =>
        Walk(card).Any(o => o["type"] is JsonValue t && t.GetValue<string>().StartsWith("Action.", StringComparison.Ordinal));

    private static string Texts(JsonNode? card) =>
        string.Join('\n', Walk(card).Where(o => o["type"] is JsonValue t && t.GetValue<string>() == "TextRun").Select(o => o["text"]!.GetValue<string>()));

    [Fact]
    public async Task Resolve_on_the_incident_card_turns_that_card_into_a_receipt_for_everyone_once()
    {
        const string channel = "invoke-resolve-receipt";
        await DeclareAsync(channel);
        var reference = (await host.IncidentAsync(channel)).Incident!.Reference;
        var press = Button(channel, "command.run", RunCommand("resolve"));
        var answer = await InvokeAsync(press);
        await host.IdleAsync();

        // The message the button was on (the invoke's replyToId) is replaced through the Connector at the activity's serviceUrl.
        var update = Assert.Single(Updates(channel));
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(Thread(channel))}/activities/1732530600000", update.RawTarget);
        Assert.Equal($"Bearer {host.Connector.AccessToken}", update.Authorization);
        Assert.Equal("message", update.Body["type"]!.GetValue<string>());
        Assert.Equal("1732530600000", update.Body["id"]!.GetValue<string>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", update.CardContentType);
        var receipt = update.Card!;
        Assert.Null(receipt["actions"]);
        Assert.False(HasActions(receipt));
        var text = Texts(receipt);
        Assert.Contains($"{reference} · Data exfiltration", text);
        Assert.Contains($"{reference} resolved.", text);
        Assert.Matches(@"“Resolve” pressed by Alice Example at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.", text);
        Assert.Contains("The new card is below.", text);
        Assert.StartsWith($"{reference} · Data exfiltration: “Resolve” pressed by Alice Example at ", update.Text);

        // The presser sees the same receipt; the resolved card is posted below for everyone, after the replacement.
        Assert.Equal(receipt.ToJsonString(), answer["value"]!.ToJsonString());
        var posted = host.PostsTo(Thread(channel))[^1];
        Assert.Equal($"{reference} resolved.", posted.Text);
        var calls = host.Connector.Calls.ToList();
        Assert.True(calls.IndexOf(update) < calls.IndexOf(posted));

        // Teams delivers the invoke again: the same answer, nothing replaced or posted twice.
        var posts = host.PostsTo(Thread(channel)).Count;
        var again = await InvokeAsync(press);
        await host.IdleAsync();
        Assert.Equal(200, again["statusCode"]!.GetValue<int>());
        Assert.Single(Updates(channel));
        Assert.Equal(posts, host.PostsTo(Thread(channel)).Count);
    }

    [Fact]
    public async Task Mark_contained_goes_from_the_incident_card_once_used_and_the_card_shows_the_new_moment()
    {
        const string channel = "invoke-contained-once";
        await DeclareAsync(channel);
        var reference = (await host.IncidentAsync(channel)).Incident!.Reference;
        var answer = await InvokeAsync(Button(channel, "command.run", RunCommand($"mark {reference} contained")));
        await host.IdleAsync();

        var update = Assert.Single(Updates(channel));
        var card = update.Card!;
        Assert.Equal(["Timeline", "Resolve"], Titles(card));
        var text = Texts(card);
        // The card states its zone once; the line added to it is a bare moment in that zone.
        Assert.Matches(@"“Mark contained” pressed by Alice Example at \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.", text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "Times in UTC"));
        Assert.Contains($"{reference} · Data exfiltration", text);
        Assert.Contains("Contained", card.ToJsonString());
        Assert.Equal(card.ToJsonString(), answer["value"]!.ToJsonString());
        Assert.Contains(host.PostsTo(Thread(channel)), p => p.Text?.StartsWith($"{reference}: Contained at", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_refused_press_a_private_answer_and_field_errors_leave_the_card_as_it_is()
    {
        const string channel = "invoke-refused-no-update";
        await DeclareAsync(channel);

        // Only the commander may resolve: Bob's press is refused.
        var bob = Button(channel, "command.run", RunCommand("resolve"));
        bob["from"] = new JsonObject { ["id"] = TeamsTestHost.Bob, ["name"] = "Bob Example", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a2" };
        var refused = await InvokeAsync(bob);
        Assert.Equal(400, refused["statusCode"]!.GetValue<int>());

        // The timeline is the presser's own answer.
        var timeline = await InvokeAsync(Button(channel, "command.run", RunCommand("timeline")));
        Assert.Equal(200, timeline["statusCode"]!.GetValue<int>());

        // The declare form with its title left out comes back with the problem shown.
        var form = await InvokeAsync(Button(channel, "declare.submit", new JsonObject { ["declare.title"] = string.Empty, ["declare.severity"] = "2" }));
        await host.IdleAsync();

        Assert.Empty(Updates(channel));
        Assert.Null((await host.IncidentAsync(channel)).Incident!.ResolvedAt);
        Assert.NotEqual("application/vnd.microsoft.activity.message", form["type"]!.GetValue<string>());
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
