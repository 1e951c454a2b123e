using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The incident list in a real Chromium against the real host: it follows what happens in the war room without a reload,
/// its filters narrow the rows and stay in the address, and the page raises no script error.
/// </summary>
public sealed partial class IncidentListBrowserTests : IAsyncLifetime
{
    private readonly WarRoomBrowserFixture _fixture = new();

    static IncidentListBrowserTests() => SetDefaultExpectTimeout(12_000);

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task The_list_follows_the_war_room_live_and_its_filters_narrow_the_rows()
    {
        await using var bobContext = await _fixture.NewContextAsync();
        var phishRoom = await BrowserSteps.EnterAsync(bobContext, "phish-room", "Bob");
        await BrowserSteps.SendAsync(phishRoom, "declare Phishing wave on finance sev2");
        await BrowserSteps.SendAsync(phishRoom, "status Blocked the sender domain");

        // Alice picked her name in the war room, then opens the list.
        await using var aliceContext = await _fixture.NewContextAsync();
        var page = await BrowserSteps.EnterAsync(aliceContext, "lobby", "Alice");
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);
        await page.GetByRole(AriaRole.Link, new() { Name = "Incidents", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/incidents$"));
        await Expect(page.Locator(".site-nav a[aria-current=page]")).ToHaveTextAsync("Incidents");
        var open = page.Locator("#rows-open");
        var resolved = page.Locator("#rows-resolved");
        var phishing = open.Locator("a.incident-row", new() { HasText = "INC-0001" });
        await Expect(phishing).ToContainTextAsync("Phishing wave on finance");
        await Expect(phishing).ToContainTextAsync("Last status: Blocked the sender domain");
        await Expect(phishing).ToContainTextAsync("Commander Bob");
        await Expect(phishing).ToContainTextAsync("#phish-room");
        await Expect(phishing.Locator(".sev")).ToHaveTextAsync("SEV2");
        Assert.Matches(GuidLink(), await phishing.GetAttributeAsync("href") ?? string.Empty);
        await Expect(page.Locator("#name-notice")).ToBeHiddenAsync();

        // Bob declares another incident and resolves the first: Alice's list follows without a reload.
        await using var bobElsewhere = await _fixture.NewContextAsync();
        var vpnRoom = await BrowserSteps.EnterAsync(bobElsewhere, "vpn-room", "Bob");
        await BrowserSteps.SendAsync(vpnRoom, "declare Credential stuffing on the VPN sev1");
        await Expect(open.Locator("a.incident-row").First).ToContainTextAsync("INC-0002");
        await Expect(page.Locator("#count-open")).ToHaveTextAsync("2");
        await BrowserSteps.SendAsync(phishRoom, "resolve");
        await Expect(resolved.Locator("a.incident-row", new() { HasText = "INC-0001" })).ToBeVisibleAsync();
        await Expect(open.Locator("a.incident-row", new() { HasText = "INC-0001" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#count-open")).ToHaveTextAsync("1");
        await Expect(page.Locator("#count-resolved")).ToHaveTextAsync("1");
        await BrowserScreenshots.SaveAsync(page, "incidents");

        // Severity narrows the rows, and the filter is in the address.
        await page.Locator(".chip", new() { HasText = "SEV1" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]severity=1"));
        await Expect(page.Locator("#count-resolved")).ToHaveTextAsync("0");
        await Expect(resolved).ToContainTextAsync("No resolved or closed incident matches.");
        await Expect(open.Locator("a.incident-row")).ToHaveCountAsync(1);
        await page.Locator(".chip", new() { HasText = "SEV1" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("severity="));

        // A search narrows them too, survives a reload, and an empty result offers to clear the filters.
        await page.GetByLabel("Search").FillAsync("finance");
        await Expect(page).ToHaveURLAsync(new Regex("[?&]q=finance"));
        await Expect(open.Locator("a.incident-row")).ToHaveCountAsync(0);
        await Expect(resolved.Locator("a.incident-row")).ToHaveTextAsync(new Regex("INC-0001"));
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Search")).ToHaveValueAsync("finance");
        await Expect(resolved.Locator("a.incident-row")).ToHaveCountAsync(1);
        await page.GetByLabel("Search").FillAsync("no such incident anywhere");
        await Expect(page.Locator("#empty-filtered")).ToBeVisibleAsync();
        await page.Locator("#empty-filtered").GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(page.Locator("a.incident-row")).ToHaveCountAsync(2);
        await Expect(page).ToHaveURLAsync(new Regex("/incidents$"));

        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_empty_list_says_how_to_declare_and_a_newcomer_is_told_to_pick_a_name()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);
        await page.GotoAsync("/incidents");
        await Expect(page.Locator("#empty-all")).ToContainTextAsync("No incidents yet — open the war room and type declare …");
        await Expect(page.Locator("#empty-all").GetByRole(AriaRole.Link, new() { Name = "Open the war room" })).ToHaveAttributeAsync("href", "/");
        await Expect(page.Locator("#name-notice")).ToContainTextAsync("You have not picked a name yet");
        foreach (var group in new[] { "#group-open", "#group-resolved", "#group-exercises" })
        {
            await Expect(page.Locator(group)).ToBeHiddenAsync();
        }

        // A bad address is answered in place, not with a blank page.
        await page.GotoAsync("/incidents?from=2026-11-28&to=2026-11-01");
        await Expect(page.Locator("#list-error")).ToContainTextAsync("'to'");
        Assert.Empty(problems);
    }

    [GeneratedRegex("^/incidents/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex GuidLink();
}
