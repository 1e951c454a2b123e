using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIR.AdaptiveCards;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// The guided post-mortem run from Teams end to end: commands as signed channel posts, card buttons as signed
/// <c>adaptiveCard/action</c> invokes carrying the card's inputs the way Teams merges them, every reply read at the
/// loopback Bot Connector, the server restarted half way, and the report link opened from the published card.
/// </summary>
public sealed partial class TeamsPostMortemTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    private const string PublicBaseUrl = "https://chatopsir.example.test";
    private const string Evil = "[x](https://evil.example) <at>Everyone</at>";

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_whole_post_mortem_runs_from_a_Teams_channel_survives_a_restart_and_publishes(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var host = await StartAsync(database);
        try
        {
            var room = new Room(host, "pm-war-room");
            await room.SayAsync("declare Laptop stolen with customer export sev2");
            await room.SayAsync("mark first-activity at 07:00");
            await room.SayAsync("mark detected at 08:00");
            await room.SayAsync("note Police report filed at 08:30", TeamsTestHost.Bob);
            host.App.Clock.Advance(TimeSpan.FromHours(3));
            await room.SayAsync("note Remote wipe confirmed", TeamsTestHost.Bob);
            await room.SayAsync("mark contained");
            await room.SayAsync("resolve");

            // `@ChatOpsIR postmortem` posts section 1 as an Adaptive Card with its inputs and Action.Execute buttons.
            var started = await room.SayAsync("postmortem", TeamsTestHost.Bob);
            Assert.Equal("Post-mortem of INC-0001 started.", started.Text);
            var card = started.Card!;
            Assert.Equal(AdaptiveCardRenderer.ContentType, started.CardContentType);
            Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
            Assert.Equal("1.5", card["version"]!.GetValue<string>());
            Shows(card, "Post-mortem 1 of 9: Scope and sources");
            Shows(card, "Bob Example started the post-mortem of INC-0001");
            var systems = Input(card, "pm.scope.systems");
            Assert.Equal("Input.Text", systems["type"]!.GetValue<string>());
            Assert.True(systems["isRequired"]!.GetValue<bool>());
            var kinds = Input(card, "pm.scope.kinds");
            Assert.Equal("Input.ChoiceSet", kinds["type"]!.GetValue<string>());
            Assert.True(kinds["isMultiSelect"]!.GetValue<bool>());
            Assert.Contains("endpoints", kinds["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
            Assert.Contains("saas", kinds["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
            var save = Button(card, "Save and continue");
            Assert.Equal("pm.answer", save["verb"]!.GetValue<string>());
            Assert.Equal("auto", save["associatedInputs"]!.GetValue<string>());
            Assert.Equal("Action.Submit", save["fallback"]!["type"]!.GetValue<string>());
            Assert.Equal("scope", save["data"]!["section"]!.GetValue<string>());
            Assert.Equal("Action.Execute", Button(card, "Skip section")["type"]!.GetValue<string>());

            // A required answer left out: the invoke answers with the same card, the error shown and the typed answers kept; nothing is saved or posted.
            var incomplete = await room.PressAsync(card, "Save and continue", TeamsTestHost.Bob, ("pm.scope.systems", "Laptop LT-042"), ("pm.scope.kinds", "endpoints,saas"));
            Assert.Empty(incomplete.Posts);
            Assert.Empty(room.Updates());
            var corrected = incomplete.Card;
            Shows(corrected, "Post-mortem 1 of 9: Scope and sources");
            Shows(corrected, "Answer: Which logs and data sources did you use?");
            Assert.Equal("Laptop LT-042", Input(corrected, "pm.scope.systems")["value"]!.GetValue<string>());
            Assert.Equal("endpoints,saas", Input(corrected, "pm.scope.kinds")["value"]!.GetValue<string>());
            Assert.Null((await room.PostMortemAsync())!.Value(PostMortemSection.Scope, "pm.scope.systems"));

            // A valid answer: the invoke is answered with a receipt while the next card is still on its way to the channel.
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            host.Connector.Script(async context =>
            {
                await gate.Task.WaitAsync(TimeSpan.FromSeconds(10));
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\":\"1732531000001\"}");
            });
            var scopeAnswer = await room.InvokeAsync(corrected, "Save and continue", TeamsTestHost.Bob,
                ("pm.scope.systems", "Laptop LT-042, the CRM export folder"),
                ("pm.scope.kinds", "endpoints,saas"),
                ("pm.scope.sources", "MDM inventory, CRM audit log"),
                ("pm.scope.missing", "Disk encryption status was not reported centrally"));
            Assert.True(host.App.Services.GetRequiredService<TeamsOutbox>().Pending > 0, "The invoke should be answered before the channel post is made.");
            Assert.Equal(Activities.TeamsInvokeResults.CardContentType, scopeAnswer["type"]!.GetValue<string>());
            Shows(scopeAnswer["value"]!.AsObject(), "Scope and sources saved by Bob Example.");
            Shows(scopeAnswer["value"]!.AsObject(), "answered by Bob Example at ");
            Shows(scopeAnswer["value"]!.AsObject(), "The post-mortem continues below.");
            Assert.Null(scopeAnswer["value"]!["actions"]);
            gate.SetResult();
            await host.IdleAsync();

            // Everyone else sees the answered card turn into the same receipt: the message holding it is replaced (the
            // invoke's replyToId), so nobody answers the old section by mistake.
            var scopeUpdate = Assert.Single(room.Updates());
            Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(room.Conversation)}/activities/1732530600000", scopeUpdate.RawTarget);
            Assert.Equal("1732530600000", scopeUpdate.Body["id"]!.GetValue<string>());
            Assert.Equal($"Bearer {host.Connector.AccessToken}", scopeUpdate.Authorization);
            Shows(scopeUpdate.Card!, "Scope and sources");
            Shows(scopeUpdate.Card!, "Scope and sources saved by Bob Example.");
            Assert.Null(scopeUpdate.Card!["actions"]);
            Assert.DoesNotContain(Walk(scopeUpdate.Card), o => TypeOf(o)?.StartsWith("Action.", StringComparison.Ordinal) == true || TypeOf(o)?.StartsWith("Input.", StringComparison.Ordinal) == true);
            Assert.True(host.Connector.Calls.ToList().IndexOf(scopeUpdate) < host.Connector.Calls.ToList().IndexOf(room.LastPost()), "The answered card changes before the next card is posted.");
            var timelineCard = room.LastPost();
            Assert.Equal("POST", timelineCard.Method);
            Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(room.Conversation)}/activities", timelineCard.RawTarget);
            Assert.Equal($"Bearer {host.Connector.AccessToken}", timelineCard.Authorization);
            Shows(timelineCard.Card!, "Post-mortem 2 of 9: Timeline review");
            Shows(timelineCard.Card!, "Time to detect: 1h");
            Shows(timelineCard.Card!, "2 gaps of more than an hour");
            Assert.Equal("MDM inventory, CRM audit log", (await room.PostMortemAsync())!.Value(PostMortemSection.Scope, "pm.scope.sources"));

            var timeline = await room.PressAsync(timelineCard.Card!, "Save and continue", TeamsTestHost.Alice, ("pm.timeline.gaps", "Waiting for the MDM vendor to confirm the wipe"));
            Shows(timeline.Receipt, "Timeline review saved by Alice Example.");

            // Root causes: the bot pushes past the first cause, flags a blaming one, and the flagged cause is reworded.
            var firstCause = await room.PressAsync(timeline.Post.Card!, "Save and continue", TeamsTestHost.Bob,
                ("pm.cause.text", "Customer exports could be saved to local disks without encryption checks"),
                ("pm.cause.principles", "minimization,compartmentation"),
                ("pm.cause.enabler", "tooling"));
            Shows(firstCause.Post.Card!, "Post-mortem 3 of 9: Root causes");
            Shows(firstCause.Post.Card!, "Cause 1 saved by Bob Example");
            Shows(firstCause.Post.Card!, "Incidents rarely have a single cause");
            Shows(firstCause.Post.Card!, "Minimization, Compartmentation");

            var blaming = await room.PressAsync(firstCause.Post.Card!, "Save, add another", TeamsTestHost.Alice,
                ("pm.cause.text", "It was Bob's fault for leaving the laptop in the car"),
                ("pm.cause.principles", "rigor"),
                ("pm.cause.enabler", "process"));
            Shows(blaming.Post.Card!, "Cause 2 saved by Alice Example. One thing first:");
            Shows(blaming.Post.Card!, "fault\" can read as blaming a person");

            // Reword opens the form for the person who pressed (the invoke answer), prefilled with the cause; saving it tells the channel.
            var rewordForm = await room.PressAsync(blaming.Post.Card!, "Reword cause 2", TeamsTestHost.Alice);
            Assert.Empty(rewordForm.Posts);
            Shows(rewordForm.Card, "Reword cause 2");
            Assert.Equal("It was Bob's fault for leaving the laptop in the car", Input(rewordForm.Card, "pm.reworded")["value"]!.GetValue<string>());
            var reworded = await room.PressAsync(rewordForm.Card, "Save wording", TeamsTestHost.Alice,
                ("pm.reworded", "Staff travel with devices holding full customer exports; nothing limits what a laptop carries"));
            Shows(reworded.Post.Card!, "Cause 2 reworded by Alice Example");
            Assert.DoesNotContain("can read as blaming a person", CardText(reworded.Post.Card!));
            Assert.Equal("Staff travel with devices holding full customer exports; nothing limits what a laptop carries", (await room.PostMortemAsync())!.RootCauses.Last().Text);

            var impactCard = await room.PressAsync(reworded.Post.Card!, "No more causes", TeamsTestHost.Alice);
            Shows(impactCard.Post.Card!, "Post-mortem 4 of 9: Impact");
            var impact = await room.PressAsync(impactCard.Post.Card!, "Save and continue", TeamsTestHost.Alice,
                ("pm.impact.confidentiality", "high"),
                ("pm.impact.integrity", "none"),
                ("pm.impact.availability", "low"),
                ("pm.impact.data", "personal"),
                ("pm.impact.people", "1200"),
                ("pm.impact.cost", "15000"),
                ("pm.impact.hours", "40"));
            Shows(impact.Post.Card!, "GDPR Art. 33");
            Shows(impact.Post.Card!, "Post-mortem 5 of 9: Response evaluation");

            // The server stops half way; a new one on the same database picks up where the channel left off.
            await host.RestartAsync(ChatOpsAppFactory.DefaultStart.AddHours(5));
            var resumed = await room.SayAsync("postmortem", TeamsTestHost.Bob);
            Shows(resumed.Card!, "Resuming the post-mortem of INC-0001 at section 5 of 9");
            Shows(resumed.Card!, "Post-mortem 5 of 9: Response evaluation");
            var status = await room.SayAsync("postmortem status", TeamsTestHost.Bob);
            Assert.Equal("Post-mortem of INC-0001: 4 of 9 sections done.", status.Text);
            Shows(status.Card!, "4 of 9 sections done");
            Shows(status.Card!, "GDPR Art. 33: notify the supervisory authority by");
            Assert.Equal(["Scope and sources", "Timeline review", "Root causes", "Impact"], SectionsMarked(status.Card!, "done"));
            Assert.Contains("Response evaluation (current)", SectionsMarked(status.Card!, "open"));

            // Only the commander skips, and only with a reason.
            var notCommander = await room.PressAsync(resumed.Card!, "Skip section", TeamsTestHost.Bob);
            Assert.Equal(400, notCommander.Status);
            Assert.Contains("Only the incident commander (Alice Example)", notCommander.ErrorMessage);
            Assert.Empty(notCommander.Posts);
            var askReason = await room.PressAsync(resumed.Card!, "Skip section", TeamsTestHost.Alice);
            Assert.Empty(askReason.Posts);
            Shows(askReason.Card, "Why skip Response evaluation?");
            Assert.True(Input(askReason.Card, "pm.reason")["isRequired"]!.GetValue<bool>());

            // A reason of blanks passes the client's required check; the server refuses it and the same form comes back
            // with the problem shown above the field.
            var blank = await room.PressAsync(askReason.Card, "Skip section", TeamsTestHost.Alice, ("pm.reason", "   "));
            Assert.Equal(200, blank.Status);
            Shows(blank.Card, "Give a reason for skipping");
            Shows(blank.Card, "Why skip Response evaluation?");
            Assert.True(Input(blank.Card, "pm.reason")["isRequired"]!.GetValue<bool>());
            Assert.Empty(blank.Posts);

            var skipped = await room.PressAsync(askReason.Card, "Skip section", TeamsTestHost.Alice, ("pm.reason", "Covered by the quarterly controls review on 2026-12-02"));
            Shows(skipped.Post.Card!, "Alice Example skipped Response evaluation: Covered by the quarterly controls review on 2026-12-02");
            Shows(skipped.Post.Card!, "Post-mortem 6 of 9: Lessons learned");
            Assert.Equal("Covered by the quarterly controls review on 2026-12-02", (await room.PostMortemAsync())!.State(PostMortemSection.Response).SkipReason);

            // Text people type is shown verbatim (a TextRun), never as a link or a mention.
            var lesson = await room.PressAsync(skipped.Post.Card!, "Save, add another", TeamsTestHost.Bob, ("pm.lesson.text", $"Ask before sharing {Evil} in a war room"));
            Assert.Contains($"Ask before sharing {Evil} in a war room", TextRuns(lesson.Post.Card!));
            // A flagged lesson whose author stands by it: the wording is kept and the report notes the hint.
            var flagged = await room.PressAsync(lesson.Post.Card!, "Save, add another", TeamsTestHost.Bob, ("pm.lesson.text", "Careless handling of the MDM console let the wipe wait an hour"));
            Shows(flagged.Post.Card!, "\"Careless\" can read as blaming a person");
            var kept = await room.PressAsync(flagged.Post.Card!, "Keep lesson 2 as is", TeamsTestHost.Bob);
            Shows(kept.Post.Card!, "Lesson 2: wording kept by Bob Example. The report notes the hint.");
            Assert.Throws<Xunit.Sdk.XunitException>(() => Button(kept.Post.Card!, "Keep lesson 2 as is"));

            var lessons = await room.PressAsync(kept.Post.Card!, "Save and continue", TeamsTestHost.Bob,
                ("pm.lesson.text", "Central reporting of disk encryption would have answered the first question in minutes"));
            Shows(lessons.Post.Card!, "Post-mortem 7 of 9: Action items");

            // Action items: the due date comes from an Input.Date (YYYY-MM-DD), the owner from Teams' people picker, which
            // submits the Entra object id of the person picked; a past date is refused with the answers kept.
            var actionCard = lessons.Post.Card!;
            Assert.Equal("Input.Date", Input(actionCard, "pm.action.due")["type"]!.GetValue<string>());
            var picker = Input(actionCard, "pm.action.owner");
            Assert.Equal("Input.ChoiceSet", picker["type"]!.GetValue<string>());
            Assert.Equal("Data.Query", picker["choices.data"]!["type"]!.GetValue<string>());
            Assert.Equal("graph.microsoft.com/users", picker["choices.data"]!["dataset"]!.GetValue<string>());
            Assert.False(picker["isMultiSelect"]!.GetValue<bool>());
            Assert.True(picker["isRequired"]!.GetValue<bool>());
            const string carol = "00000000-0000-0000-0000-0000000000a3";
            host.Graph.AddUser(carol, "Carol Example");
            var badDate = await room.PressAsync(actionCard, "Save, add another", TeamsTestHost.Bob,
                ("pm.action.title", "Block CRM exports to unmanaged storage"),
                ("pm.action.owner", carol),
                ("pm.action.due", "2026-01-01"),
                ("pm.action.kind", "configuration"),
                ("pm.action.reach", "class"));
            Assert.Empty(badDate.Posts);
            Shows(badDate.Card, "That date has passed");
            Assert.Equal("2026-01-01", Input(badDate.Card, "pm.action.due")["value"]!.GetValue<string>());
            Assert.Equal(carol, Input(badDate.Card, "pm.action.owner")["value"]!.GetValue<string>());
            Assert.Empty(await room.ActionItemsAsync());

            var action = await room.PressAsync(badDate.Card, "Save, add another", TeamsTestHost.Bob,
                ("pm.action.title", "Block CRM exports to unmanaged storage"),
                ("pm.action.owner", carol),
                ("pm.action.due", "2026-12-15"),
                ("pm.action.kind", "configuration"),
                ("pm.action.reach", "class"));
            Shows(action.Post.Card!, "Action item A1 saved for Carol Example, due 2026-12-15");
            var secondAction = await room.PressAsync(action.Post.Card!, "Save and continue", TeamsTestHost.Bob,
                ("pm.action.title", "Report disk encryption status to the SIEM"),
                ("pm.action.owner", "@Dan Ops"),
                ("pm.action.due", "2026-12-20"),
                ("pm.action.kind", "monitoring"),
                ("pm.action.reach", "class"));
            Shows(secondAction.Post.Card!, "Action item A2 saved for Dan Ops, due 2026-12-20");
            Shows(secondAction.Post.Card!, "Post-mortem 8 of 9: Training and awareness");
            var items = await room.ActionItemsAsync();
            Assert.Equal(["Carol Example", "Dan Ops"], items.OrderBy(i => i.Number).Select(i => i.OwnerName));

            // Carol, picked but never seen by the bot, is known by her object id (reminders reach her through Graph); a
            // name typed with @ (a client without the picker) stays a name the bot cannot reach, as before.
            Assert.Equal([carol, "teams-unresolved:Dan Ops"], items.OrderBy(i => i.Number).Select(i => i.OwnerId));
            Assert.Equal(new DateOnly(2026, 12, 15), items.Single(i => i.Number == 1).DueDate);

            var training = await room.PressAsync(secondAction.Post.Card!, "Save and continue", TeamsTestHost.Bob,
                ("pm.training.what", "Travelling with customer data"), ("pm.training.who", "Sales and account managers"));
            Shows(training.Post.Card!, "Post-mortem 9 of 9: Summary and publish");
            var summary = await room.PressAsync(training.Post.Card!, "Save summary", TeamsTestHost.Alice,
                ("pm.summary.asks", $"Fund central encryption reporting; block exports to unmanaged storage {Evil}"),
                ("pm.summary.risk", "Another lost laptop could mean another GDPR notification"),
                ("pm.summary.costtime", "About 5 person-days and no licence cost"));
            Shows(summary.Post.Card!, "Quality check: ready to publish");

            // Publishing: the commander only; the decision-maker summary goes to the channel with a signed link to the report.
            var notAllowed = await room.PressAsync(summary.Post.Card!, "Yes, publish", TeamsTestHost.Bob);
            Assert.Equal(400, notAllowed.Status);
            Assert.Contains("Only the incident commander (Alice Example), a deputy or an incident manager can publish the post-mortem of INC-", notAllowed.ErrorMessage);
            Assert.Empty(notAllowed.Posts);
            var updatesBefore = room.Updates().Count;

            var published = await room.PressAsync(summary.Post.Card!, "Yes, publish", TeamsTestHost.Alice);
            Shows(published.Receipt, "Alice Example published the post-mortem of INC-0001 (version 1).");
            Shows(published.Receipt, "published by Alice Example at ");
            Shows(published.Receipt, "The published summary is below.");
            var publishedUpdate = Assert.Single(room.Updates().Skip(updatesBefore));
            Assert.Equal(published.Receipt.ToJsonString(), publishedUpdate.Card!.ToJsonString());
            var announcement = published.Post;
            Assert.StartsWith("Alice Example published the post-mortem of INC-0001 (version 1). INC-0001 is now closed. https://chatopsir.example.test/incidents/", announcement.Text);
            var summaryCard = announcement.Card!;
            Shows(summaryCard, "Post-mortem published · INC-0001 version 1");
            Shows(summaryCard, "Top asks: Fund central encryption reporting");
            Shows(summaryCard, "2 action items of which 2 remove a class of problems");
            var open = Button(summaryCard, "Open full report");
            Assert.Equal("Action.OpenUrl", open["type"]!.GetValue<string>());
            var reportUrl = new Uri(open["url"]!.GetValue<string>());
            Assert.Equal("https", reportUrl.Scheme);
            Assert.Equal("chatopsir.example.test", reportUrl.Host);
            Assert.Matches("^/incidents/[0-9a-f-]{36}/report$", reportUrl.AbsolutePath);
            var token = Regex.Match(reportUrl.Query, "[?&]t=([^&]+)").Groups[1].Value;
            Assert.NotEmpty(token);

            using (var page = await host.Http.GetAsync(reportUrl.PathAndQuery))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
                Assert.Contains("INC-0001", await page.Content.ReadAsStringAsync());
            }

            var tampered = Uri.UnescapeDataString(token).ToCharArray();
            tampered[tampered.Length / 2] = tampered[tampered.Length / 2] == 'A' ? 'B' : 'A';
            using (var forged = await host.Http.GetAsync($"{reportUrl.AbsolutePath}?t={Uri.EscapeDataString(new string(tampered))}"))
            {
                Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
            }

            using (var bare = await host.Http.GetAsync(reportUrl.AbsolutePath))
            {
                Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
            }

            // The summary's FactSet parses markdown, so the asks arrive escaped: no link, no mention.
            var asks = Facts(summaryCard).Single(f => f.Title == "Top asks").Value;
            Assert.Contains(@"\[x\]\(https://evil\.example\)", asks);
            Assert.Contains("&lt;at\\>Everyone&lt;/at\\>", asks);

            // Every card and message Teams received in this journey: plain text, no user-made link, mention or URL.
            foreach (var post in host.Connector.Calls.Where(c => c.Body["type"]?.GetValue<string>() == "message"))
            {
                Assert.Equal("plain", post.Body["textFormat"]!.GetValue<string>());
                Assert.Null(post.Body["entities"]);
                if (post.Card is { } posted)
                {
                    AssertNoMarkdownFromUsers(posted);
                    Assert.InRange(Bytes(posted), 1, AdaptiveCardRenderer.MaxCardBytes);
                }
            }

            Assert.Empty(host.Connector.Refused);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task In_a_personal_chat_postmortem_needs_no_mention_and_says_when_there_is_nothing_to_review()
    {
        using var database = TestDatabase.Sqlite();
        var host = await StartAsync(database);
        try
        {
            var chat = Room.Personal(host);
            var nothing = await chat.SayAsync("postmortem");
            Assert.Contains("No incident has been declared", nothing.Text);
            Assert.Contains("declare <title>", nothing.Text);
            Assert.Null(await chat.PostMortemAsync());

            await chat.SayAsync("declare Phishing reported by the CFO sev3");
            await chat.SayAsync("resolve");
            var started = await chat.SayAsync("postmortem");
            Shows(started.Card!, "Post-mortem 1 of 9: Scope and sources");
            Shows(started.Card!, "Alice Example started the post-mortem of INC-0001");

            var scope = await chat.PressAsync(started.Card!, "Save and continue", TeamsTestHost.Alice,
                ("pm.scope.systems", "The CFO's mailbox"),
                ("pm.scope.kinds", "saas"),
                ("pm.scope.sources", "Mail trace"),
                ("pm.scope.missing", "none"));
            Shows(scope.Receipt, "Scope and sources saved by Alice Example.");
            Shows(scope.Post.Card!, "Post-mortem 2 of 9: Timeline review");
            Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(Room.PersonalConversation)}/activities", scope.Post.RawTarget);

            // Teams delivers the same press again: the same receipt, nothing posted twice, the section moved on once.
            Assert.Single(chat.Updates());
            var retried = await chat.RetryLastPressAsync();
            Assert.Empty(retried.Posts);
            Assert.Single(chat.Updates());
            Assert.Equal(scope.Answer.ToJsonString(), retried.Answer.ToJsonString());
            Assert.Equal(PostMortemSection.Timeline, (await chat.PostMortemAsync())!.CurrentSection);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_root_cause_card_too_big_for_Teams_is_cut_but_keeps_its_form()
    {
        using var database = TestDatabase.Sqlite();
        var host = await StartAsync(database);
        try
        {
            var room = new Room(host, "pm-big-card");
            await room.SayAsync("declare Backups silently corrupt sev3");
            await room.SayAsync("resolve");
            var card = (await room.SayAsync("postmortem")).Card!;
            card = (await room.PressAsync(card, "Save and continue", TeamsTestHost.Alice,
                ("pm.scope.systems", "Backup server"), ("pm.scope.sources", "Backup job logs"), ("pm.scope.missing", "none"))).Post.Card!;
            card = (await room.PressAsync(card, "Save and continue", TeamsTestHost.Alice)).Post.Card!;

            const int causes = 16;
            for (var i = 1; i <= causes; i++)
            {
                var text = string.Concat(Enumerable.Repeat($"Backup job {i} wrote to a share with no integrity check and nothing compared restored data. ", 25));
                var pressed = await room.PressAsync(card, "Save, add another", TeamsTestHost.Alice,
                    ("pm.cause.text", text[..1990]), ("pm.cause.principles", "rigor,fault-tolerance"), ("pm.cause.enabler", "tooling"));
                card = pressed.Post.Card!;
                Assert.InRange(Bytes(card), 1, AdaptiveCardRenderer.MaxCardBytes);
            }

            // The card had to be cut, and says so; the newest save, the questions and the buttons are all still there.
            Assert.Contains(AdaptiveCardRenderer.TruncatedNotice, TextRuns(card));
            Shows(card, $"Cause {causes} saved by Alice Example");
            Assert.Equal("Input.Text", Input(card, "pm.cause.text")["type"]!.GetValue<string>());
            Assert.Equal("Input.ChoiceSet", Input(card, "pm.cause.principles")["type"]!.GetValue<string>());
            Assert.Equal("Input.ChoiceSet", Input(card, "pm.cause.enabler")["type"]!.GetValue<string>());
            var another = await room.PressAsync(card, "Save, add another", TeamsTestHost.Alice,
                ("pm.cause.text", "Restore tests were never scheduled"), ("pm.cause.principles", "rigor"), ("pm.cause.enabler", "process"));
            Shows(another.Post.Card!, $"Cause {causes + 1} saved by Alice Example");
            Assert.Equal(causes + 1, (await room.PostMortemAsync())!.RootCauses.Count());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<TeamsJourneyHost> StartAsync(TestDatabase database)
    {
        var host = new TeamsJourneyHost(database);
        host.Settings["Reports:PublicBaseUrl"] = PublicBaseUrl;
        await host.InitializeAsync();
        return host;
    }

    /// <summary>One conversation with the bot: a channel (commands @mention it) or Alice's 1:1 chat (no mention).</summary>
    private sealed class Room(TeamsJourneyHost host, string? channel)
    {
        public const string PersonalConversation = "a:1abc-personal-0001";

        public static Room Personal(TeamsJourneyHost host) => new(host, null);

        public string Conversation => channel is null ? PersonalConversation : $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

        private string ChannelKey => channel is null ? PersonalConversation : TeamsTestHost.ChannelId(channel);

        public ConnectorCall LastPost() => host.PostsTo(Conversation)[^1];

        /// <summary>The messages the bot replaced in the conversation (PUT …/activities/{id}), in order.</summary>
        public IReadOnlyList<ConnectorCall> Updates() =>
            host.Connector.Calls.Where(c => c.Method == "PUT" && c.Path.StartsWith($"/amer/v3/conversations/{Conversation}/activities/", StringComparison.Ordinal)).ToList();

        /// <summary>Sends a command and returns the bot's one reply in the conversation, in the thread of the command.</summary>
        public async Task<ConnectorCall> SayAsync(string command, string from = TeamsTestHost.Alice)
        {
            JsonObject activity;
            if (channel is null)
            {
                activity = host.Fixture("activity-personal-message.json");
                activity["id"] = host.NextActivityId();
                activity["text"] = command;
            }
            else
            {
                activity = host.Mention(channel, command, from);
            }

            var before = host.PostsTo(Conversation).Count;
            await host.SendOkAsync(activity);
            await host.IdleAsync();
            var reply = Assert.Single(host.PostsTo(Conversation).Skip(before));
            Assert.Equal(activity["id"]!.GetValue<string>(), reply.ReplyToId);
            return reply;
        }

        /// <summary>
        /// Presses a button of <paramref name="card"/> the way Teams does: an adaptiveCard/action invoke whose
        /// action.data is the button's data merged with the inputs typed into the card (only when the button takes them).
        /// </summary>
        public async Task<JsonObject> InvokeAsync(JsonObject card, string title, string from, params (string Id, string Value)[] typed)
        {
            var button = Button(card, title);
            Assert.Equal("Action.Execute", button["type"]!.GetValue<string>());
            var data = button["data"]!.DeepClone().AsObject();
            if (typed.Length > 0)
            {
                Assert.Equal("auto", button["associatedInputs"]?.GetValue<string>());
            }

            foreach (var (id, value) in typed)
            {
                Input(card, id);
                data[id] = value;
            }

            var activity = host.Fixture("invoke-adaptive-card-action.json");
            activity["id"] = $"f:{host.NextActivityId()}";
            activity["conversation"]!["id"] = Conversation;
            if (channel is null)
            {
                activity["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TeamsTestHost.Tenant, ["id"] = PersonalConversation };
                activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsTestHost.Tenant } };
            }
            else
            {
                activity["channelData"]!["channel"]!["id"] = TeamsTestHost.ChannelId(channel);
            }

            if (from == TeamsTestHost.Bob)
            {
                activity["from"] = new JsonObject { ["id"] = TeamsTestHost.Bob, ["name"] = "Bob Example", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a2" };
            }

            activity["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button["verb"]!.GetValue<string>(), ["data"] = data },
                ["trigger"] = "manual",
            };
            _lastInvoke = activity;
            return await SendInvokeAsync(activity);
        }

        /// <summary>The Connector delivers the last invoke again, as it does when the first answer was slow or lost.</summary>
        public async Task<Pressed> RetryLastPressAsync()
        {
            var before = host.PostsTo(Conversation).Count;
            var answer = await SendInvokeAsync(_lastInvoke!);
            await host.IdleAsync();
            return new Pressed(answer, host.PostsTo(Conversation).Skip(before).ToList());
        }

        private JsonObject? _lastInvoke;

        private async Task<JsonObject> SendInvokeAsync(JsonObject activity)
        {
            using var response = await host.SendAsync(activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }

        public async Task<Pressed> PressAsync(JsonObject card, string title, string from, params (string Id, string Value)[] typed)
        {
            var before = host.PostsTo(Conversation).Count;
            var answer = await InvokeAsync(card, title, from, typed);
            await host.IdleAsync();
            return new Pressed(answer, host.PostsTo(Conversation).Skip(before).ToList());
        }

        public async Task<PostMortem?> PostMortemAsync()
        {
            await using var scope = host.App.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
            var incident = await store.FindLatestIncidentAsync(TenantScope.Teams(TeamsTestHost.Tenant), ChannelKey, CancellationToken.None);
            return incident is null ? null : await store.FindPostMortemAsync(incident.Scope, incident.Id, CancellationToken.None);
        }

        public async Task<IReadOnlyList<ActionItem>> ActionItemsAsync()
        {
            await using var scope = host.App.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
            var incident = await store.FindLatestIncidentAsync(TenantScope.Teams(TeamsTestHost.Tenant), ChannelKey, CancellationToken.None);
            return await store.GetActionItemsAsync(incident!.Scope, incident.Id, CancellationToken.None);
        }
    }

    /// <summary>The invoke's answer and what the bot posted to the conversation because of it.</summary>
    private sealed record Pressed(JsonObject Answer, IReadOnlyList<ConnectorCall> Posts)
    {
        public int Status => Answer["statusCode"]!.GetValue<int>();

        /// <summary>The card that replaces the pressed one for the person who pressed it.</summary>
        public JsonObject Card
        {
            get
            {
                Assert.True(Status == 200 && Answer["type"]?.GetValue<string>() == Activities.TeamsInvokeResults.CardContentType, $"Expected a card answer, got {Answer.ToJsonString()}");
                var card = Answer["value"]!.AsObject();
                Assert.Equal("1.5", card["version"]!.GetValue<string>());
                return card;
            }
        }

        /// <summary>A saved answer: the pressed card turns into a receipt, and the next card is posted to the conversation.</summary>
        public JsonObject Receipt
        {
            get
            {
                var card = Card;
                Assert.Single(Posts);
                return card;
            }
        }

        /// <summary>The one card posted to the conversation for everyone, once the pressed card has become a receipt.</summary>
        public ConnectorCall Post
        {
            get
            {
                _ = Receipt;
                return Posts[0];
            }
        }

        public string ErrorMessage
        {
            get
            {
                Assert.Equal(Activities.TeamsInvokeResults.ErrorType, Answer["type"]!.GetValue<string>());
                Assert.Equal("BadRequest", Answer["value"]!["code"]!.GetValue<string>());
                return Answer["value"]!["message"]!.GetValue<string>();
            }
        }
    }

    private static int Bytes(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());

    private static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Walk(p.Value))),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    private static string? TypeOf(JsonObject o) => o["type"] is JsonValue t && t.GetValueKind() == System.Text.Json.JsonValueKind.String ? t.GetValue<string>() : null;

    /// <summary>The action with this title, wherever it is on the card (including inside an Action.ShowCard).</summary>
    private static JsonObject Button(JsonObject card, string title) =>
        Walk(card).FirstOrDefault(o => TypeOf(o) is "Action.Execute" or "Action.OpenUrl" && o["title"]?.GetValue<string>() == title)
        ?? throw new Xunit.Sdk.XunitException($"No button \"{title}\" on the card. Buttons: {string.Join(", ", Walk(card).Where(o => TypeOf(o)?.StartsWith("Action.", StringComparison.Ordinal) == true).Select(o => o["title"]))}");

    private static JsonObject Input(JsonObject card, string id) =>
        Walk(card).FirstOrDefault(o => TypeOf(o)?.StartsWith("Input.", StringComparison.Ordinal) == true && o["id"]?.GetValue<string>() == id)
        ?? throw new Xunit.Sdk.XunitException($"No input {id} on the card:\n{CardText(card)}");

    private static List<string> TextRuns(JsonObject card) =>
        Walk(card).Where(o => TypeOf(o) == "TextRun").Select(o => o["text"]!.GetValue<string>()).ToList();

    private static List<(string Title, string Value)> Facts(JsonObject card) =>
        Walk(card).Where(o => TypeOf(o) == "FactSet").SelectMany(o => o["facts"]!.AsArray())
            .Select(f => (f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>())).ToList();

    /// <summary>What a person reads on the card: its text runs, and its facts with the markdown escapes undone.</summary>
    private static string CardText(JsonObject card) =>
        string.Join('\n', TextRuns(card).Concat(Facts(card).Select(f => $"{Unescape(f.Title)}: {Unescape(f.Value)}")));

    private static string Unescape(string markdown) => MarkdownEscape().Replace(markdown, "$1").Replace("&lt;", "<", StringComparison.Ordinal);

    private static void Shows(JsonObject card, string expected)
    {
        var text = CardText(card);
        if (!text.Contains(expected, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"Expected the card to show \"{expected}\". It shows:\n{text}");
        }
    }

    /// <summary>The sections of a `postmortem status` card with this state.</summary>
    private static List<string> SectionsMarked(JsonObject card, string state) =>
        Walk(card).Where(o => TypeOf(o) == "ColumnSet")
            .Select(o => o["columns"]!.AsArray().Select(c => TextRuns(c!.AsObject())).ToList())
            .Where(columns => columns.Count == 2 && columns[0].SequenceEqual([state]))
            .Select(columns => columns[1][0])
            .ToList();

    /// <summary>
    /// Text Teams parses as markdown (TextBlocks, facts) carries no link, mention or date function a user could have
    /// typed; links are only the bot's own Action.OpenUrl to the report; no mention entities at all.
    /// </summary>
    private static void AssertNoMarkdownFromUsers(JsonObject card)
    {
        Assert.Null(card["msteams"]?["entities"]);
        foreach (var node in Walk(card))
        {
            var parsed = TypeOf(node) switch
            {
                "TextBlock" => [node["text"]!.GetValue<string>()],
                "FactSet" => node["facts"]!.AsArray().SelectMany(f => new[] { f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>() }),
                _ => Array.Empty<string>(),
            };
            foreach (var text in parsed)
            {
                Assert.DoesNotMatch(@"(?<!\\)\]\(", text);
                Assert.DoesNotContain("<at", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
            }

            if (TypeOf(node) == "Action.OpenUrl")
            {
                Assert.StartsWith(PublicBaseUrl + "/incidents/", node["url"]!.GetValue<string>());
            }
        }
    }

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex MarkdownEscape();
}
