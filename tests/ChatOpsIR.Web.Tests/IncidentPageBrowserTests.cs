using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// An incident's page (/incidents/{id}) as two people use it at once, each in their own browser profile: the
/// conversation and command box of its war room beside its whole record, both kept current without reloading.
/// </summary>
public sealed class IncidentPageBrowserTests : IAsyncLifetime
{
    private readonly WarRoomBrowserFixture _fixture = new();

    static IncidentPageBrowserTests() => SetDefaultExpectTimeout(10_000);

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_note_written_on_one_page_shows_on_the_other_without_reload_both_ways()
    {
        await using var aliceContext = await _fixture.NewContextAsync();
        await using var bobContext = await _fixture.NewContextAsync();
        var alice = await DeclareAsync(aliceContext, "fs01-ransomware", "declare Ransomware on FS01 sev2");
        var aliceProblems = BrowserSteps.WatchForProblems(alice, _fixture.BaseAddress);
        var path = await BrowserSteps.OpenIncidentPageAsync(alice);
        var bob = await bobContext.NewPageAsync();
        var bobProblems = BrowserSteps.WatchForProblems(bob, _fixture.BaseAddress);
        await BrowserSteps.EnterIncidentAsync(bob, path, "Bob");

        // The header says what the incident is, and both pages show the same record.
        foreach (var page in new[] { alice, bob })
        {
            await Expect(page.Locator("#incident-page-ref")).ToHaveTextAsync("INC-0001");
            await Expect(page.Locator("#incident-page-title")).ToHaveTextAsync("Ransomware on FS01");
            await Expect(page.Locator("#incident-page-badges")).ToContainTextAsync("SEV2");
            await Expect(page.Locator("#incident-page-facts")).ToContainTextAsync("Alice");
            await Expect(page.Locator("#incident-page-facts")).ToContainTextAsync("#fs01-ransomware");
            await Expect(page.Locator(".record-moments")).ToContainTextAsync("not yet");
            await Expect(page.Locator("#switch-channel")).ToBeHiddenAsync();
        }

        await Expect(bob).ToHaveTitleAsync(new Regex("INC-0001"));
        await BrowserSteps.SendAsync(alice, "note Isolated FS01 from the network");
        await Expect(bob.Locator("#messages")).ToContainTextAsync("note Isolated FS01 from the network");
        await Expect(bob.Locator("#timeline")).ToContainTextAsync("Isolated FS01 from the network");

        await BrowserSteps.SendAsync(bob, "note Backups on NAS02 verified clean");
        await Expect(alice.Locator("#messages")).ToContainTextAsync("note Backups on NAS02 verified clean");
        await Expect(alice.Locator("#timeline")).ToContainTextAsync("Backups on NAS02 verified clean");

        // A key moment marked by one person fills in on the other's record, and the timeline highlights it.
        await BrowserSteps.SendAsync(alice, "mark contained");
        var contained = bob.Locator(".record-moments .moment[data-moment='contained']");
        await Expect(contained).ToHaveClassAsync(new Regex("moment-marked"));
        await Expect(contained).Not.ToContainTextAsync("not yet");
        await Expect(bob.Locator("#timeline .entry-key")).ToContainTextAsync("Contained");

        await BrowserSteps.SendAsync(alice, "role scribe @Bob");
        await Expect(bob.Locator(".record-roles")).ToContainTextAsync("Scribe");
        await Expect(bob.Locator(".record-roles")).ToContainTextAsync("Bob");

        await BrowserScreenshots.SaveAsync(bob, "incident-page");
        Assert.Empty(aliceProblems);
        Assert.Empty(bobProblems);
    }

    [Fact]
    public async Task A_post_mortem_section_answered_on_one_page_shows_on_the_other()
    {
        await using var aliceContext = await _fixture.NewContextAsync();
        await using var bobContext = await _fixture.NewContextAsync();
        var alice = await DeclareAsync(aliceContext, "phish-finance", "declare Phishing wave against finance sev3");
        var aliceProblems = BrowserSteps.WatchForProblems(alice, _fixture.BaseAddress);
        var path = await BrowserSteps.OpenIncidentPageAsync(alice);
        var bob = await bobContext.NewPageAsync();
        var bobProblems = BrowserSteps.WatchForProblems(bob, _fixture.BaseAddress);
        await BrowserSteps.EnterIncidentAsync(bob, path, "Bob");

        await alice.Locator(".record-postmortem").GetByRole(AriaRole.Button, new() { Name = "Open post-mortem" }).ClickAsync();
        var scope = BrowserSteps.Card(alice, "Post-mortem 1 of 9: Scope and sources");
        await Expect(scope).ToBeVisibleAsync();
        var bobScope = bob.Locator(".pm-section[data-section='scope'] .pm-section-state");
        await Expect(bobScope).ToHaveTextAsync("not started");
        await Expect(bob.Locator(".record-postmortem")).ToContainTextAsync("in progress");

        await scope.GetByLabel("Which systems were involved?").FillAsync("Mail gateway, finance mailboxes");
        await scope.GetByLabel("Which logs and data sources did you use?").FillAsync("Mail gateway logs");
        await scope.GetByLabel("Which sources were missing?").FillAsync("URL click tracking");
        await scope.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Expect(BrowserSteps.Card(alice, "Post-mortem 2 of 9: Timeline review")).ToBeVisibleAsync();

        // Bob did nothing: his panel's section state changes and his conversation shows Alice's answer.
        await Expect(bobScope).ToHaveTextAsync("answered");
        await Expect(bob.Locator("#messages")).ToContainTextAsync("Scope and sources saved by Alice");
        await Expect(BrowserSteps.Card(bob, "Post-mortem 2 of 9: Timeline review")).ToBeVisibleAsync();
        await Expect(alice.Locator(".pm-section[data-section='scope'] .pm-section-state")).ToHaveTextAsync("answered");
        Assert.Empty(aliceProblems);
        Assert.Empty(bobProblems);
    }

    [Fact]
    public async Task Export_downloads_the_record_as_json_and_as_markdown()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await DeclareAsync(context, "leaked-key", "declare Leaked API key in a public repository sev1");
        await BrowserSteps.SendAsync(page, "note Key revoked at the provider");
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);
        await BrowserSteps.OpenIncidentPageAsync(page);

        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export JSON" }).ClickAsync());
        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(await json.PathAsync())))
        {
            Assert.Equal("chatopsir-incident-export/1", document.RootElement.GetProperty("schema").GetString());
            Assert.Equal("INC-0001", document.RootElement.GetProperty("incident").GetProperty("reference").GetString());
            Assert.Equal("Alice", document.RootElement.GetProperty("exportedBy").GetProperty("name").GetString());
        }

        Assert.EndsWith(".json", json.SuggestedFilename, StringComparison.Ordinal);

        var markdown = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export Markdown" }).ClickAsync());
        var text = await File.ReadAllTextAsync(await markdown.PathAsync());
        Assert.Contains("Leaked API key in a public repository", text, StringComparison.Ordinal);
        Assert.Contains("Key revoked at the provider", text, StringComparison.Ordinal);
        Assert.EndsWith(".md", markdown.SuggestedFilename, StringComparison.Ordinal);

        // The page is still there, working: the links downloaded rather than navigated away.
        await Expect(page.Locator("#incident-page-ref")).ToHaveTextAsync("INC-0001");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_command_box_completes_verbs_then_their_arguments()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await DeclareAsync(context, "vpn-logins", "declare Suspicious VPN logins sev3");
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);
        await BrowserSteps.OpenIncidentPageAsync(page);
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Command" });
        var options = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" });

        await box.PressSequentiallyAsync("se");
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        var sev = options.GetByRole(AriaRole.Option).Filter(new() { HasText = "sev" }).First;
        await Expect(sev).ToContainTextAsync("Change the incident's severity");
        await BrowserScreenshots.SaveAsync(page, "command-completion");

        // Tab takes it; the severities follow, with their names.
        await box.PressAsync("Tab");
        await Expect(box).ToHaveValueAsync("sev ");
        await Expect(box).ToBeFocusedAsync();
        await Expect(options.GetByRole(AriaRole.Option)).ToHaveCountAsync(4);
        await Expect(options.GetByRole(AriaRole.Option).First).ToHaveTextAsync(new Regex("^1\\s*critical$"));

        // Arrows move the highlight (the box names it); Enter takes the highlighted one.
        await box.PressAsync("ArrowDown");
        await box.PressAsync("ArrowDown");
        var second = options.GetByRole(AriaRole.Option).Nth(1);
        await Expect(second).ToHaveAttributeAsync("aria-selected", "true");
        Assert.Equal(await second.GetAttributeAsync("id"), await box.GetAttributeAsync("aria-activedescendant"));
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync("sev 2 ");
        await Expect(options).ToBeHiddenAsync();
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "false");

        // Enter with nothing highlighted sends.
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync(string.Empty);
        await Expect(page.Locator("#incident-page-badges")).ToContainTextAsync("SEV2");

        // Escape closes the list and keeps the text.
        await box.PressSequentiallyAsync("mark c");
        await Expect(options.GetByRole(AriaRole.Option).First).ToContainTextAsync("contained");
        await box.PressAsync("Escape");
        await Expect(options).ToBeHiddenAsync();
        await Expect(box).ToHaveValueAsync("mark c");

        // A click takes an option too; @ offers the incident's people.
        await box.FillAsync(string.Empty);
        await box.PressSequentiallyAsync("role sc");
        await options.GetByRole(AriaRole.Option, new() { Name = "scribe" }).ClickAsync();
        await Expect(box).ToHaveValueAsync("role scribe ");
        await box.PressSequentiallyAsync("@A");
        await Expect(options.GetByRole(AriaRole.Option)).ToContainTextAsync(["@Alice"]);
        await box.PressAsync("Tab");
        await Expect(box).ToHaveValueAsync("role scribe @Alice ");
        await box.PressAsync("Enter");
        await Expect(page.Locator(".record-roles")).ToContainTextAsync("Scribe");

        // With the list closed, the up arrow still recalls what was typed.
        await box.PressAsync("ArrowUp");
        await Expect(box).ToHaveValueAsync("role scribe @Alice");

        // Action items come from the incident's record, incident references from the incident list.
        await box.FillAsync(string.Empty);
        await BrowserSteps.SendAsync(page, "action @Alice +7d Rotate the VPN certificates");
        await Expect(page.Locator(".record-actions")).ToContainTextAsync("A1");
        await box.PressSequentiallyAsync("action done ");
        await Expect(options.GetByRole(AriaRole.Option)).ToHaveTextAsync([new Regex("^A1.*Rotate the VPN certificates")]);
        await box.PressAsync("Tab");
        await Expect(box).ToHaveValueAsync("action done A1 ");
        await box.FillAsync(string.Empty);
        await box.PressSequentiallyAsync("timeline INC");
        await Expect(options.GetByRole(AriaRole.Option)).ToHaveTextAsync([new Regex("^INC-0001.*Suspicious VPN logins")]);
        await box.PressAsync("Escape");
        await Expect(options).ToBeHiddenAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_notification_clock_shows_the_time_left_once_the_impact_records_personal_data()
    {
        await using var context = await _fixture.NewContextAsync();
        // The browser's clock reads the host's fake time, so the time left counts from the same now as the server's.
        await context.Clock.SetFixedTimeAsync(ChatOpsAppFactory.DefaultStart.UtcDateTime);
        var page = await DeclareAsync(context, "crm-export", "declare Laptop with CRM export stolen sev2");
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);
        await BrowserSteps.OpenIncidentPageAsync(page);
        await Expect(page.Locator(".record-clocks")).ToContainTextAsync("No clock running");

        // Someone else answers the impact section from their own client; the page follows.
        using var http = new HttpClient { BaseAddress = _fixture.BaseAddress };
        var carol = new WebChatClient(http, "crm-export", "Carol");
        Assert.False((await carol.SendAsync("postmortem")).IsError);
        var impact = await carol.PressAsync("pm.answer", new Dictionary<string, string>
        {
            ["incident"] = "1",
            ["section"] = "impact",
            ["next"] = "next",
            ["pm.impact.confidentiality"] = "high",
            ["pm.impact.integrity"] = "none",
            ["pm.impact.availability"] = "low",
            ["pm.impact.data"] = "personal",
            ["pm.impact.people"] = "1200",
        });
        Assert.False(impact.IsError, impact.Text);

        var clock = page.Locator(".record-clocks .clock").Filter(new() { HasText = "GDPR" }).First;
        await Expect(clock).ToBeVisibleAsync();
        await Expect(clock).Not.ToHaveClassAsync(new Regex("clock-overdue"));
        await Expect(clock.Locator(".clock-due time")).ToHaveCountAsync(1);

        // The page works the time left out itself, from the due time, in the server's words.
        var id = new Uri(page.Url).AbsolutePath.Split('/').Last();
        var detail = await http.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?user=Carol");
        var gdpr = detail.GetProperty("clocks").EnumerateArray().First(c => c.GetProperty("regime").GetString()!.Contains("GDPR", StringComparison.Ordinal));
        var left = gdpr.GetProperty("left").GetString()!;
        Assert.EndsWith(" left", left, StringComparison.Ordinal);
        await Expect(clock.Locator(".clock-left")).ToHaveTextAsync(left);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_earlier_incident_stays_readable_and_points_to_the_channels_newer_one()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await DeclareAsync(context, "dns-outage", "declare DNS resolution failing sev3");
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);
        var first = await BrowserSteps.OpenIncidentPageAsync(page);
        await Expect(page.Locator("#incident-page-note")).ToBeHiddenAsync();

        await BrowserSteps.SendAsync(page, "resolve Resolver restarted");
        await BrowserSteps.SendAsync(page, "close Nothing to learn");
        await BrowserSteps.SendAsync(page, "declare DNS failing again sev2");

        // This page still shows INC-0001, closed, and says where the channel's commands now go.
        var note = page.Locator("#incident-page-note");
        await Expect(note).ToContainTextAsync("moved on to a newer incident");
        await Expect(page.Locator("#incident-page-ref")).ToHaveTextAsync("INC-0001");
        await Expect(page.Locator("#incident-page-badges")).ToContainTextAsync("Closed");
        await note.GetByRole(AriaRole.Link, new() { Name = "INC-0002 · DNS failing again" }).ClickAsync();
        await Expect(page.Locator("#incident-page-ref")).ToHaveTextAsync("INC-0002");
        Assert.NotEqual(first, new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("#incident-page-note")).ToBeHiddenAsync();
        Assert.Empty(problems);
    }

    private static async Task<IPage> DeclareAsync(IBrowserContext context, string channel, string declaration)
    {
        var page = await BrowserSteps.EnterAsync(context, channel, "Alice");
        await BrowserSteps.SendAsync(page, declaration);
        await Expect(page.Locator("#incident-body")).ToContainTextAsync("INC-0001");
        return page;
    }
}
