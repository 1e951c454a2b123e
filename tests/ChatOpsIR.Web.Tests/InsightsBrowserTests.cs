using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The insights page as a newcomer meets it after the README's first command: an empty local war room, the sample year
/// added with one button, charts drawn by the vendored Chart.js, and a CSV download that says what the page says.
/// </summary>
public sealed class InsightsBrowserTests : IAsyncLifetime
{
    private readonly WarRoomBrowserFixture _fixture = new();

    static InsightsBrowserTests() => SetDefaultExpectTimeout(10_000);

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_newcomer_adds_the_sample_year_reads_its_charts_and_downloads_the_same_numbers()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        var problems = BrowserSteps.WatchForProblems(page, _fixture.BaseAddress);

        await page.GotoAsync("/insights");
        await Expect(page.Locator(".site-nav a[aria-current=page]")).ToHaveTextAsync("Insights");
        var empty = page.Locator("#insights-empty");
        await Expect(empty).ToContainTextAsync("No incidents in the last two years yet");
        await Expect(empty).ToContainTextAsync("declare <title> sev2");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a sample year" }).ClickAsync();
        await Expect(page.Locator("#insights-content")).ToBeVisibleAsync();
        await Expect(empty).ToBeHiddenAsync();

        // This year against last, as the cards show it.
        var incidents = page.Locator(".year-card[data-key=incidents]");
        await Expect(incidents.Locator(".year-card-value")).ToHaveTextAsync("5");
        await Expect(incidents.Locator(".year-card-previous")).ToHaveTextAsync("6 in 2025 to 25 Nov");
        await Expect(incidents).ToContainTextAsync("better than last year");
        await Expect(page.Locator(".year-card[data-key=exercises] .year-card-value")).ToHaveTextAsync("1");
        await Expect(page.Locator(".year-card[data-key=timeToDetectMedian] .year-card-value")).ToHaveTextAsync("8h");

        // The charts are drawn by Chart.js from the same figures the API gives.
        var json = JsonNode.Parse(await page.EvaluateAsync<string>("() => fetch('/api/insights', { cache: 'no-store' }).then(r => r.text())"))!["insights"]!;
        var quarters = json["quarters"]!.AsArray();
        var real = await page.EvaluateAsync<int[]>("() => Chart.getChart(document.getElementById('chart-exercises')).data.datasets[0].data");
        Assert.Equal(quarters.Select(q => q!["incidents"]!.GetValue<int>()), real);
        Assert.Equal(12, real.Sum());
        var sev1 = await page.EvaluateAsync<int[]>("() => Chart.getChart(document.getElementById('chart-severity')).data.datasets[0].data");
        Assert.Equal(quarters.Select(q => q!["bySeverity"]!["sev1"]!.GetValue<int>()), sev1);
        var labels = await page.EvaluateAsync<string[]>("() => Chart.getChart(document.getElementById('chart-severity')).data.labels");
        Assert.Equal(quarters.Select(q => q!["label"]!.GetValue<string>()), labels);
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('canvas')].every(c => Chart.getChart(c) && c.width > 200 && c.height > 100)"), "every chart is drawn");
        var principle = await page.EvaluateAsync<string>("() => Chart.getChart(document.getElementById('chart-principles')).data.labels[0]");
        Assert.Equal("Rigor", principle);
        await Expect(page.Locator("#quarters-table tbody tr").First).ToContainTextAsync("Incidents");
        await Expect(page.GetByText("Effectiveness answers appear here once action items' effectiveness checks are answered.")).ToBeVisibleAsync();

        // The CSV through the page's link holds the same numbers.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        Assert.Equal("chatopsir-insights-2026-11-25.csv", download.SuggestedFilename);
        var rows = (await File.ReadAllTextAsync((await download.PathAsync())!))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(line => line.Split(','))
            .ToList();
        string Value(string section, string figure, string period) => rows.Single(r => r[0] == section && r[1] == figure && r[2] == period)[5];
        Assert.Equal("5", Value("year", "Incidents", "2026 to date"));
        Assert.Equal("6", Value("year", "Incidents", "2025 to 25 Nov"));
        foreach (var quarter in quarters)
        {
            var label = quarter!["label"]!.GetValue<string>();
            Assert.Equal(quarter["incidents"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), Value("quarter", "Incidents", label));
            Assert.Equal(quarter["actionItemsOverdue"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), Value("quarter", "Action items overdue", label));
        }

        var current = json["years"]!["current"]!;
        Assert.Equal(current["timeToRecover"]!["medianMinutes"]!.GetValue<double>().ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), Value("year", "Median time to recover", "2026 to date"));

        await BrowserScreenshots.SaveAsync(page, "insights");
        Assert.Empty(problems);
    }
}
