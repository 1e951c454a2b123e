using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatOpsIR.Web.Tests;

/// <summary>What a person does on the web war room page, shared by the browser tests.</summary>
internal static class BrowserSteps
{
    /// <summary>Opens the page in a channel under a display name.</summary>
    public static async Task<IPage> EnterAsync(IBrowserContext context, string channel, string name)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/#channel={channel}");
        await page.GetByLabel("Your display name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter the room" }).ClickAsync();
        await Expect(page.Locator("#current-channel")).ToHaveTextAsync(channel);
        return page;
    }

    /// <summary>Follows the war-room panel's "Open incident page" link; answers the incident page's path (/incidents/{id}).</summary>
    public static async Task<string> OpenIncidentPageAsync(IPage page)
    {
        await page.Locator("#incident-panel").GetByRole(AriaRole.Link, new() { Name = "Open incident page" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/incidents/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#incident-header")).ToBeVisibleAsync();
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>Opens an incident's page in a fresh profile: the local trial asks for a display name first.</summary>
    public static async Task EnterIncidentAsync(IPage page, string path, string name)
    {
        await page.GotoAsync(path);
        await page.GetByLabel("Your display name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter the room" }).ClickAsync();
        await Expect(page.Locator("#incident-header")).ToBeVisibleAsync();
        await Expect(page.Locator("#current-user")).ToHaveTextAsync(name);
    }

    public static ILocator BotMessages(IPage page) => page.Locator("#messages .msg-bot");

    /// <summary>The latest card drawn by the Adaptive Cards renderer that shows <paramref name="text"/>.</summary>
    public static ILocator Card(IPage page, string text) =>
        page.Locator("#messages .ac-adaptiveCard").Filter(new() { HasText = text }).Last;

    /// <summary>Types a line and presses Enter, then waits until the server took it (the box empties).</summary>
    public static async Task SendAsync(IPage page, string line)
    {
        var box = page.GetByLabel("Command", new() { Exact = true });
        await box.FillAsync(line);
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync(string.Empty);
        await Expect(page.Locator("#composer-error")).ToBeHiddenAsync();
    }

    /// <summary>Collects script errors, dialogs (an injected alert) and requests leaving the test server.</summary>
    public static List<string> WatchForProblems(IPage page, Uri server)
    {
        var problems = new List<string>();
        page.PageError += (_, message) => problems.Add($"script error: {message}");
        page.Dialog += (_, dialog) => problems.Add($"dialog: {dialog.Message}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("net::ERR_FAILED", StringComparison.Ordinal))
            {
                problems.Add($"console error: {message.Text}");
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                problems.Add($"external request: {request.Url}");
            }
        };
        return problems;
    }
}
