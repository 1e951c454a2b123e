using Microsoft.Playwright;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// Pictures of the main pages for people reviewing a change, saved with the test results
/// (artifacts/test-results/screenshots, which scripts/test.sh empties at the start of a run).
/// </summary>
internal static class BrowserScreenshots
{
    public static string Folder => Path.Combine(Testing.RepoPaths.Root, "artifacts", "test-results", "screenshots");

    /// <summary>
    /// Saves the whole page (or what the window shows, without <paramref name="fullPage"/>), or <paramref name="element"/>
    /// only, as {name}.png, and checks a picture was written.
    /// </summary>
    public static async Task<string> SaveAsync(IPage page, string name, ILocator? element = null, bool fullPage = true)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{name}.png");
        if (element is null)
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        }
        else
        {
            await element.ScreenshotAsync(new() { Path = path });
        }

        Assert.True(new FileInfo(path).Length > 1000, $"the screenshot {name}.png was not saved");
        return path;
    }
}
