using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The web war room as a newcomer uses it: a real Chromium on the real page, talking to the real host.
/// Cards must be drawn by the vendored Adaptive Cards renderer: the assertions look for its markup.
/// </summary>
public sealed class BrowserWarRoomTests : IAsyncLifetime
{
    private const string Hostile = "<img src=x onerror=alert(1)> **bold** [link](http://evil)";

    private readonly WarRoomBrowserFixture _fixture = new();

    static BrowserWarRoomTests() => SetDefaultExpectTimeout(10_000);

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Newcomer_runs_an_incident_from_declaration_to_resolution()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);

        await page.GotoAsync("/");
        await page.GetByLabel("Your display name").FillAsync("Alice");
        await page.GetByLabel("New channel name").FillAsync("ransomware-fs01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter the room" }).ClickAsync();
        await Expect(page.Locator("#current-channel")).ToHaveTextAsync("ransomware-fs01");
        Assert.EndsWith("#channel=ransomware-fs01", page.Url, StringComparison.Ordinal);

        // The declaration comes back as an Adaptive Card drawn by the renderer, not as plain text.
        await SendAsync(page, "declare Ransomware on file server sev2");
        var incidentCard = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "INC-0001 · Ransomware on file server" });
        await Expect(incidentCard).ToBeVisibleAsync();
        await Expect(incidentCard).ToContainTextAsync("Commander");
        await Expect(page.Locator("#incident-body")).ToContainTextAsync("Ransomware on file server");
        await Expect(page.Locator("#incident-body .sev")).ToHaveTextAsync("SEV2 · high");

        await SendAsync(page, "note Isolated FS01 at 09:05");
        await Expect(BotMessages(page).Last).ToContainTextAsync("Added to the INC-0001 timeline");
        await SendAsync(page, "sev 1");
        await Expect(page.Locator("#incident-body .sev")).ToHaveTextAsync("SEV1 · critical");
        await SendAsync(page, "mark contained");
        await Expect(BotMessages(page).Last).ToContainTextAsync("Contained");

        // Text typed by a person is shown as text everywhere: no element is made from it, no markdown applied.
        await SendAsync(page, $"note {Hostile}");
        await Expect(page.Locator("#messages .msg-mine").Last).ToContainTextAsync(Hostile);
        await Expect(BotMessages(page).Last).ToContainTextAsync(Hostile);
        await Expect(page.Locator("#timeline")).ToContainTextAsync(Hostile);

        // A card button (Action.Execute) runs its command for the person who pressed it.
        await incidentCard.GetByRole(AriaRole.Button, new() { Name = "Timeline", Exact = true }).ClickAsync();
        var timelineCard = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "Timeline · INC-0001" });
        await Expect(timelineCard).ToBeVisibleAsync();
        await Expect(timelineCard).ToContainTextAsync("Isolated FS01");
        await Expect(timelineCard).ToContainTextAsync(Hostile);
        await Expect(page.Locator("#messages .msg-mine").Last).ToContainTextAsync("timeline");

        // An unknown command gets an error reply naming it; the box stays usable.
        await SendAsync(page, "frobnicate");
        var error = page.Locator("#messages .msg-error").Last;
        await Expect(error).ToContainTextAsync("frobnicate");
        await Expect(error).ToContainTextAsync("Only visible to you");

        await SendAsync(page, "resolve");
        await Expect(page.Locator("#incident-body .status")).ToHaveTextAsync("Resolved");
        var entries = page.Locator("#timeline .entry");
        await Expect(entries.Last).ToContainTextAsync("resolved", new() { IgnoreCase = true });

        var texts = await page.Locator("#timeline .entry .entry-text").AllInnerTextsAsync();
        AssertInOrder(texts, "Isolated FS01", "Incident declared", "SEV1", "Contained", Hostile, "resolved");
        var backdated = entries.Filter(new() { HasText = "Isolated FS01" });
        await Expect(backdated).ToHaveClassAsync(new Regex("entry-backdated"));
        await Expect(backdated.Locator(".entry-when")).ToHaveTextAsync("09:05");
        await Expect(backdated).ToContainTextAsync("recorded");
        await Expect(page.Locator("#timeline .entry-key")).ToContainTextAsync("Key moment: Contained");

        await Expect(page.Locator("img[src='x']")).ToHaveCountAsync(0);
        await Expect(page.Locator("a[href='http://evil'], a[href='http://evil/']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#messages strong, #timeline strong")).ToHaveCountAsync(0);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Commands_in_card_text_show_as_code_without_backticks()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);

        await page.GotoAsync("/#channel=markup-drill");
        await page.GetByLabel("Your display name").FillAsync("Bob");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter the room" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true }).ClickAsync();
        var help = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "ChatOpsIR commands" });
        await Expect(help).ToBeVisibleAsync();

        // Core wrote "`help <command>` explains one command": the JavaScript renderer draws the TextRun in a monospace font.
        await Expect(help).ToContainTextAsync("help <command> explains one command");
        Assert.DoesNotContain("`", await help.InnerTextAsync());
        var code = help.GetByText("help <command>", new() { Exact = true });
        Assert.Contains("monospace", await code.EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Typed_text_survives_an_unreachable_server_and_comes_back_with_the_up_arrow()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);

        await page.GotoAsync("/#channel=outage-drill");
        await page.GetByLabel("Your display name").FillAsync("Bob");
        await Expect(page.GetByLabel("New channel name")).ToHaveValueAsync("outage-drill");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter the room" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true }).ClickAsync();
        await Expect(page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "ChatOpsIR commands" })).ToBeVisibleAsync();

        // The server goes away: the command stays in the box and the page says so.
        await page.RouteAsync("**/commands", route => route.AbortAsync());
        var box = page.GetByLabel("Command", new() { Exact = true });
        await box.FillAsync("declare DNS outage sev3 exercise");
        await box.PressAsync("Enter");
        await Expect(page.Locator("#composer-error")).ToContainTextAsync("Can't reach");
        await Expect(box).ToHaveValueAsync("declare DNS outage sev3 exercise");

        // It comes back: Enter sends the same text, once.
        await page.UnrouteAsync("**/commands");
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync(string.Empty);
        await Expect(page.Locator("#composer-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#incident-body .exercise")).ToHaveTextAsync("EXERCISE");
        await Expect(page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "DNS outage" })).ToHaveCountAsync(1);

        // Up walks back through what was typed (the Help button's "help" was not typed), Down returns.
        await box.FillAsync("half-typed");
        await box.PressAsync("ArrowUp");
        await Expect(box).ToHaveValueAsync("declare DNS outage sev3 exercise");
        await box.PressAsync("ArrowDown");
        await Expect(box).ToHaveValueAsync("half-typed");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_commander_walks_the_room_through_post_mortem_cards_in_the_browser()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);

        await page.GotoAsync("/#channel=pm-browser");
        await page.GetByLabel("Your display name").FillAsync("Alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter the room" }).ClickAsync();
        await SendAsync(page, "declare Phishing wave against finance sev3");
        await SendAsync(page, "mark detected at 08:00");
        await SendAsync(page, "postmortem");

        // The section's questions are inputs on the card; the card's button sends what was typed.
        var scope = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "Post-mortem 1 of 9: Scope and sources" }).Last;
        await Expect(scope).ToBeVisibleAsync();
        await scope.GetByLabel("Which systems were involved?").FillAsync("Mail gateway, finance mailboxes");
        await scope.GetByLabel("Which logs and data sources did you use?").FillAsync("Mail gateway logs <b>raw</b>");
        await scope.GetByLabel("Which sources were missing?").FillAsync("URL click tracking");
        await scope.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        var timeline = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "Post-mortem 2 of 9: Timeline review" }).Last;
        await Expect(timeline).ToBeVisibleAsync();
        await Expect(timeline).ToContainTextAsync("Scope and sources saved by Alice");

        // Skipping asks the commander for a reason on a card of its own.
        await timeline.GetByRole(AriaRole.Button, new() { Name = "Skip section" }).ClickAsync();
        var reason = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "Skip Timeline review?" }).Last;
        await reason.GetByLabel("Reason for skipping").FillAsync("Timeline reviewed live in the call");
        await reason.GetByRole(AriaRole.Button, new() { Name = "Skip section" }).ClickAsync();
        var causes = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "Post-mortem 3 of 9: Root causes" }).Last;
        await Expect(causes).ToBeVisibleAsync();
        await Expect(causes).ToContainTextAsync("Alice skipped Timeline review: Timeline reviewed live in the call");

        await SendAsync(page, "postmortem status");
        var status = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "Post-mortem status" }).Last;
        await Expect(status).ToContainTextAsync("2 of 9 sections done");

        // The report opens as its own page, in the same origin, with the answers as text.
        await SendAsync(page, "report");
        var report = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "Post-mortem report" }).Last;
        // The page opens it with noopener, so it arrives as a new page of the context rather than as a popup.
        var popup = await context.RunAndWaitForPageAsync(() => report.GetByRole(AriaRole.Link, new() { Name = "Open full report" }).ClickAsync());
        await Expect(popup.Locator("h1")).ToContainTextAsync("Post-mortem: INC-0001");
        await Expect(popup.Locator("body")).ToContainTextAsync("Mail gateway logs <b>raw</b>");
        await Expect(popup.Locator("body")).ToContainTextAsync("Timeline reviewed live in the call");
        await Expect(popup.Locator("b")).ToHaveCountAsync(0);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_long_command_is_counted_not_cut_and_a_refusal_says_why()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);

        await page.GotoAsync("/#channel=long-notes");
        await page.GetByLabel("Your display name").FillAsync("Alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter the room" }).ClickAsync();
        await SendAsync(page, "declare Long notes sev3");

        // Near the server's limit a counter shows; the box takes every character the server takes.
        var box = page.GetByLabel("Command", new() { Exact = true });
        var counter = page.Locator("#command-count");
        await Expect(counter).ToBeHiddenAsync();
        await box.FillAsync("note " + new string('a', 3_700));
        await Expect(counter).ToHaveTextAsync("3,705 of 4,000 characters");
        await SendAsync(page, "note " + new string('a', 3_995));
        await Expect(BotMessages(page).Last).ToContainTextAsync(new string('a', 3_995));

        // Over it, nothing is cut: the page says by how much and sends nothing.
        var tooLong = "note " + new string('b', 4_095);
        await box.FillAsync(tooLong);
        await Expect(counter).ToHaveTextAsync("100 characters too long: a command is at most 4,000 characters. Shorten it, or split it into several notes.");
        await box.PressAsync("Enter");
        await Expect(page.Locator("#composer-error")).ToContainTextAsync("Not sent: a command is at most 4,000 characters and this one has 4,100.");
        await Expect(box).ToHaveValueAsync(tooLong);

        // Should the page's limit ever differ from the server's, the server's refusal is shown in its own words.
        await box.EvaluateAsync("b => { b.dataset.maxLength = '100000'; }");
        await box.PressAsync("Enter");
        await Expect(page.Locator("#composer-error")).ToContainTextAsync("The server refused that command: A command is at most 4,000 characters; this one has 4,100.");
        await Expect(box).ToHaveValueAsync(tooLong);
        await Expect(page.Locator("#messages .msg-mine").Filter(new() { HasText = "bbbb" })).ToHaveCountAsync(0);
        Assert.DoesNotContain(problems, p => !p.Contains("400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_page_wraps_a_long_word_instead_of_widening()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/#channel=wide-report");
        await page.GetByLabel("Your display name").FillAsync("Alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter the room" }).ClickAsync();
        await SendAsync(page, "declare Wide report sev3");
        await SendAsync(page, "note " + new string('w', 3_000));
        await SendAsync(page, "postmortem");
        await SendAsync(page, "report");
        var card = page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = "Post-mortem report" }).Last;
        var popup = await context.RunAndWaitForPageAsync(() => card.GetByRole(AriaRole.Link, new() { Name = "Open full report" }).ClickAsync());
        // The page is waited for by what it shows: its "load" event once failed to arrive in a run on a busy machine.
        await popup.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await Expect(popup.Locator("h1")).ToBeVisibleAsync();

        // The incident was declared from a browser in Berlin: its cards and its report read in that zone.
        Assert.DoesNotContain("tz=", popup.Url, StringComparison.Ordinal);
        await Expect(popup.Locator("body")).ToContainTextAsync("All times are in UTC+01:00.");
        var widths = await popup.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide in a {widths[1]} px window");
        await Expect(popup.GetByRole(AriaRole.Link, new() { Name = "← Back to INC-0001 in #wide-report" })).ToHaveAttributeAsync("href", "/#channel=wide-report");
        await Expect(popup.GetByRole(AriaRole.Link, new() { Name = "Download Markdown" })).ToBeVisibleAsync();

        await popup.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(popup.Locator(".page-links")).ToBeHiddenAsync();
        Assert.Equal("rgb(0, 0, 0)", await popup.EvaluateAsync<string>("getComputedStyle(document.querySelector('h1')).color"));
    }

    private static ILocator BotMessages(IPage page) => BrowserSteps.BotMessages(page);

    private static Task SendAsync(IPage page, string line) => BrowserSteps.SendAsync(page, line);

    private List<string> WatchForProblems(IPage page) => BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);

    private static void AssertInOrder(IReadOnlyList<string> texts, params string[] expected)
    {
        var position = -1;
        foreach (var fragment in expected)
        {
            var found = -1;
            for (var i = position + 1; i < texts.Count; i++)
            {
                if (texts[i].Contains(fragment, StringComparison.OrdinalIgnoreCase))
                {
                    found = i;
                    break;
                }
            }

            Assert.True(found > position, $"Expected \"{fragment}\" after entry {position} in the timeline:\n{string.Join('\n', texts)}");
            position = found;
        }
    }
}
