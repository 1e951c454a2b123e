using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// The yearly plan review (SEF-01) in Teams, end to end: the plan owner, configured by their Teams id, gets the review
/// card in their 1:1 chat with the bot on its day, records the decision with the card's inputs and button (an
/// adaptiveCard/action invoke), and <c>plan status</c> shows it.
/// </summary>
public sealed class TeamsPlanReviewTests : IAsyncLifetime
{
    private const string Channel = "ir-plan";
    private const string AlicePersonal = "a:1abc-personal-0001";
    private const string DueText = "The yearly review of the incident-response plan is due";
    private readonly TeamsTestHost _host = new();

    public async Task InitializeAsync()
    {
        _host.Settings["PlanReview:Scope"] = $"teams:{TeamsTestHost.Tenant}";
        _host.Settings["PlanReview:OwnerId"] = TeamsTestHost.Alice;
        _host.Settings["PlanReview:OwnerName"] = "Alice Example";
        _host.Settings["PlanReview:Month"] = "12";
        _host.Settings["PlanReview:Day"] = "1";
        await _host.InitializeAsync();

        // Alice has talked to the bot in her 1:1 chat; an incident of the year gives the review something to count.
        var hello = _host.Fixture("activity-personal-message.json");
        hello["id"] = _host.NextActivityId();
        hello["text"] = "help";
        await _host.SendOkAsync(hello);
        await _host.SendOkAsync(_host.Mention(Channel, "declare Mailbox takeover sev2"));
        await _host.SendOkAsync(_host.Mention(Channel, "mark detected"));
        await _host.SendOkAsync(_host.Mention(Channel, "resolve Sessions revoked"));
        await _host.IdleAsync();
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private void At(int month, int day, int hour, int minute = 0) =>
        _host.App.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.Zero));

    private List<ConnectorCall> ReviewCards() =>
        _host.PostsTo(AlicePersonal).Where(c => c.Text?.StartsWith(DueText, StringComparison.Ordinal) == true).ToList();

    private JsonObject PressInAlicesChat(JsonObject button, IReadOnlyDictionary<string, string> inputs, string from = TeamsTestHost.Alice)
    {
        var press = _host.Fixture("invoke-adaptive-card-action.json");
        press["id"] = $"f:{_host.NextActivityId()}";
        press["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TeamsTestHost.Tenant, ["id"] = AlicePersonal };
        press["channelData"]!.AsObject().Remove("channel");
        press["channelData"]!.AsObject().Remove("team");
        if (from == TeamsTestHost.Bob)
        {
            press["from"] = new JsonObject { ["id"] = TeamsTestHost.Bob, ["name"] = "Bob Example", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a2" };
        }

        // Teams sends the button's data merged with the card's inputs, keyed by input id.
        var data = button["data"]!.DeepClone().AsObject();
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        press["value"]!["action"]!["verb"] = button["verb"]!.GetValue<string>();
        press["value"]!["action"]!["title"] = button["title"]!.GetValue<string>();
        press["value"]!["action"]!["data"] = data;
        return press;
    }

    private async Task<JsonObject> InvokeAsync(JsonObject activity)
    {
        using var response = await _host.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>The facts of a card's FactSets, with the markdown escapes of the renderer taken out.</summary>
    private static Dictionary<string, string> Facts(JsonObject card) =>
        card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "FactSet")
            .SelectMany(e => e!["facts"]!.AsArray())
            .ToDictionary(f => Unescape(f!["title"]!.GetValue<string>()), f => Unescape(f!["value"]!.GetValue<string>()));

    private static string Unescape(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\\(.)", "$1");

    [Fact]
    public async Task The_plan_owner_gets_the_review_in_their_1_to_1_chat_records_it_with_the_card_and_plan_status_shows_it()
    {
        At(12, 1, 8, 59);
        await HangfireJobs.SweepAsync(_host.App.Services);
        Assert.Empty(ReviewCards());

        At(12, 1, 9, 1);
        Assert.True(await HangfireJobs.SweepUntilAsync(_host.App.Services, () => ReviewCards().Count > 0), "The review card never came.");
        await HangfireJobs.SweepAsync(_host.App.Services);
        var sent = Assert.Single(ReviewCards());
        Assert.StartsWith($"{DueText}: 1 incidents and 0 exercises", sent.Text);
        Assert.Equal(AdaptiveCards.AdaptiveCardRenderer.ContentType, sent.CardContentType);

        // The card as Teams shows it: the decision, notes and next date as inputs, and the Record button sending them.
        var card = sent.Card!;
        var inputs = card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal)).ToDictionary(e => e!["id"]!.GetValue<string>(), e => e!["type"]!.GetValue<string>());
        Assert.Equal("Input.ChoiceSet", inputs[PlanReviewVerbs.DecisionInput]);
        Assert.Equal("Input.Text", inputs[PlanReviewVerbs.NotesInput]);
        Assert.Equal("Input.Date", inputs[PlanReviewVerbs.NextInput]);
        var record = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Record the review")!.AsObject();
        Assert.Equal("Action.Execute", record["type"]!.GetValue<string>());
        Assert.Equal("auto", record["associatedInputs"]!.GetValue<string>());

        // A missing decision is a user error: Teams shows it and leaves the card with what was typed; nothing is recorded.
        var incomplete = await InvokeAsync(PressInAlicesChat(record, new Dictionary<string, string> { [PlanReviewVerbs.NextInput] = "2027-11-30" }));
        Assert.Equal(400, incomplete["statusCode"]!.GetValue<int>());
        Assert.Equal("Pick whether the plan still fits or needs updating.", incomplete["value"]!["message"]!.GetValue<string>());

        var inputsGiven = new Dictionary<string, string>
        {
            [PlanReviewVerbs.DecisionInput] = "update",
            [PlanReviewVerbs.NotesInput] = "Add a mailbox-takeover runbook",
            [PlanReviewVerbs.NextInput] = "2027-11-30",
        };

        // Only the plan owner records the review.
        var refused = await InvokeAsync(PressInAlicesChat(record, inputsGiven, from: TeamsTestHost.Bob));
        Assert.Equal(400, refused["statusCode"]!.GetValue<int>());
        Assert.Contains("Only the plan owner (Alice Example) can record this review.", refused["value"]!["message"]!.GetValue<string>());

        var recorded = await InvokeAsync(PressInAlicesChat(record, inputsGiven));
        Assert.Equal(200, recorded["statusCode"]!.GetValue<int>());
        Assert.Contains("Plan review recorded by Alice Example: the plan needs updating. Next review by 2027-11-30.", recorded["value"]!.ToJsonString());

        await _host.SendOkAsync(_host.Mention(Channel, "plan status"));
        await _host.IdleAsync();
        var status = Facts(_host.PostsTo($"{TeamsTestHost.ChannelId(Channel)};messageid=1732530000000").Last().Card!);
        Assert.EndsWith("by Alice Example", status["Last review"]);
        Assert.Equal("the plan needs updating", status["Decision"]);
        Assert.Equal("Add a mailbox-takeover runbook", status["Notes"]);
        // This year's review is done, so the yearly one moves to next year and the date Alice chose comes first.
        Assert.StartsWith("2027-12-01, sent to Alice Example", status["Yearly review"]);
        Assert.Equal("2027-11-30", status["Next review due"]);

        // Recorded once: sweeps that follow send nothing more, not even the escalation.
        At(12, 20, 9, 0);
        await HangfireJobs.SweepAsync(_host.App.Services);
        Assert.Single(ReviewCards());
        Assert.DoesNotContain(_host.Connector.Calls, c => c.Text?.Contains("is not recorded yet", StringComparison.Ordinal) == true);
    }
}
