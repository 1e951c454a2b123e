using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>
/// The guided post-mortem run from Slack only: slash commands, buttons that open modals, modal submissions, answers
/// posted back to the channel; the host stopped half way and started again on the same database; the report published
/// with a signed link. Every call the bot makes is asserted at the loopback fake Slack.
/// </summary>
public class SlackPostMortemTests
{
    private const string Alice = "U0001";
    private const string Bob = "U0002";
    private const string Carol = "U0003";
    private const string ReportBase = "https://chatopsir.example.com";

    /// <summary>The ts of the message every test press is made on.</summary>
    private const string CardTs = "1732530000.000100";

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_whole_post_mortem_runs_from_slack_survives_a_restart_and_publishes_a_linked_report(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var sent = new List<JsonObject>();
        var modals = new List<JsonObject>();

        await using (var app = await SlackApp.StartAsync(database, SlackApp.FixtureTime, WithReportLinks))
        {
            var room = new Room(app);
            await app.CommandAsync("declare Laptop stolen with customer export sev2");
            await app.CommandAsync("mark first-activity at 07:00");
            await app.CommandAsync("mark detected at 08:00");
            await app.CommandAsync("note Police report filed at 08:30", user: Bob);
            app.App.Clock.Advance(TimeSpan.FromHours(3));
            await app.CommandAsync("note Remote wipe confirmed", user: Bob);
            await app.CommandAsync("mark contained");
            Assert.Contains("Resolved by alice", SlackApp.Text(await app.CommandAsync("resolve")));

            // 1. `/ir postmortem` posts section 1 to the channel as Block Kit.
            var started = await app.CommandAsync("postmortem", user: Bob);
            sent.Add(started);
            Assert.Equal("in_channel", started["response_type"]!.GetValue<string>());
            Assert.Equal("Post-mortem 1 of 9: Scope and sources", Header(started));
            Shows(started, "bob started the post-mortem of INC-0001");
            Assert.Empty(app.Slack.CallsTo("views.open"));

            // 2. Its button opens the section's questions as a modal, one input block per field id.
            var scopeForm = await room.OpenFormAsync(Button(started, "pm.answer"), Bob);
            Assert.Equal("pm.answer", scopeForm["callback_id"]!.GetValue<string>());
            Assert.Equal(["pm.scope.systems", "pm.scope.kinds", "pm.scope.sources", "pm.scope.missing"], InputIds(scopeForm));

            // 3. A required answer left blank keeps the modal open with the error under that field; nothing is saved.
            var blank = await room.SubmitAsync(scopeForm, Bob, new()
            {
                ["pm.scope.systems"] = "Laptop LT-042",
                ["pm.scope.sources"] = "   ",
                ["pm.scope.missing"] = "none",
            });
            var errors = (await blank.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("errors", errors["response_action"]!.GetValue<string>());
            Assert.Equal(["pm.scope.sources"], errors["errors"]!.AsObject().Select(e => e.Key));
            Assert.Contains("Which logs and data sources did you use?", errors["errors"]!["pm.scope.sources"]!.GetValue<string>());
            await Task.Delay(200);
            Assert.Empty(app.Slack.CallsTo("chat.postMessage"));
            var nothingSaved = await app.CommandAsync("postmortem status", user: Bob);
            sent.Add(nothingSaved);
            Shows(nothingSaved, "0 of 9 sections done");

            // A valid submission closes the modal and the next section's card is posted to the channel.
            var timeline = await room.SubmitAndPostAsync(scopeForm, Bob, new()
            {
                ["pm.scope.systems"] = "Laptop LT-042, the CRM export folder",
                ["pm.scope.kinds"] = "endpoints,saas",
                ["pm.scope.sources"] = "MDM inventory, CRM audit log",
                ["pm.scope.missing"] = "Disk encryption status was not reported centrally",
            });
            Assert.Equal("Post-mortem 2 of 9: Timeline review", Header(timeline));
            Shows(timeline, "Scope and sources saved by bob");
            Shows(timeline, "*Time to detect*\n1h");
            Shows(timeline, "2 gaps of more than an hour");

            var timelineForm = await room.OpenFormAsync(Button(timeline, "pm.answer"), Alice);
            var causes = await room.SubmitAndPostAsync(timelineForm, Alice, new() { ["pm.timeline.gaps"] = "Waiting for the MDM vendor to confirm the wipe" });
            Assert.Equal("Post-mortem 3 of 9: Root causes", Header(causes));

            // 4. Root causes: the first one is not enough; a blaming one is flagged and reworded through its own modal.
            var causeForm = await room.OpenFormAsync(Button(causes, "pm.answer", "continue"), Bob);
            Assert.Equal(["pm.cause.text", "pm.cause.principles", "pm.cause.enabler"], InputIds(causeForm));
            var firstCause = await room.SubmitAndPostAsync(causeForm, Bob, new()
            {
                ["pm.cause.text"] = "Customer exports could be saved to local disks without encryption checks",
                ["pm.cause.principles"] = "minimization,compartmentation",
                ["pm.cause.enabler"] = "tooling",
            });
            Assert.Equal("Post-mortem 3 of 9: Root causes", Header(firstCause));
            Shows(firstCause, "Cause 1 saved by bob");
            Shows(firstCause, "Incidents rarely have a single cause");

            var secondForm = await room.OpenFormAsync(Button(firstCause, "pm.answer", "add another"), Alice);
            Shows(secondForm, "What else enabled this?");
            var blaming = await room.SubmitAndPostAsync(secondForm, Alice, new()
            {
                ["pm.cause.text"] = "It was Bob's fault for leaving the laptop in the car",
                ["pm.cause.principles"] = "rigor",
                ["pm.cause.enabler"] = "process",
            });
            Shows(blaming, "can read as blaming a person");

            var rewordForm = await room.OpenFormAsync(Button(blaming, "pm.reword"), Alice);
            Assert.Equal(["pm.reworded"], InputIds(rewordForm));
            Shows(rewordForm, "can read as blaming a person");
            var reworded = await room.SubmitAndPostAsync(rewordForm, Alice, new()
            {
                ["pm.reworded"] = "Staff travel with devices holding full customer exports; nothing limits what a laptop carries",
            });
            Shows(reworded, "Cause 2 reworded by alice");
            Assert.DoesNotContain("can read as blaming a person", SlackApp.Text(reworded));

            // Continue asks nothing more (two causes), so it answers through the button's response_url, to the channel.
            var impact = await room.PressAndRespondAsync(Button(reworded, "pm.next"), Alice);
            Assert.Equal("in_channel", impact["response_type"]!.GetValue<string>());
            Assert.Equal("Post-mortem 4 of 9: Impact", Header(impact));

            var impactForm = await room.OpenFormAsync(Button(impact, "pm.answer"), Alice);
            var response = await room.SubmitAndPostAsync(impactForm, Alice, new()
            {
                ["pm.impact.confidentiality"] = "high",
                ["pm.impact.integrity"] = "none",
                ["pm.impact.availability"] = "low",
                ["pm.impact.data"] = "personal",
                ["pm.impact.people"] = "1200",
                ["pm.impact.cost"] = "15000",
                ["pm.impact.hours"] = "40",
            });
            Shows(response, "GDPR Art. 33");
            Assert.Equal("Post-mortem 5 of 9: Response evaluation", Header(response));

            sent.AddRange(room.Messages());
            modals.AddRange(app.Slack.CallsTo("views.open").Select(c => c.Body["view"]!.AsObject()));
        }

        // 6. The host stops half way; a new one on the same database carries on where the flow stopped.
        await using (var app = await SlackApp.StartAsync(database, SlackApp.FixtureTime.AddHours(5), WithReportLinks))
        {
            var room = new Room(app);
            AnswerUsersInfo(app);
            var resumed = await app.CommandAsync("postmortem", user: Bob);
            sent.Add(resumed);
            Assert.Equal("in_channel", resumed["response_type"]!.GetValue<string>());
            Assert.Equal("Post-mortem 5 of 9: Response evaluation", Header(resumed));
            Shows(resumed, "Resuming the post-mortem of INC-0001 at section 5 of 9");

            var status = await app.CommandAsync("postmortem status", user: Bob);
            sent.Add(status);
            Assert.Equal("ephemeral", status["response_type"]!.GetValue<string>());
            Shows(status, "4 of 9 sections done");
            Shows(status, "Scope and sources");
            Shows(status, "Answered by bob");
            Shows(status, "GDPR Art. 33: notify the supervisory authority by 2024-11-28 08:00");
            Shows(status, "Times in UTC.");

            // 5. Only the commander skips, and only with a reason asked for in a modal.
            var refused = await room.PressAndRespondAsync(Button(resumed, "pm.skip"), Bob);
            Assert.Equal("ephemeral", refused["response_type"]!.GetValue<string>());
            Shows(refused, "Only the incident commander (alice)");
            Assert.Empty(app.Slack.CallsTo("views.open"));

            var reasonForm = await room.OpenFormAsync(Button(resumed, "pm.skip"), Alice);
            Assert.Equal(["pm.reason"], InputIds(reasonForm));
            Shows(reasonForm, "Why skip Response evaluation?");
            var lessons = await room.SubmitAndPostAsync(reasonForm, Alice, new() { ["pm.reason"] = "Covered by the quarterly controls review on 2024-12-02" });
            Shows(lessons, "alice skipped Response evaluation: Covered by the quarterly controls review on 2024-12-02");
            Assert.Equal("Post-mortem 6 of 9: Lessons learned", Header(lessons));
            Shows(await app.CommandAsync("postmortem status", user: Bob), "Skipped by alice");

            // 8. Slack markup typed into an answer is shown as text: no broadcast, no disguised link.
            var lessonForm = await room.OpenFormAsync(Button(lessons, "pm.answer", "add another"), Bob);
            var lesson = await room.SubmitAndPostAsync(lessonForm, Bob, new()
            {
                ["pm.lesson.text"] = "Central reporting of disk encryption would have answered the first question in minutes <!channel> <https://evil.example|x>",
            });
            Shows(lesson, "would have answered the first question in minutes &lt;!channel&gt; &lt;https://evil.example|x&gt;");
            var actions = await room.PressAndRespondAsync(Button(lesson, "pm.next"), Bob);
            Assert.Equal("Post-mortem 7 of 9: Action items", Header(actions));

            // An owner picked in a users_select; a due date in the past is refused under its field.
            var actionForm = await room.OpenFormAsync(Button(actions, "pm.answer", "continue"), Bob);
            Assert.Equal(["pm.action.title", "pm.action.owner", "pm.action.due", "pm.action.kind", "pm.action.reach"], InputIds(actionForm));
            Assert.Equal("users_select", Element(actionForm, "pm.action.owner")["type"]!.GetValue<string>());
            Assert.Equal("datepicker", Element(actionForm, "pm.action.due")["type"]!.GetValue<string>());
            var answers = new Dictionary<string, string>
            {
                ["pm.action.title"] = "Block CRM exports to unmanaged storage",
                ["pm.action.owner"] = Carol,
                ["pm.action.due"] = "2024-01-01",
                ["pm.action.kind"] = "configuration",
                ["pm.action.reach"] = "class",
            };
            var pastDue = (await (await room.SubmitAsync(actionForm, Bob, answers)).Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("errors", pastDue["response_action"]!.GetValue<string>());
            Assert.Contains("That date has passed", pastDue["errors"]!["pm.action.due"]!.GetValue<string>());
            answers["pm.action.due"] = "2024-12-15";
            var training = await room.SubmitAndPostAsync(actionForm, Bob, answers);
            Shows(training, "Action item A1 saved for carol, due 2024-12-15");
            Assert.Equal("Post-mortem 8 of 9: Training and awareness", Header(training));

            var trainingForm = await room.OpenFormAsync(Button(training, "pm.answer"), Bob);
            var summary = await room.SubmitAndPostAsync(trainingForm, Bob, new()
            {
                ["pm.training.what"] = "Travelling with customer data",
                ["pm.training.who"] = "Sales and account managers",
            });
            Assert.Equal("Post-mortem 9 of 9: Summary and publish", Header(summary));

            var summaryForm = await room.OpenFormAsync(Button(summary, "pm.answer"), Alice);
            var ready = await room.SubmitAndPostAsync(summaryForm, Alice, new()
            {
                ["pm.summary.asks"] = "Fund central encryption reporting <!here>; block exports to unmanaged storage",
                ["pm.summary.risk"] = "Another lost laptop could mean another GDPR notification",
                ["pm.summary.costtime"] = "About 5 person-days and no licence cost",
            });
            Shows(ready, "Quality check: ready to publish");

            // 7. Publishing is the commander's; the decision-maker summary goes to the channel with a signed report link.
            var notAllowed = await room.PressAndRespondAsync(Button(ready, "pm.publish"), Bob);
            Assert.Equal("ephemeral", notAllowed["response_type"]!.GetValue<string>());
            Shows(notAllowed, "Only the incident commander (alice), a deputy or an incident manager can publish the post-mortem of INC-");

            var published = await room.PressAndRespondAsync(Button(ready, "pm.publish"), Alice);
            Assert.Equal("in_channel", published["response_type"]!.GetValue<string>());
            Assert.Equal("Post-mortem published · INC-0001 version 1", Header(published));
            Shows(published, "Fund central encryption reporting &lt;!here&gt;; block exports to unmanaged storage");
            Shows(published, "Another lost laptop could mean another GDPR notification");
            Shows(published, "About 5 person-days and no licence cost");

            var link = Buttons(published).Single(b => b["text"]!["text"]!.GetValue<string>() == "Open full report")["url"]!.GetValue<string>();
            Assert.StartsWith(ReportBase + "/incidents/", link, StringComparison.Ordinal);
            var url = new Uri(link);
            var page = await app.Http.GetAsync(url.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
            Assert.Contains("INC-0001", await page.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync(Tampered(url))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync(url.AbsolutePath)).StatusCode);

            // The link works for Reports:LinkLifetimeDays (90) on the host's clock, and not a day longer.
            app.App.Clock.Advance(TimeSpan.FromDays(89));
            Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync(url.PathAndQuery)).StatusCode);
            app.App.Clock.Advance(TimeSpan.FromDays(1.01));
            Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync(url.PathAndQuery)).StatusCode);

            sent.AddRange(room.Messages());
            modals.AddRange(app.Slack.CallsTo("views.open").Select(c => c.Body["view"]!.AsObject()));
        }

        Assert.True(sent.Count >= 15, $"Only {sent.Count} messages were checked.");
        foreach (var message in sent)
        {
            FitsAMessage(message);
            Assert.DoesNotMatch("<!(channel|here|everyone)", SlackApp.Text(message));
            Assert.DoesNotContain("<https://evil", SlackApp.Text(message), StringComparison.Ordinal);
        }

        Assert.True(modals.Count >= 11, $"Only {modals.Count} modals were checked.");
        foreach (var modal in modals)
        {
            FitsAModal(modal);
        }
    }

    [Fact]
    public async Task Postmortem_posts_its_section_card_to_the_channel_instead_of_opening_it_as_a_modal()
    {
        // The section card has questions, but it is for everyone in the channel: it must not become a private modal.
        await using var app = await SlackApp.StartAsync();
        await app.CommandAsync("declare Phishing wave sev3");
        await app.CommandAsync("resolve");
        var response = await app.SendCommandAsync(SlackApp.Command("postmortem"));
        var card = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("in_channel", card["response_type"]!.GetValue<string>());
        Assert.Equal("Post-mortem 1 of 9: Scope and sources", Header(card));
        Shows(card, "Which systems were involved?");
        Assert.Equal(["Save and continue", "Skip section"], Buttons(card).Select(b => b["text"]!["text"]!.GetValue<string>()));
        Assert.Empty(app.Slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task Continuing_with_a_single_root_cause_asks_why_in_a_modal_and_keeps_the_reason()
    {
        await using var app = await SlackApp.StartAsync();
        var room = new Room(app);
        var card = await room.SkipAsync(await room.StartPostMortemAsync("Phishing wave sev3"), 2);

        var form = await room.OpenFormAsync(Button(card, "pm.answer", "continue"), Bob);
        var pushed = await room.SubmitAndPostAsync(form, Bob, new()
        {
            ["pm.cause.text"] = "Mail filtering let lookalike domains through",
            ["pm.cause.principles"] = "rigor",
            ["pm.cause.enabler"] = "tooling",
        });
        Shows(pushed, "Incidents rarely have a single cause");

        var why = await room.OpenFormAsync(Button(pushed, "pm.next"), Bob);
        Assert.Equal("pm.next", why["callback_id"]!.GetValue<string>());
        Assert.Equal(["pm.reason"], InputIds(why));
        Shows(why, "Only one root cause?");
        var blank = (await (await room.SubmitAsync(why, Bob, new() { ["pm.reason"] = " " })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("only one root cause", blank["errors"]!["pm.reason"]!.GetValue<string>());

        var impact = await room.SubmitAndPostAsync(why, Bob, new() { ["pm.reason"] = "The lookalike domain was the whole attack" });
        Assert.Equal("Post-mortem 4 of 9: Impact", Header(impact));
        Shows(impact, "Root causes done.");
    }

    [Fact]
    public async Task A_resumed_section_too_long_for_one_slack_message_reaches_the_channel_whole()
    {
        await using var app = await SlackApp.StartAsync();
        var room = new Room(app);
        var card = await room.SkipAsync(await room.StartPostMortemAsync("Credential stuffing sev2"), 2);

        // Enough causes that the root-cause card needs more than Slack's 50 blocks.
        var form = await room.OpenFormAsync(Button(card, "pm.answer", "add another"), Alice);
        for (var i = 1; i <= 25; i++)
        {
            var saved = await room.SubmitAsync(form, Alice, new()
            {
                ["pm.cause.text"] = $"Condition number {i} that let the attack work",
                ["pm.cause.principles"] = "rigor",
                ["pm.cause.enabler"] = "process",
            });
            Assert.Equal(string.Empty, await saved.Content.ReadAsStringAsync());
        }

        var response = await app.SendCommandAsync(SlackApp.Command("postmortem", responseUrl: app.Slack.ResponseUrl("commands/resume")));
        var first = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("in_channel", first["response_type"]!.GetValue<string>());
        Assert.Equal("Post-mortem 3 of 9: Root causes", Header(first));
        FitsAMessage(first);

        // The rest of the card, with its buttons, follows through the command's response_url, also to the channel.
        var rest = await app.Slack.WaitForAsync("hooks", c => c.Path.EndsWith("/hooks/commands/resume", StringComparison.Ordinal));
        Assert.EndsWith("/hooks/commands/resume", rest[^1].Path, StringComparison.Ordinal);
        var last = rest[^1].Body;
        Assert.Equal("in_channel", last["response_type"]!.GetValue<string>());
        Assert.Equal("Post-mortem 3 of 9: Root causes (continued)", Header(last));
        FitsAMessage(last);
        Shows(last, "Condition number 25 that let the attack work");
        Button(last, "pm.answer", "add another");
        Button(last, "pm.next");
    }

    [Fact]
    public async Task Publishing_with_open_quality_points_asks_the_commander_why_in_a_modal()
    {
        await using var app = await SlackApp.StartAsync(configure: WithReportLinks);
        var room = new Room(app);
        var card = await room.StartPostMortemAsync("Lost badge sev4");
        while (Header(card) != "Post-mortem 9 of 9: Summary and publish")
        {
            if (Header(card) == "Post-mortem 6 of 9: Lessons learned")
            {
                // A lesson whose blame hint nobody settles: the quality check's open point.
                var lesson = await room.OpenFormAsync(Button(card, "pm.answer", "add another"), Bob);
                var flagged = await room.SubmitAndPostAsync(lesson, Bob, new() { ["pm.lesson.text"] = "Alice was careless with her badge" });
                Shows(flagged, "can read as blaming a person");
                card = await room.PressAndRespondAsync(Button(flagged, "pm.next"), Bob);
                continue;
            }

            var skip = await room.OpenFormAsync(Button(card, "pm.skip"), Alice);
            card = await room.SubmitAndPostAsync(skip, Alice, new() { ["pm.reason"] = "A badge was disabled within minutes" });
        }

        var summaryForm = await room.OpenFormAsync(Button(card, "pm.answer"), Alice);
        var summary = await room.SubmitAndPostAsync(summaryForm, Alice, new()
        {
            ["pm.summary.asks"] = "None",
            ["pm.summary.risk"] = "Low",
            ["pm.summary.costtime"] = "Nothing",
        });
        Shows(summary, "Quality check: open points");

        var check = await room.OpenFormAsync(Button(summary, "pm.publish"), Alice);
        Assert.Equal("pm.publish", check["callback_id"]!.GetValue<string>());
        Assert.Equal(["pm.reason"], InputIds(check));
        Shows(check, "Not ready to publish");
        var published = await room.SubmitAndPostAsync(check, Alice, new() { ["pm.reason"] = "Nothing more to learn from a lost badge" });
        Assert.Equal("Post-mortem published · INC-0001 version 1", Header(published));
        Shows(published, "Published with open quality points. Reason: Nothing more to learn from a lost badge");
        Assert.StartsWith(ReportBase, Buttons(published).Single(b => b["url"] is not null)["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_declare_still_opens_its_form_as_a_modal()
    {
        await using var app = await SlackApp.StartAsync();
        var response = await app.SendCommandAsync(SlackApp.Command("declare"));
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Equal("declare.submit", app.Slack.CallsTo("views.open").Single().Body["view"]!["callback_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_owner_picked_in_slack_is_named_by_their_slack_name_and_without_a_name_by_the_id()
    {
        await using var app = await SlackApp.StartAsync();
        AnswerUsersInfo(app);
        var room = new Room(app);

        // Straight to the action items: the commander skips the first six sections.
        var actions = await room.SkipAsync(await room.StartPostMortemAsync("Leaked deploy key sev2"), 6);

        Assert.Equal("Post-mortem 7 of 9: Action items", Header(actions));
        var form = await room.OpenFormAsync(Button(actions, "pm.answer", "add another"), Alice);
        var answers = new Dictionary<string, string>
        {
            ["pm.action.title"] = "Rotate every deploy key",
            ["pm.action.owner"] = Carol,
            ["pm.action.due"] = "2024-12-01",
            ["pm.action.kind"] = "configuration",
            ["pm.action.reach"] = "instance",
        };
        var saved = await room.SubmitAndPostAsync(form, Alice, answers);
        Shows(saved, "Action item A1 saved for carol, due 2024-12-01");

        answers["pm.action.owner"] = "U0404";
        answers["pm.action.title"] = "Document the key inventory";
        var unknown = await room.SubmitAndPostAsync(form, Alice, answers);
        Shows(unknown, "Action item A2 saved for U0404, due 2024-12-01");

        var list = SlackApp.Text(await app.CommandAsync("actions"));
        Assert.Contains("carol", list);
        Assert.DoesNotContain("<@U0003>", list);
    }

    private static readonly Dictionary<string, string> ScopeAnswers = new()
    {
        ["pm.scope.systems"] = "Mail gateway",
        ["pm.scope.kinds"] = "saas",
        ["pm.scope.sources"] = "Gateway logs",
        ["pm.scope.missing"] = "none",
    };

    [Fact]
    public async Task An_answered_section_card_turns_into_a_receipt_for_everyone_and_a_refused_answer_leaves_it_alone()
    {
        await using var app = await SlackApp.StartAsync();
        var room = new Room(app);
        var card = await room.StartPostMortemAsync("Phishing wave sev3");

        // Refused: Bob is not the commander, so he cannot skip; a required answer left blank keeps the modal open.
        Shows(await room.PressAndRespondAsync(Button(card, "pm.skip"), Bob, card), "Only the incident commander (alice)");
        var form = await room.OpenFormAsync(Button(card, "pm.answer"), Bob);
        var pressedAt = room.LastPressHook;
        var blank = (await (await room.SubmitAsync(form, Bob, new() { ["pm.scope.systems"] = "Mail gateway" })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("errors", blank["response_action"]!.GetValue<string>());
        await Task.Delay(300);
        Assert.Empty(room.Replacements());
        Assert.Empty(app.Slack.CallsTo("chat.update"));

        // Answered twelve minutes later: the card Bob pressed becomes a receipt, and the next section is posted below it.
        app.App.Clock.Advance(TimeSpan.FromMinutes(12));
        var next = await room.SubmitAndPostAsync(form, Bob, ScopeAnswers);
        Assert.Equal("Post-mortem 2 of 9: Timeline review", Header(next));
        var replaced = Assert.Single(room.Replacements());
        Assert.Equal(pressedAt, replaced.Path);
        Assert.True(replaced.Body["replace_original"]!.GetValue<bool>());
        Assert.Null(replaced.Body["response_type"]);
        Assert.Equal("Scope and sources: answered by bob at 2024-11-25 10:42 UTC. The post-mortem continues below.", replaced.Body["text"]!.GetValue<string>());
        var unix = SlackApp.FixtureTime.AddMinutes(12).ToUnixTimeSeconds();
        Shows(replaced.Body, $"*Scope and sources*: answered by bob at <!date^{unix}^{{date_num}} {{time}}|2024-11-25 10:42 UTC>.");
        Assert.Empty(Buttons(replaced.Body));
        FitsAMessage(replaced.Body);
        Assert.Empty(app.Slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task A_button_that_moves_the_post_mortem_on_replaces_its_card_before_the_next_card_follows()
    {
        await using var app = await SlackApp.StartAsync();
        var room = new Room(app);
        var card = await room.SkipAsync(await room.StartPostMortemAsync("Phishing wave sev3"), 2);

        foreach (var cause in new[] { "Mail filtering let lookalike domains through", "Nothing flagged first-time senders" })
        {
            var form = await room.OpenFormAsync(Button(card, "pm.answer", "add another"), Bob);
            card = await room.SubmitAndPostAsync(form, Bob, new() { ["pm.cause.text"] = cause, ["pm.cause.principles"] = "rigor", ["pm.cause.enabler"] = "tooling" });
        }

        Assert.Equal(4, room.Replacements().Count);
        var impact = await room.PressAndRespondAsync(Button(card, "pm.next"), Alice, card);
        Assert.Equal("Post-mortem 4 of 9: Impact", Header(impact));
        Assert.Equal("in_channel", impact["response_type"]!.GetValue<string>());
        Assert.False(impact["replace_original"]!.GetValue<bool>());

        var onThisPress = app.Slack.CallsTo("hooks").Where(c => c.Path == room.LastPressHook).ToList();
        Assert.Equal(2, onThisPress.Count);
        Assert.True(onThisPress[0].Body["replace_original"]!.GetValue<bool>());
        Assert.Equal("Root causes: marked done by alice at 2024-11-25 10:30 UTC. The post-mortem continues below.", onThisPress[0].Body["text"]!.GetValue<string>());
        Assert.Empty(Buttons(onThisPress[0].Body));
    }

    [Fact]
    public async Task The_incident_cards_one_shot_buttons_go_once_used_and_resolving_turns_the_card_into_a_receipt()
    {
        await using var app = await SlackApp.StartAsync();
        var room = new Room(app);
        var card = await app.CommandAsync("declare Ransomware on FS01 sev2");
        Assert.Equal(["Timeline", "Mark contained", "Resolve"], Buttons(card).Select(b => b["text"]!["text"]!.GetValue<string>()));

        // Refused (Bob is not the commander) or private (the timeline): the card stays as it is.
        Shows(await room.PressAndRespondAsync(Button(card, "command.run", "Resolve"), Bob, card), "Only the incident commander (alice), a deputy or an incident manager can resolve INC-");
        Assert.Equal("ephemeral", (await room.PressAndRespondAsync(Button(card, "command.run", "Timeline"), Bob, card))["response_type"]!.GetValue<string>());
        Assert.Empty(room.Replacements());

        // Marking a moment takes a role in the incident: refused to Bob until the commander makes him scribe.
        Shows(await room.PressAndRespondAsync(Button(card, "command.run", "Mark contained"), Bob, card), "Only someone with a role in INC-0001");
        Assert.Empty(room.Replacements());
        await app.CommandAsync("role scribe <@U0002|bob>");

        // Mark contained is done once: the card keeps its facts and other buttons, and says who pressed it.
        var contained = await room.PressAndRespondAsync(Button(card, "command.run", "Mark contained"), Bob, card);
        Assert.Equal("in_channel", contained["response_type"]!.GetValue<string>());
        var kept = Assert.Single(room.Replacements()).Body;
        Assert.Equal("INC-0001 · Ransomware on FS01", Header(kept));
        Assert.Equal(["Timeline", "Resolve"], Buttons(kept).Select(b => b["text"]!["text"]!.GetValue<string>()));
        Shows(kept, $"“Mark contained” pressed by bob at <!date^{SlackApp.FixtureTime.ToUnixTimeSeconds()}^{{date_num}} {{time}}|2024-11-25 10:30 UTC>.");
        FitsAMessage(kept);

        // Resolve posts the resolved card, which supersedes this one.
        var resolved = await room.PressAndRespondAsync(Button(kept, "command.run", "Resolve"), Alice, kept);
        Shows(resolved, "Resolved by alice");
        var receipt = room.Replacements()[^1];
        Assert.Equal(room.LastPressHook, receipt.Path);
        Assert.Equal("INC-0001 · Ransomware on FS01: “Resolve” pressed by alice at 2024-11-25 10:30 UTC. The new card is below.", receipt.Body["text"]!.GetValue<string>());
        Assert.Empty(Buttons(receipt.Body));
    }

    [Fact]
    public async Task A_card_answered_after_its_response_url_expired_is_replaced_with_chat_update_and_an_ephemeral_one_is_left()
    {
        await using var app = await SlackApp.StartAsync();
        var room = new Room(app);
        var card = await room.StartPostMortemAsync("Phishing wave sev3");

        // The modal stays open longer than Slack's 30 minutes for a response_url: the card is changed through the Web API.
        var form = await room.OpenFormAsync(Button(card, "pm.answer"), Bob);
        app.App.Clock.Advance(TimeSpan.FromMinutes(31));
        await room.SubmitAndPostAsync(form, Bob, ScopeAnswers);
        var update = Assert.Single(await app.Slack.WaitForAsync("chat.update"));
        Assert.Equal("C0001", update.Body["channel"]!.GetValue<string>());
        Assert.Equal(CardTs, update.Body["ts"]!.GetValue<string>());
        Assert.Equal($"Bearer {SlackApp.Token}", update.Authorization);
        Assert.StartsWith("Scope and sources: answered by bob at 2024-11-25 11:01 UTC.", update.Body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(update.Body["replace_original"]);
        Assert.Empty(room.Replacements());

        // The private status card's Resume, pressed when Slack refuses its response_url: an ephemeral message cannot be
        // changed through the Web API, so it is left; the section still reaches the channel.
        var status = await app.CommandAsync("postmortem status", user: Bob);
        app.Slack.Script("hooks", () => FakeSlackApi.Status(HttpStatusCode.NotFound));
        var posts = app.Slack.CallsTo("chat.postMessage").Count;
        var response = await room.PressAsync(Button(status, "pm.open"), Bob, "9.1.trigger", app.Slack.ResponseUrl("actions/resume"), status, ephemeral: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await app.Slack.WaitForAsync("chat.postMessage", posts + 1);
        Assert.Equal("Post-mortem 2 of 9: Timeline review", Header(posted[^1].Body));
        Assert.Single(app.Slack.CallsTo("hooks"), c => c.Path.EndsWith("/actions/resume", StringComparison.Ordinal));
        Assert.Single(app.Slack.CallsTo("chat.update"));
    }

    private static void WithReportLinks(ChatOpsAppFactory app)
    {
        app.Settings["Reports:PublicBaseUrl"] = ReportBase;
    }

    /// <summary>users.info knows carol (U0003) and nobody else.</summary>
    private static void AnswerUsersInfo(SlackApp app) => app.Slack.Answer("users.info", body => body["user"]?.GetValue<string>() == Carol
        ? new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = Carol, ["name"] = "carol.w", ["profile"] = new JsonObject { ["display_name"] = "carol" } } }
        : new JsonObject { ["ok"] = false, ["error"] = "user_not_found" });

    /// <summary>One Slack channel, C0001, seen from the people pressing buttons and submitting modals in it.</summary>
    private sealed class Room(SlackApp app)
    {
        private int _presses;
        private int _posts;
        private int _hooks;

        /// <summary>Every message the bot sent to Slack in this room so far.</summary>
        public IEnumerable<JsonObject> Messages() => app.Slack.Calls.Where(c => c.Method is "chat.postMessage" or "chat.postEphemeral" or "hooks").Select(c => c.Body);

        /// <summary>
        /// Presses a button as Slack sends it: on a message in C0001 (ts <see cref="CardTs"/>), with the message itself
        /// when <paramref name="message"/> is given, or on an ephemeral message (which Slack sends without it).
        /// </summary>
        public Task<HttpResponseMessage> PressAsync(JsonObject button, string user, string? trigger, string responseUrl, JsonObject? message = null, bool ephemeral = false) => app.SendInteractionAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = User(user),
            ["api_app_id"] = "A0001",
            ["team"] = new JsonObject { ["id"] = "T0001", ["domain"] = "example-sec" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = CardTs, ["channel_id"] = "C0001", ["is_ephemeral"] = ephemeral },
            ["message"] = message is null || ephemeral ? null : new JsonObject
            {
                ["type"] = "message",
                ["bot_id"] = "B0001",
                ["ts"] = CardTs,
                ["text"] = message["text"]!.DeepClone(),
                ["blocks"] = message["blocks"]!.DeepClone(),
            },
            ["channel"] = new JsonObject { ["id"] = "C0001", ["name"] = "incident-war-room" },
            ["trigger_id"] = trigger,
            ["response_url"] = responseUrl,
            ["state"] = new JsonObject { ["values"] = new JsonObject() },
            ["actions"] = new JsonArray(button["type"]!.GetValue<string>() == "overflow"
                ? new JsonObject
                {
                    ["type"] = "overflow",
                    ["action_id"] = button["action_id"]!.DeepClone(),
                    ["block_id"] = "b9.actions.0000",
                    ["selected_option"] = new JsonObject { ["text"] = button["text"]!.DeepClone(), ["value"] = button["value"]!.DeepClone() },
                    ["action_ts"] = "1732530060.123456",
                }
                : new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = button["action_id"]!.DeepClone(),
                    ["block_id"] = "b9.actions.0000",
                    ["text"] = button["text"]!.DeepClone(),
                    ["value"] = button["value"]!.DeepClone(),
                    ["action_ts"] = "1732530060.123456",
                }),
        }.ToJsonString());

        /// <summary>Declares an incident with this title in C0001, resolves it, and starts its post-mortem; returns section 1's card.</summary>
        public async Task<JsonObject> StartPostMortemAsync(string title)
        {
            await app.CommandAsync($"declare {title}");
            await app.CommandAsync("resolve");
            return await app.CommandAsync("postmortem");
        }

        /// <summary>The commander (alice) skips <paramref name="count"/> sections, each through its reason modal; returns the card that follows.</summary>
        public async Task<JsonObject> SkipAsync(JsonObject card, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var skip = await OpenFormAsync(Button(card, "pm.skip"), Alice);
                card = await SubmitAndPostAsync(skip, Alice, new() { ["pm.reason"] = "Not needed for this test" });
            }

            return card;
        }

        /// <summary>The response_url path of the latest press.</summary>
        public string LastPressHook => $"/hooks/actions/{_presses}";

        /// <summary>Answers sent through response_urls (not replacements of the pressed card).</summary>
        public static bool IsAnswer(RecordedCall call) => call.Body["replace_original"]?.GetValue<bool>() != true;

        /// <summary>Replacements of pressed cards sent through response_urls.</summary>
        public IReadOnlyList<RecordedCall> Replacements() => app.Slack.CallsTo("hooks").Where(c => !IsAnswer(c)).ToList();

        /// <summary>Presses a button that asks for answers: Slack is answered at once, and the modal opened with the press's trigger.</summary>
        public async Task<JsonObject> OpenFormAsync(JsonObject button, string user)
        {
            var trigger = $"{++_presses}.1.trigger";
            var before = app.Slack.CallsTo("views.open").Count;
            var response = await PressAsync(button, user, trigger, app.Slack.ResponseUrl($"actions/{_presses}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
            var opened = app.Slack.CallsTo("views.open");
            Assert.True(opened.Count == before + 1, $"Pressing '{button["text"]?["text"]}' opened no modal. Calls: {string.Join(", ", app.Slack.Calls.Select(c => c.Method))}");
            Assert.Equal(trigger, opened[^1].Body["trigger_id"]!.GetValue<string>());
            Assert.Equal($"Bearer {SlackApp.Token}", opened[^1].Authorization);
            var view = opened[^1].Body["view"]!.AsObject();
            Assert.Equal("modal", view["type"]!.GetValue<string>());
            return view;
        }

        /// <summary>Presses a button that asks nothing; returns what came back through its response_url.</summary>
        public async Task<JsonObject> PressAndRespondAsync(JsonObject button, string user, JsonObject? message = null, bool ephemeral = false)
        {
            var response = await PressAsync(button, user, $"{++_presses}.1.trigger", app.Slack.ResponseUrl($"actions/{_presses}"), message, ephemeral);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
            var hooks = await app.Slack.WaitForAsync("hooks", IsAnswer, ++_hooks);
            Assert.EndsWith($"/hooks/actions/{_presses}", hooks[^1].Path, StringComparison.Ordinal);
            return hooks[^1].Body;
        }

        /// <summary>Submits a modal as Slack would, each answer in the state shape of the input element the modal rendered.</summary>
        public Task<HttpResponseMessage> SubmitAsync(JsonObject view, string user, Dictionary<string, string> answers) =>
            app.SendInteractionAsync(SlackModalState.Submission(view, User(user), answers).ToJsonString());

        /// <summary>Submits a modal that is answered right: Slack closes it (empty 200), and the bot posts the next card to C0001.</summary>
        public async Task<JsonObject> SubmitAndPostAsync(JsonObject view, string user, Dictionary<string, string> answers)
        {
            var response = await SubmitAsync(view, user, answers);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(body.Length == 0, $"The modal did not close; Slack got: {body}");
            var posted = await app.Slack.WaitForAsync("chat.postMessage", ++_posts);
            Assert.Equal("C0001", posted[^1].Body["channel"]!.GetValue<string>());
            Assert.Equal($"Bearer {SlackApp.Token}", posted[^1].Authorization);
            return posted[^1].Body;
        }

        private static JsonObject User(string id) => new()
        {
            ["id"] = id,
            ["username"] = id == Alice ? "alice" : "bob",
            ["name"] = id == Alice ? "alice" : "bob",
            ["team_id"] = "T0001",
        };
    }

    private static string Header(JsonObject message) =>
        message["blocks"]!.AsArray().First(b => b!["type"]!.GetValue<string>() == "header")!["text"]!["text"]!.GetValue<string>();

    /// <summary>
    /// Every button of the message, in order: real buttons as they are, then each option of the "…" overflow menu as an
    /// element of type overflow with the menu's action_id and the option's text and value (pressing one chooses it).
    /// </summary>
    private static IEnumerable<JsonObject> Buttons(JsonObject message) =>
        message["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .SelectMany(e => e!["type"]!.GetValue<string>() == "overflow"
                ? e["options"]!.AsArray().Select(o => new JsonObject
                {
                    ["type"] = "overflow",
                    ["action_id"] = e["action_id"]!.DeepClone(),
                    ["text"] = o!["text"]!.DeepClone(),
                    ["value"] = o["value"]!.DeepClone(),
                })
                : [e.AsObject()]);

    /// <summary>The button with this verb (and, when given, a title containing <paramref name="titled"/>).</summary>
    private static JsonObject Button(JsonObject message, string verb, string? titled = null) =>
        Buttons(message).FirstOrDefault(b => JsonNode.Parse(b["value"]!.GetValue<string>())!["verb"]!.GetValue<string>() == verb
            && (titled is null || b["text"]!["text"]!.GetValue<string>().Contains(titled, StringComparison.Ordinal)))
        ?? throw new Xunit.Sdk.XunitException($"No {verb} button{(titled is null ? "" : $" titled '…{titled}…'")}. Buttons: {string.Join(", ", Buttons(message).Select(b => b["text"]!["text"]))}");

    private static List<string> InputIds(JsonObject view) =>
        view["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "input").Select(b => b!["block_id"]!.GetValue<string>()).ToList();

    private static JsonObject Element(JsonObject view, string id) =>
        view["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == id)!["element"]!.AsObject();

    private static void Shows(JsonObject message, string expected)
    {
        var text = SlackApp.Text(message);
        if (!text.Contains(expected, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"Expected Slack to be shown \"{expected}\".\nIt got: {text}");
        }
    }

    /// <summary>The same link with one character of its signed token changed.</summary>
    private static string Tampered(Uri url)
    {
        var token = Uri.UnescapeDataString(Regex.Match(url.Query, "[?&]t=([^&]+)").Groups[1].Value);
        Assert.True(token.Length > 20, "The report link carries no token.");
        var at = token.Length / 2;
        var changed = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
        return $"{url.AbsolutePath}?t={Uri.EscapeDataString(changed)}";
    }

    // Block Kit limits (PROTOCOLS 1.9): Slack refuses a whole message or view that breaks one.
    private static void FitsAMessage(JsonObject message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message["text"]?.GetValue<string>()), "A message has no fallback text.");
        Assert.False(message["unfurl_links"]!.GetValue<bool>());
        var blocks = message["blocks"]!.AsArray().Select(b => b!.AsObject()).ToList();
        Assert.InRange(blocks.Count, 1, 50);
        FitsBlocks(blocks);
    }

    private static void FitsAModal(JsonObject view)
    {
        Assert.InRange(view["title"]!["text"]!.GetValue<string>().Length, 1, 24);
        Assert.InRange(view["submit"]!["text"]!.GetValue<string>().Length, 1, 24);
        Assert.InRange(view["close"]!["text"]!.GetValue<string>().Length, 1, 24);
        Assert.InRange(view["callback_id"]!.GetValue<string>().Length, 1, 255);
        Assert.InRange(view["private_metadata"]!.GetValue<string>().Length, 1, 3000);
        var blocks = view["blocks"]!.AsArray().Select(b => b!.AsObject()).ToList();
        Assert.InRange(blocks.Count, 1, 100);
        Assert.Contains(blocks, b => b["type"]!.GetValue<string>() == "input");
        FitsBlocks(blocks);
    }

    private static void FitsBlocks(List<JsonObject> blocks)
    {
        var ids = blocks.Select(b => b["block_id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id.Length, 1, 255));
        foreach (var block in blocks)
        {
            switch (block["type"]!.GetValue<string>())
            {
                case "header":
                    Assert.InRange(block["text"]!["text"]!.GetValue<string>().Length, 1, 150);
                    break;
                case "section" when block["text"] is { } text:
                    Assert.InRange(text["text"]!.GetValue<string>().Length, 1, 3000);
                    break;
                case "section":
                    var fields = block["fields"]!.AsArray();
                    Assert.InRange(fields.Count, 1, 10);
                    Assert.All(fields, f => Assert.InRange(f!["text"]!.GetValue<string>().Length, 1, 2000));
                    break;
                case "context":
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, 10);
                    break;
                case "actions":
                    var buttons = block["elements"]!.AsArray();
                    Assert.InRange(buttons.Count, 1, 25);
                    foreach (var button in buttons)
                    {
                        if (button!["type"]!.GetValue<string>() == "overflow")
                        {
                            Assert.InRange(button["options"]!.AsArray().Count, 2, 5);
                            Assert.All(button["options"]!.AsArray(), o => Assert.InRange(o!["value"]!.GetValue<string>().Length, 1, 150));
                            continue;
                        }

                        Assert.InRange(button["text"]!["text"]!.GetValue<string>().Length, 1, 75);
                        Assert.InRange(button["value"]!.GetValue<string>().Length, 1, 2000);
                        Assert.InRange(button["url"]?.GetValue<string>().Length ?? 0, 0, 3000);
                    }

                    break;
                case "input":
                    Assert.InRange(block["label"]!["text"]!.GetValue<string>().Length, 1, 2000);
                    var element = block["element"]!.AsObject();
                    Assert.InRange(element["placeholder"]?["text"]?.GetValue<string>().Length ?? 0, 0, 150);
                    Assert.InRange(element["max_length"]?.GetValue<int>() ?? 0, 0, 3000);
                    if (element["options"] is JsonArray options)
                    {
                        var most = element["type"]!.GetValue<string>() is "checkboxes" or "radio_buttons" ? 10 : 100;
                        Assert.InRange(options.Count, 1, most);
                        Assert.All(options, o => Assert.InRange(o!["text"]!["text"]!.GetValue<string>().Length, 1, 75));
                        Assert.All(options, o => Assert.InRange(o!["value"]!.GetValue<string>().Length, 1, 75));
                    }

                    break;
            }
        }
    }
}
