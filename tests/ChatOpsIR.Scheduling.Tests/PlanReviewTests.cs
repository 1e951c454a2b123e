using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>
/// The yearly review of the incident-response plan (SEF-01), in the web war room, over a seeded year: three real
/// incidents (sev1, sev2, sev2) and one exercise, their marked moments, action items and post-mortem findings.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class PlanReviewTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private FakeSlackApi _slack = null!;
    private ReminderHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await ReminderHost.StartSlackAsync();
        _host = new ReminderHost(_database, _slack, new DateTimeOffset(2026, 1, 10, 10, 0, 0, TimeSpan.Zero), new Dictionary<string, string?>
        {
            ["PlanReview:Scope"] = "web",
            ["PlanReview:OwnerId"] = "carol",
            ["PlanReview:OwnerName"] = "Carol",
            ["PlanReview:Month"] = "12",
            ["PlanReview:Day"] = "1",
            ["PlanReview:EscalateAfterDays"] = "14",
            ["PlanReview:EscalateToId"] = "dave",
            ["PlanReview:EscalateToName"] = "Dave",
        });
        await SeedYearAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _database.Dispose();
    }

    private void At(int month, int day, int hour, int minute = 0) =>
        _host.App.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.Zero));

    private async Task SeedYearAsync()
    {
        var alice1 = new WebChatClient(_host.Http, "inc-1", "Alice");
        At(2, 3, 10);
        await alice1.SendAsync("declare Ransomware on FS01 sev1");
        await alice1.SendAsync("mark first-activity at 2026-02-01T08:00Z");
        await alice1.SendAsync("mark detected at 2026-02-01T10:00Z");
        await alice1.SendAsync("mark contained at 2026-02-01T14:00Z");
        await alice1.SendAsync("mark recovered at 2026-02-02T10:00Z");
        await alice1.SendAsync("action @Bob 2026-03-01 Segment the file-server network");
        await alice1.SendAsync("resolve");
        At(2, 20, 10);
        await alice1.SendAsync("action done A1");

        var alice2 = new WebChatClient(_host.Http, "inc-2", "Alice");
        At(5, 2, 10);
        await alice2.SendAsync("declare Credential stuffing sev2");
        await alice2.SendAsync("mark first-activity at 2026-05-01T09:00Z");
        await alice2.SendAsync("mark detected at 2026-05-01T10:00Z");
        await alice2.SendAsync("mark contained at 2026-05-01T12:00Z");
        await alice2.SendAsync("mark recovered at 2026-05-01T16:00Z");
        await alice2.SendAsync("action @Bob 2026-06-01 Rotate the service credentials");
        await alice2.SendAsync("resolve");

        var alice3 = new WebChatClient(_host.Http, "inc-3", "Alice");
        At(8, 4, 10);
        await alice3.SendAsync("declare VPN appliance exploited sev2");
        await alice3.SendAsync("mark first-activity at 2026-07-31T10:00Z");
        await alice3.SendAsync("mark detected at 2026-08-01T10:00Z");
        await alice3.SendAsync("mark contained at 2026-08-01T16:00Z");
        await alice3.SendAsync("mark recovered at 2026-08-03T10:00Z");
        await alice3.SendAsync("action @Bob 2027-01-31 Replace the VPN appliance");
        await alice3.SendAsync("resolve");

        var alice4 = new WebChatClient(_host.Http, "drill", "Alice");
        At(9, 1, 10);
        await alice4.SendAsync("declare Tabletop phishing drill sev3 exercise");
        await alice4.SendAsync("mark first-activity at 2026-09-01T08:00Z");
        await alice4.SendAsync("mark detected at 2026-09-01T09:00Z");
        await alice4.SendAsync("resolve");

        await using var scope = _host.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        var alice = new ChatUser("alice", "Alice");
        var now = _host.App.Clock.GetUtcNow().UtcDateTime;
        foreach (var (number, principles, lesson) in new (int, string[][], string?)[]
        {
            (1, [["minimization", "compartmentation"]], "A flat network let the encryption spread to every share"),
            (2, [["minimization"]], null),
            (3, [["minimization"], ["rigor"]], "Appliance patches need a named owner"),
            (4, [["opportunity"], ["opportunity"], ["opportunity"], ["opportunity"]], "Exercises count apart"),
        })
        {
            var incident = (await store.FindIncidentAsync(TenantScope.Web, number, CancellationToken.None))!;
            var postMortem = PostMortem.Start(incident, alice, now);
            foreach (var cause in principles)
            {
                postMortem.AddFinding(FindingKind.RootCause, "A cause", cause, "tooling", null, alice, now);
            }

            if (lesson is not null)
            {
                postMortem.AddFinding(FindingKind.Lesson, lesson, [], null, null, alice, now);
            }

            store.Add(postMortem);
        }

        await store.SaveChangesAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Plan_review_now_shows_the_years_figures_and_records_the_decision()
    {
        At(12, 1, 8);
        var alice = new WebChatClient(_host.Http, "plan", "Alice");
        Assert.Contains("No plan review has been recorded yet", (await alice.SendAsync("plan status")).Text);

        var started = await alice.SendAsync("plan review now");
        var card = started.CardText;
        Assert.Contains("Incidents: 3", card);
        Assert.Contains("Exercises: 1", card);
        Assert.Contains("SEV1 (critical): 1", card);
        Assert.Contains("SEV2 (high): 2", card);
        Assert.Contains("Median time to detect: 2h", card);
        Assert.Contains("Median time to contain: 4h", card);
        Assert.Contains("Median time to recover: 1d", card);
        Assert.Contains("Action items closed: 1", card);
        Assert.Contains("Action items overdue: 1", card);
        Assert.Contains("Action items open, not yet due: 1", card);
        Assert.Contains("First principles that failed most: Opportunity (4), Minimization (3), Compartmentation (1)", card);
        Assert.Contains("A flat network let the encryption spread to every share", card);
        Assert.Contains("Appliance patches need a named owner", card);

        var record = started.Card!["actions"]!.AsArray().First(a => a!["title"]!.GetValue<string>() == "Record the review")!;
        var data = new Dictionary<string, string>
        {
            [PlanReviewVerbs.ReviewKey] = record["data"]![PlanReviewVerbs.ReviewKey]!.GetValue<string>(),
            [PlanReviewVerbs.DecisionInput] = "update",
            [PlanReviewVerbs.NotesInput] = "Add a VPN appliance runbook",
            [PlanReviewVerbs.NextInput] = "2027-11-30",
        };
        var carol = new WebChatClient(_host.Http, "plan", "Carol");
        Assert.True((await carol.PressAsync(PlanReviewVerbs.Record, data)).IsError);
        var recorded = await alice.PressAsync(PlanReviewVerbs.Record, data);
        Assert.Contains("Plan review recorded by Alice: the plan needs updating. Next review by 2027-11-30.", recorded.Text);

        var status = (await alice.SendAsync("plan status")).CardText;
        Assert.Contains("Last review: ", status);
        Assert.Contains("by Alice", status);
        Assert.Contains("Decision: the plan needs updating", status);
        Assert.Contains("Notes: Add a VPN appliance runbook", status);
        Assert.Contains("Yearly review: 2026-12-01, sent to Carol", status);
        Assert.Contains("Next review due: 2026-12-01", status);
    }

    [Fact]
    public async Task The_yearly_review_reaches_the_plan_owner_on_its_day_once_and_is_escalated_when_unanswered()
    {
        var carol = new WebChatClient(_host.Http, "plan-review", "Carol");
        var dave = new WebChatClient(_host.Http, "plan-review", "Dave");
        async Task<int> ReviewCardsAsync(WebChatClient who, string text) =>
            (await who.MessagesAsync()).Count(m => m!["fromBot"]!.GetValue<bool>() && m["text"]!.GetValue<string>().StartsWith(text, StringComparison.Ordinal));

        At(12, 1, 8, 59);
        await _host.SweepAsync();
        Assert.Equal(0, await ReviewCardsAsync(carol, "The yearly review of the incident-response plan is due"));

        At(12, 1, 9, 1);
        await _host.SweepAsync();
        await _host.SweepAsync();
        Assert.Equal(1, await ReviewCardsAsync(carol, "The yearly review of the incident-response plan is due: 3 incidents and 1 exercises"));
        Assert.Equal(0, await ReviewCardsAsync(dave, "The yearly review"));
        Assert.Contains("Waiting for: Carol", (await carol.SendAsync("plan status")).CardText);

        At(12, 15, 9, 0);
        await _host.SweepAsync();
        Assert.Equal(0, await ReviewCardsAsync(dave, "The yearly review"));

        At(12, 15, 9, 2);
        await _host.SweepAsync();
        await _host.SweepAsync();
        Assert.Equal(1, await ReviewCardsAsync(dave, "The yearly review of the incident-response plan, sent to Carol 14 days ago, is not recorded yet"));
        Assert.Equal(1, await ReviewCardsAsync(carol, "The yearly review"));

        var card = (await carol.MessagesAsync()).Last(m => m!["fromBot"]!.GetValue<bool>() && m["text"]!.GetValue<string>().StartsWith("The yearly review", StringComparison.Ordinal))!["card"]!;
        var review = card.ToJsonString();
        var id = System.Text.RegularExpressions.Regex.Match(review, "\"review\":\"([0-9a-f]{32})\"").Groups[1].Value;
        var recorded = await carol.PressAsync(PlanReviewVerbs.Record, new Dictionary<string, string>
        {
            [PlanReviewVerbs.ReviewKey] = id,
            [PlanReviewVerbs.DecisionInput] = "confirmed",
            [PlanReviewVerbs.NextInput] = "2027-12-01",
        });
        Assert.Contains("Plan review recorded by Carol: the plan still fits", recorded.Text);

        At(12, 20, 10);
        await _host.SweepAsync();
        Assert.Equal(1, await ReviewCardsAsync(dave, "The yearly review"));
        Assert.Contains("Next review due: 2027-12-01", (await carol.SendAsync("plan status")).CardText);
    }

    [Fact]
    public async Task A_review_started_on_demand_is_escalated_once_when_unrecorded_and_not_when_the_plan_was_reviewed_since()
    {
        var dave = new WebChatClient(_host.Http, "plan-review", "Dave");
        async Task<int> EscalationsAsync() =>
            (await dave.MessagesAsync()).Count(m => m!["fromBot"]!.GetValue<bool>() && m["text"]!.GetValue<string>().StartsWith("The review of the incident-response plan that Alice started", StringComparison.Ordinal));

        At(10, 1, 10);
        var alice = new WebChatClient(_host.Http, "plan", "Alice");
        await alice.SendAsync("plan review now");

        At(10, 15, 9, 59);
        await _host.SweepAsync();
        Assert.Equal(0, await EscalationsAsync());

        At(10, 15, 10, 1);
        await _host.SweepAsync();
        await _host.SweepAsync();
        Assert.Equal(1, await EscalationsAsync());
        Assert.Contains("The review of the incident-response plan that Alice started 14 days ago is not recorded yet", (await dave.MessagesAsync()).Last(m => m!["fromBot"]!.GetValue<bool>())!["text"]!.GetValue<string>());

        At(10, 20, 10);
        await _host.SweepAsync();
        Assert.Equal(1, await EscalationsAsync());

        // Another on-demand review, left unrecorded, but the plan is reviewed (on a third card) before its escalation is due.
        At(10, 21, 10);
        await alice.SendAsync("plan review now");
        var third = await alice.SendAsync("plan review now");
        var record = third.Card!["actions"]!.AsArray().First(a => a!["title"]!.GetValue<string>() == "Record the review")!;
        var recorded = await alice.PressAsync(PlanReviewVerbs.Record, new Dictionary<string, string>
        {
            [PlanReviewVerbs.ReviewKey] = record["data"]![PlanReviewVerbs.ReviewKey]!.GetValue<string>(),
            [PlanReviewVerbs.DecisionInput] = "confirmed",
            [PlanReviewVerbs.NextInput] = "2027-10-01",
        });
        Assert.Contains("Plan review recorded by Alice", recorded.Text);

        At(11, 5, 10, 1);
        await _host.SweepAsync();
        Assert.Equal(1, await EscalationsAsync());
    }
}
