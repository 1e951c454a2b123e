using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// Sign-in as a person does it: Chromium opens the war room, is sent to a real OpenID Connect provider, signs in at
/// its login form, comes back and works in the room as the signed-in person.
/// </summary>
public sealed class SignInBrowserTests : IAsyncLifetime
{
    private SignInHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    static SignInBrowserTests() => SetDefaultExpectTimeout(10_000);

    public async Task InitializeAsync()
    {
        _host = await SignInHost.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await WarRoomBrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_person_signs_in_at_the_provider_and_runs_an_incident_under_their_own_name()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.BaseAddress.ToString(), Locale = "en-GB" });
        var page = await context.NewPageAsync();

        // The war room sends the browser to the provider's login form.
        await page.GotoAsync("/");
        Assert.StartsWith(_host.Provider.Issuer.ToString(), page.Url, StringComparison.Ordinal);
        await page.Locator("input[name=login]").FillAsync("alice");
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").ClickAsync();

        // Back in the war room: no name to pick, the signed-in name in the top bar and a way to sign out.
        await page.WaitForURLAsync(url => url.StartsWith(_host.BaseAddress.ToString(), StringComparison.Ordinal));

        // The provider's own pages (its fonts, its favicon) are not ours to judge; from here on nothing may go wrong.
        var problems = BrowserSteps.WatchForProblems(page, _host.BaseAddress);
        await Expect(page.GetByLabel("Your display name")).ToBeHiddenAsync();
        await page.GetByLabel("New channel name").FillAsync("phishing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter the room" }).ClickAsync();
        await Expect(page.Locator("#current-user")).ToHaveTextAsync("Alice");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign out" })).ToBeVisibleAsync();

        await BrowserSteps.SendAsync(page, "declare Phishing wave sev3");
        await Expect(BrowserSteps.Card(page, "INC-0001 · Phishing wave")).ToBeVisibleAsync();
        await BrowserSteps.SendAsync(page, "note Blocked the sender domain");
        await Expect(BrowserSteps.BotMessages(page).Last).ToContainTextAsync("Added to the INC-0001 timeline");
        await Expect(page.Locator("#messages .msg-mine").Last).ToContainTextAsync("Alice");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Blocked the sender domain");

        // For people reviewing the page: the signed-in war room as the browser drew it.
        await BrowserScreenshots.SaveAsync(page, "signed-in-war-room");

        // Signing out ends the session: the API refuses the old page's calls.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByText("You are signed out")).ToBeVisibleAsync();
        var after = await page.APIRequest.GetAsync("/api/webchat/channels");
        Assert.Equal(401, after.Status);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
