using System.Text.Json.Nodes;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>
/// The yearly plan review in Slack, end to end: the plan owner (Bob, U0002, in workspace T0001) gets the card by direct
/// message on its day, records the decision through the card's button and its modal (signed interactions), and
/// `plan status` shows it; a review left unanswered is escalated to Dana (U0004), once.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class SlackPlanReviewTests : IAsyncLifetime
{
    private static readonly DateTimeOffset ReviewDay = new(2026, 12, 1, 9, 1, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private FakeSlackApi _slack = null!;
    private ReminderHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await ReminderHost.StartSlackAsync();
        _host = new ReminderHost(_database, _slack, settings: new Dictionary<string, string?>
        {
            ["PlanReview:Scope"] = "slack:T0001",
            ["PlanReview:OwnerId"] = "U0002",
            ["PlanReview:OwnerName"] = "Bob",
            ["PlanReview:Month"] = "12",
            ["PlanReview:Day"] = "1",
            ["PlanReview:EscalateAfterDays"] = "14",
            ["PlanReview:EscalateToId"] = "U0004",
            ["PlanReview:EscalateToName"] = "Dana",
        });
        await _host.DrainAsync();
        await _host.CommandAsync("declare Leaked API key sev2");
        await _host.CommandAsync("resolve");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task The_plan_owner_gets_the_review_by_direct_message_records_it_through_the_modal_and_plan_status_shows_it()
    {
        _host.App.Clock.SetUtcNow(ReviewDay - TimeSpan.FromMinutes(2));
        await _host.SweepAsync();
        Assert.Empty(_host.DirectMessagesTo("U0002"));

        _host.App.Clock.SetUtcNow(ReviewDay);
        await _host.SweepAsync();
        await _host.SweepAsync();
        var card = Assert.Single(_host.DirectMessagesTo("U0002"));
        var text = ReminderHost.TextOf(card);
        Assert.Contains("Yearly review of the incident-response plan", text);
        Assert.Contains("For Bob · 1 incident, 0 exercises", text);
        Assert.Contains("reviewed at least once a year (CSA CCM SEF-01)", text);
        Assert.Contains("Record the review", text);

        // Someone else pressing the button gets no form and is told whose review it is.
        await _host.PressAsync(card, "Record the review", "U0003");
        Assert.Empty(_slack.CallsTo("views.open"));
        Assert.Contains("Only the plan owner (Bob) can record this review", ReminderHost.TextOf(_slack.CallsTo("hooks")[^1].Body));

        // Bob presses it: the questions open as a modal while the trigger is fresh.
        await _host.PressAsync(card, "Record the review", "U0002", triggerId: "12345.98765.abcd");
        var opened = Assert.Single(_slack.CallsTo("views.open"));
        var view = opened.Body["view"]!.AsObject();
        Assert.Equal(PlanReviewVerbs.Record, view["callback_id"]!.GetValue<string>());
        var inputs = view["blocks"]!.AsArray().Select(b => b!.AsObject()).Where(b => b["type"]!.GetValue<string>() == "input").ToList();
        Assert.Equal([PlanReviewVerbs.DecisionInput, PlanReviewVerbs.NotesInput, PlanReviewVerbs.NextInput], inputs.Select(b => b["block_id"]!.GetValue<string>()));
        Assert.Equal("2027-12-01", inputs[2]["element"]!["initial_date"]!.GetValue<string>());

        // A date more than a year out keeps the modal open with the error under the field.
        var refused = await SubmitAsync(view, inputs, "confirmed", "Runbook for leaked keys added", "2028-06-01");
        var errors = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", errors["response_action"]!.GetValue<string>());
        Assert.NotNull(errors["errors"]![PlanReviewVerbs.NextInput]);

        var before = _slack.CallsTo("chat.postEphemeral").Count;
        var accepted = await SubmitAsync(view, inputs, "confirmed", "Runbook for leaked keys added", "2027-11-30");
        Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(string.Empty, await accepted.Content.ReadAsStringAsync());
        var answer = (await _slack.WaitForAsync("chat.postEphemeral", before + 1))[^1].Body;
        Assert.Equal("D0002", answer["channel"]!.GetValue<string>());
        Assert.Contains("Plan review recorded by bob: the plan still fits. Next review by 2027-11-30.", ReminderHost.TextOf(answer));

        var status = ReminderHost.TextOf(await _host.CommandAsync("plan status", user: "U0002"));
        Assert.Contains("by bob", status);
        Assert.Contains("the plan still fits", status);
        Assert.Contains("Runbook for leaked keys added", status);
        Assert.Contains("2027-11-30", status);
        Assert.DoesNotContain("Waiting for", status);

        // Recorded: no escalation, and the old card's button only says so.
        _host.App.Clock.SetUtcNow(ReviewDay.AddDays(15));
        await _host.SweepAsync();
        Assert.Empty(_host.DirectMessagesTo("U0004"));
        var hooks = _slack.CallsTo("hooks").Count;
        await _host.PressAsync(card, "Record the review", "U0002", triggerId: "12345.98766.abcd");
        var said = (await _slack.WaitForAsync("hooks", hooks + 1))[^1].Body;
        Assert.Single(_slack.CallsTo("views.open"));
        Assert.Contains("This review was already recorded by bob", ReminderHost.TextOf(said));
    }

    [Fact]
    public async Task An_unanswered_review_is_escalated_once_and_the_escalation_contact_can_record_it()
    {
        _host.App.Clock.SetUtcNow(ReviewDay);
        await _host.SweepAsync();
        Assert.Single(_host.DirectMessagesTo("U0002"));
        Assert.Contains("Waiting for", ReminderHost.TextOf(await _host.CommandAsync("plan status")));

        _host.App.Clock.SetUtcNow(ReviewDay.AddDays(14) - TimeSpan.FromMinutes(2));
        await _host.SweepAsync();
        Assert.Empty(_host.DirectMessagesTo("U0004"));

        _host.App.Clock.SetUtcNow(ReviewDay.AddDays(14));
        await _host.SweepAsync();
        await _host.SweepAsync();
        _host.App.Clock.Advance(TimeSpan.FromDays(3));
        await _host.SweepAsync();
        var escalation = Assert.Single(_host.DirectMessagesTo("U0004"));
        Assert.Contains("The yearly review of the incident-response plan, sent to Bob 14 days ago, is not recorded yet", ReminderHost.TextOf(escalation));
        Assert.Single(_host.DirectMessagesTo("U0002"));

        await _host.PressAsync(escalation, "Record the review", "U0004", triggerId: "12345.98767.abcd");
        var view = Assert.Single(_slack.CallsTo("views.open")).Body["view"]!.AsObject();
        var inputs = view["blocks"]!.AsArray().Select(b => b!.AsObject()).Where(b => b["type"]!.GetValue<string>() == "input").ToList();
        var accepted = await SubmitAsync(view, inputs, "update", null, "2027-06-01", user: "U0004");
        Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);
        var status = ReminderHost.TextOf(await _host.CommandAsync("plan status"));
        Assert.Contains("the plan needs updating", status);
        Assert.Contains("2027-06-01", status);
    }

    private Task<HttpResponseMessage> SubmitAsync(JsonObject view, List<JsonObject> inputs, string decision, string? notes, string next, string user = "U0002")
    {
        var values = new JsonObject();
        foreach (var block in inputs)
        {
            var id = block["block_id"]!.GetValue<string>();
            var element = block["element"]!.AsObject();
            var state = new JsonObject { ["type"] = element["type"]!.DeepClone() };
            switch (id)
            {
                case PlanReviewVerbs.DecisionInput:
                    state["selected_option"] = element["options"]!.AsArray().First(o => o!["value"]!.GetValue<string>() == decision)!.DeepClone();
                    break;
                case PlanReviewVerbs.NotesInput:
                    state["value"] = notes;
                    break;
                default:
                    state["selected_date"] = next;
                    break;
            }

            values[id] = new JsonObject { [element["action_id"]!.GetValue<string>()] = state };
        }

        var payload = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = "T0001" },
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user == "U0002" ? "bob" : "dana", ["team_id"] = "T0001" },
            ["view"] = new JsonObject
            {
                ["id"] = "V0001",
                ["type"] = "modal",
                ["callback_id"] = view["callback_id"]!.DeepClone(),
                ["private_metadata"] = view["private_metadata"]!.DeepClone(),
                ["state"] = new JsonObject { ["values"] = values },
            },
        };
        return _host.InteractAsync(payload);
    }
}
