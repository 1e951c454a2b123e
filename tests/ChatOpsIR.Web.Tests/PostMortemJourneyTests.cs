using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The guided post-mortem through the web war room's API, on SQLite and PostgreSQL: every section answered or
/// skipped, the host stopped half way and started again, the report published and read as a web page.
/// </summary>
public class PostMortemJourneyTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_whole_post_mortem_survives_a_restart_and_publishes_a_report_with_every_section(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using (var app = new ChatOpsAppFactory(database))
        {
            var alice = new WebChatClient(app.CreateClient(), "pm-room", "Alice");
            var bob = new WebChatClient(app.CreateClient(), "pm-room", "Bob");
            await alice.SendAsync("declare Laptop stolen with customer export sev2");
            await alice.SendAsync("mark first-activity at 07:00");
            await alice.SendAsync("mark detected at 08:00");
            await bob.SendAsync("note Police report filed at 08:30");
            app.Clock.Advance(TimeSpan.FromHours(3));
            await bob.SendAsync("note Remote wipe confirmed");
            await alice.SendAsync("mark contained");
            await alice.SendAsync("resolve");

            var started = await bob.SendAsync("postmortem");
            Assert.False(started.IsError, started.Text);
            Assert.False(started.IsPrivate);
            Shows(started, "Post-mortem 1 of 9: Scope and sources");
            Shows(started, "Bob started the post-mortem of INC-0001");

            // A required answer left out: nothing is saved and the form says which one.
            var incomplete = await bob.PressAsync("pm.answer", Section("scope", "next", ("pm.scope.systems", "Laptop LT-042")));
            Assert.True(incomplete.IsError);
            Shows(incomplete, "Which logs and data sources did you use?");

            var scope = await bob.PressAsync("pm.answer", Section("scope", "next",
                ("pm.scope.systems", "Laptop LT-042, the CRM export folder"),
                ("pm.scope.kinds", "endpoints,saas"),
                ("pm.scope.sources", "MDM inventory, CRM audit log"),
                ("pm.scope.missing", "Disk encryption status was not reported centrally")));
            Assert.False(scope.IsError, scope.Text);
            Shows(scope, "Post-mortem 2 of 9: Timeline review");
            Shows(scope, "Time to detect: 1h");
            Shows(scope, "2 gaps of more than an hour");

            // The gap is flagged; explaining it answers the section.
            var timeline = await alice.PressAsync("pm.answer", Section("timeline", "next", ("pm.timeline.gaps", "Waiting for the MDM vendor to confirm the wipe")));
            Shows(timeline, "Post-mortem 3 of 9: Root causes");

            var firstCause = await bob.PressAsync("pm.answer", Section("root-causes", "next",
                ("pm.cause.text", "Customer exports could be saved to local disks without encryption checks"),
                ("pm.cause.principles", "minimization,compartmentation"),
                ("pm.cause.enabler", "tooling")));
            Shows(firstCause, "Cause 1 saved by Bob");
            Shows(firstCause, "Post-mortem 3 of 9: Root causes");
            Shows(firstCause, "Incidents rarely have a single cause");

            // Blaming wording is saved but flagged, with a systemic suggestion.
            var blaming = await alice.PressAsync("pm.answer", Section("root-causes", "same",
                ("pm.cause.text", "It was Bob's fault for leaving the laptop in the car"),
                ("pm.cause.principles", "rigor"),
                ("pm.cause.enabler", "process")));
            Shows(blaming, "can read as blaming a person");
            var hinted = FindButton(blaming.Card!, "pm.reword");
            var reworded = await alice.PressAsync("pm.reword", With(hinted, ("pm.reworded", "Staff travel with devices holding full customer exports; nothing limits what a laptop carries")));
            Shows(reworded, "Cause 2 reworded by Alice");

            var next = await alice.PressAsync("pm.next", Section("root-causes", null));
            Shows(next, "Post-mortem 4 of 9: Impact");

            var impact = await alice.PressAsync("pm.answer", Section("impact", "next",
                ("pm.impact.confidentiality", "high"),
                ("pm.impact.integrity", "none"),
                ("pm.impact.availability", "low"),
                ("pm.impact.data", "personal"),
                ("pm.impact.people", "1200"),
                ("pm.impact.cost", "15000"),
                ("pm.impact.hours", "40")));
            Shows(impact, "GDPR Art. 33");
            Shows(impact, "Post-mortem 5 of 9: Response evaluation");
        }

        // The host stops half way; a new one on the same database carries on where the flow stopped.
        await using (var restarted = new ChatOpsAppFactory(database, ChatOpsAppFactory.DefaultStart.AddHours(5)))
        {
            var alice = new WebChatClient(restarted.CreateClient(), "pm-room", "Alice");
            var bob = new WebChatClient(restarted.CreateClient(), "pm-room", "Bob");
            var resumed = await bob.SendAsync("postmortem");
            Shows(resumed, "Resuming the post-mortem of INC-0001 at section 5 of 9");

            var status = await bob.SendAsync("postmortem status");
            Assert.True(status.IsPrivate);
            Shows(status, "4 of 9 sections done");
            Shows(status, "GDPR Art. 33: notify the supervisory authority by 2026-11-28 08:00");
            Shows(status, "Times in UTC.");

            // Only the commander skips, and only with a reason.
            var notCommander = await bob.PressAsync("pm.skip", Section("response", null));
            Assert.True(notCommander.IsError);
            Shows(notCommander, "Only the incident commander (Alice)");
            var askReason = await alice.PressAsync("pm.skip", Section("response", null));
            Assert.True(askReason.IsPrivate);
            Shows(askReason, "Why skip Response evaluation?");
            var skipped = await alice.PressAsync("pm.skip", Section("response", null, ("pm.reason", "Covered by the quarterly controls review on 2026-12-02")));
            Shows(skipped, "Alice skipped Response evaluation");
            Shows(skipped, "Post-mortem 6 of 9: Lessons learned");

            await bob.PressAsync("pm.answer", Section("lessons", "next", ("pm.lesson.text", "Central reporting of disk encryption would have answered the first question in minutes")));
            var badDate = await bob.PressAsync("pm.answer", Section("action-items", "same",
                ("pm.action.title", "Block CRM exports to unmanaged storage"),
                ("pm.action.owner", "@Carol"),
                ("pm.action.due", "2026-01-01"),
                ("pm.action.kind", "configuration"),
                ("pm.action.reach", "class")));
            Assert.True(badDate.IsError);
            Shows(badDate, "That date has passed");
            var action = await bob.PressAsync("pm.answer", Section("action-items", "next",
                ("pm.action.title", "Block CRM exports to unmanaged storage"),
                ("pm.action.owner", "@Carol"),
                ("pm.action.due", "2026-12-15"),
                ("pm.action.kind", "configuration"),
                ("pm.action.reach", "class")));
            Shows(action, "Action item A1 saved for Carol, due 2026-12-15");
            Shows(action, "Post-mortem 8 of 9: Training and awareness");

            await bob.PressAsync("pm.answer", Section("training", "next", ("pm.training.what", "Travelling with customer data"), ("pm.training.who", "Sales and account managers")));
            var summary = await alice.PressAsync("pm.answer", Section("summary", "same",
                ("pm.summary.asks", "Fund central encryption reporting; block exports to unmanaged storage"),
                ("pm.summary.risk", "Another lost laptop could mean another GDPR notification"),
                ("pm.summary.costtime", "About 5 person-days and no licence cost")));
            Shows(summary, "Quality check: ready to publish");

            var notAllowed = await bob.PressAsync("pm.publish", Section("summary", null));
            Assert.True(notAllowed.IsError);
            var published = await alice.PressAsync("pm.publish", Section("summary", null));
            Assert.False(published.IsError, published.Text);
            Assert.False(published.IsPrivate);
            Shows(published, "Post-mortem published · INC-0001 version 1");
            Shows(published, "Fund central encryption reporting");

            var link = published.Card!.ToJsonString();
            var reportUrl = System.Text.RegularExpressions.Regex.Match(link, "/incidents/[0-9a-f-]{36}/report").Value;
            Assert.NotEmpty(reportUrl);
            var http = restarted.CreateClient();
            var page = await http.GetAsync(reportUrl);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
            var html = await page.Content.ReadAsStringAsync();
            foreach (var heading in new[] { "Scope and sources", "Timeline review", "Root causes", "Impact", "Response evaluation", "Lessons learned", "Action items", "Training and awareness", "Summary and publish" })
            {
                Assert.Contains(heading, html);
            }

            Assert.Contains("Covered by the quarterly controls review", html);
            Assert.Contains("Block CRM exports to unmanaged storage", html);
            Assert.Contains("Staff travel with devices holding full customer exports", html);

            var frozen = await http.GetStringAsync(reportUrl + "?version=1&format=md");
            Assert.Contains("INC-0001", frozen);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(reportUrl + "?version=2")).StatusCode);
        }
    }

    /// <summary>The reply's text or card shows <paramref name="expected"/>; on failure, says what it showed instead.</summary>
    private static void Shows(WebReply reply, string expected)
    {
        if (!(reply.Text ?? string.Empty).Contains(expected, StringComparison.Ordinal) && !reply.CardText.Contains(expected, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"Expected the reply to show \"{expected}\".\nText: {reply.Text}\nCard:\n{reply.CardText}");
        }
    }

    private static Dictionary<string, string> Section(string section, string? next, params (string Key, string Value)[] values)
    {
        var data = new Dictionary<string, string> { ["incident"] = "1", ["section"] = section };
        if (next is not null)
        {
            data["next"] = next;
        }

        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        return data;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> data, params (string Key, string Value)[] values)
    {
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>The data of the first Action.Execute on the card with this verb, as the page would send it.</summary>
    private static Dictionary<string, string> FindButton(JsonObject card, string verb)
    {
        var found = Walk(card).FirstOrDefault(o => o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() == verb)
            ?? throw new Xunit.Sdk.XunitException($"No {verb} button on the card.");
        return found["data"]!.AsObject().Where(p => p.Key != "verb").ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    }

    private static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var (_, child) in o)
                {
                    foreach (var inner in Walk(child))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var inner in Walk(child))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
