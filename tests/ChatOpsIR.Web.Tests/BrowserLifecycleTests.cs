using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The post-mortem after `resolve`, in a real Chromium on the real page: the timeline corrected while the post-mortem
/// runs, and an earlier incident's post-mortem reached by reference once the channel has moved on.
/// </summary>
public sealed class BrowserLifecycleTests : IAsyncLifetime
{
    private readonly WarRoomBrowserFixture _fixture = new();

    static BrowserLifecycleTests() => SetDefaultExpectTimeout(10_000);

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task The_timeline_review_card_asks_for_corrections_and_they_work_after_resolve()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await BrowserSteps.EnterAsync(context, "vpn-browser", "Alice");
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);

        await BrowserSteps.SendAsync(page, "declare Credential stuffing on the VPN sev2");
        await BrowserSteps.SendAsync(page, "mark detected at 10:30");
        await BrowserSteps.SendAsync(page, "resolve Source ranges blocked");
        await Expect(page.Locator("#incident-body .status")).ToHaveTextAsync("Resolved");
        await BrowserSteps.SendAsync(page, "postmortem");

        var scope = BrowserSteps.Card(page, "Post-mortem 1 of 9: Scope and sources");
        await scope.GetByLabel("Which systems were involved?").FillAsync("VPN gateway");
        await scope.GetByLabel("Which logs and data sources did you use?").FillAsync("Gateway logs");
        await scope.GetByLabel("Which sources were missing?").FillAsync("Per-user login history");
        await scope.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // The timeline review tells how to add what is missing, with the command drawn as code rather than backticks.
        var review = BrowserSteps.Card(page, "Post-mortem 2 of 9: Timeline review");
        await Expect(review).ToBeVisibleAsync();
        var corrections = review.GetByLabel("Corrections or comments on the timeline");
        await Expect(corrections).ToHaveAttributeAsync("placeholder", new System.Text.RegularExpressions.Regex("note <text> at 14:05"));
        Assert.DoesNotContain("`", await corrections.GetAttributeAsync("placeholder"));
        Assert.DoesNotContain("`", await review.InnerTextAsync());

        // … and doing what it says works.
        await BrowserSteps.SendAsync(page, "note First failed login from the botnet at 10:05");
        await Expect(BrowserSteps.BotMessages(page).Last).ToContainTextAsync("added after resolve");
        await BrowserSteps.SendAsync(page, "mark contained 11:20");
        await Expect(BrowserSteps.BotMessages(page).Last).ToContainTextAsync("Contained");
        Assert.DoesNotContain("There is no open incident", await BrowserSteps.BotMessages(page).Last.InnerTextAsync());

        var corrected = page.Locator("#timeline .entry").Filter(new() { HasText = "First failed login from the botnet" });
        await Expect(corrected).ToBeVisibleAsync();
        await Expect(corrected).ToContainTextAsync("added after resolve");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Key moment: Contained");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_earlier_post_mortem_is_reached_by_reference_after_a_new_incident_in_the_same_channel()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await BrowserSteps.EnterAsync(context, "soc-browser", "Alice");
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);

        await BrowserSteps.SendAsync(page, "declare First thing sev4");
        await BrowserSteps.SendAsync(page, "resolve done");
        await BrowserSteps.SendAsync(page, "postmortem");
        await Expect(BrowserSteps.Card(page, "Post-mortem 1 of 9: Scope and sources")).ToBeVisibleAsync();

        await BrowserSteps.SendAsync(page, "declare Second thing sev4");
        var second = BrowserSteps.Card(page, "INC-0002 · Second thing");
        await Expect(second).ToContainTextAsync("postmortem INC-0001");
        await Expect(page.Locator("#incident-body")).ToContainTextAsync("Second thing");

        await BrowserSteps.SendAsync(page, "postmortem status INC-0001");
        await Expect(BrowserSteps.Card(page, "Post-mortem status")).ToContainTextAsync("INC-0001");

        await BrowserSteps.SendAsync(page, "postmortem INC-0001");
        await Expect(BrowserSteps.BotMessages(page).Last).ToContainTextAsync("Resuming the post-mortem of INC-0001");

        await BrowserSteps.SendAsync(page, "timeline INC-0001");
        var timeline = BrowserSteps.Card(page, "Timeline · INC-0001");
        await Expect(timeline).ToContainTextAsync("First thing");

        await BrowserSteps.SendAsync(page, "report INC-0001");
        var report = BrowserSteps.Card(page, "Post-mortem report");
        var popup = await context.RunAndWaitForPageAsync(() => report.GetByRole(AriaRole.Link, new() { Name = "Open full report" }).ClickAsync());
        await Expect(popup.Locator("h1")).ToContainTextAsync("INC-0001");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_blame_coaching_card_shows_every_button_label_whole()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await BrowserSteps.EnterAsync(context, "blame-browser", "Alice");
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);

        await BrowserSteps.SendAsync(page, "declare Invoice fraud by e-mail sev3");
        await BrowserSteps.SendAsync(page, "resolve");
        await BrowserSteps.SendAsync(page, "postmortem");
        var scope = BrowserSteps.Card(page, "Post-mortem 1 of 9: Scope and sources");
        await scope.GetByRole(AriaRole.Button, new() { Name = "Skip section" }).ClickAsync();
        var skipScope = BrowserSteps.Card(page, "Skip Scope and sources?");
        await skipScope.GetByLabel("Reason for skipping").FillAsync("Covered in the fraud team's own review");
        await skipScope.GetByRole(AriaRole.Button, new() { Name = "Skip section" }).ClickAsync();
        var review = BrowserSteps.Card(page, "Post-mortem 2 of 9: Timeline review");
        await review.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // A cause that blames a person: the card coaches a systemic wording, with its choices as buttons.
        var causes = BrowserSteps.Card(page, "Post-mortem 3 of 9: Root causes");
        await causes.GetByLabel("Describe a root cause").FillAsync("Bob was careless and paid a fake invoice");
        await causes.GetByLabel("Rigor", new() { Exact = true }).CheckAsync();
        await causes.GetByLabel("Process", new() { Exact = true }).CheckAsync();
        await causes.GetByRole(AriaRole.Button, new() { Name = "Save, add another" }).ClickAsync();

        var coached = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "careless" }).Filter(new() { HasText = "Reword cause 1" }).Last;
        await Expect(coached).ToBeVisibleAsync();

        // Read whole on a 600 px card: no button of the card cuts its label.
        await coached.EvaluateAsync("card => { card.style.width = '600px'; card.style.maxWidth = '600px'; }");
        var labels = await coached.Locator("button").EvaluateAllAsync<string[]>(
            "buttons => buttons.filter(b => b.offsetParent !== null).map(b => { " +
            "const cut = [b, ...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1); " +
            "return (cut ? 'CUT:' : '') + (b.innerText || b.getAttribute('aria-label') || '').trim(); })");
        Assert.Contains("Save, add another", labels);
        Assert.Contains("Save and continue", labels);
        Assert.Contains("Reword cause 1", labels);
        Assert.DoesNotContain(labels, l => l.StartsWith("CUT:", StringComparison.Ordinal));
        Assert.DoesNotContain(labels, l => l.Contains('…'));

        // The page's sticky header would cover the top of the card in the picture (set through the DOM: the page's CSP allows no injected style sheet).
        await page.EvaluateAsync("() => document.querySelector('.topbar').style.visibility = 'hidden'");
        await BrowserScreenshots.SaveAsync(page, "blame-coaching-card", coached);
        Assert.Empty(problems);
    }
}
