using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatOpsIR.Web.Tests;

/// <summary>The API reference page in a real browser: it reads this server's OpenAPI document and loads nothing from elsewhere.</summary>
public sealed class ApiReferenceBrowserTests : IAsyncLifetime
{
    private readonly WarRoomBrowserFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task The_reference_page_lists_the_war_room_api_from_the_document()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);
        var document = page.WaitForResponseAsync(r => r.Url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));

        await page.GotoAsync("/api-reference");
        Assert.Equal(200, (await document).Status);
        await Expect(page.GetByText("Web war room", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByText("Runs a command line in a channel").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await BrowserScreenshots.SaveAsync(page, "api-reference", fullPage: false);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
