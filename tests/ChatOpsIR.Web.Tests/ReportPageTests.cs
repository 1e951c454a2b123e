using System.Net;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>The report page as a reader gets it: in the zone asked for, with a way back, a Markdown download and a print style.</summary>
public class ReportPageTests
{
    [Fact]
    public async Task The_report_is_in_the_zone_asked_for_and_says_so_once()
    {
        await using var room = await RoomAsync();

        var utc = await GetAsync(room, room.Path);
        Assert.Contains("All times are in UTC.", utc);
        Assert.Contains("2026-11-25 09:00", utc); // detection, marked at 09:00 UTC

        var paris = await GetAsync(room, $"{room.Path}?tz=Europe/Paris&format=md");
        Assert.Contains("All times are in UTC+01:00.", paris);
        Assert.Contains("2026-11-25 10:00", paris);
        Assert.Single(Regex.Matches(paris, "UTC"));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Paris; DROP")]
    public async Task An_unknown_zone_is_refused_naming_the_parameter(string zone)
    {
        await using var room = await RoomAsync();

        var response = await room.App.CreateClient().GetAsync($"{room.Path}?tz={Uri.EscapeDataString(zone)}");

        var problem = await WebApiRefusalTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "The tz parameter must be an IANA time zone such as Europe/Paris");
        Assert.Contains(zone, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_page_links_back_to_its_channel_and_to_the_markdown_download_keeping_the_zone()
    {
        await using var room = await RoomAsync();

        var html = await GetAsync(room, $"{room.Path}?tz=Europe/Paris");

        Assert.Contains("<a href=\"/#channel=pm-report\">← Back to INC-0001 in #pm-report</a>", html);
        var download = Regex.Match(html, "<a href=\"([^\"]+)\" download=\"INC-0001-post-mortem.md\">Download Markdown</a>");
        Assert.True(download.Success, html[..Math.Min(html.Length, 3000)]);
        var url = WebUtility.HtmlDecode(download.Groups[1].Value);
        Assert.Equal($"{room.Path}?tz=Europe%2FParis&format=md&download=1", url);

        var response = await room.App.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"INC-0001-post-mortem.md\"", response.Content.Headers.ContentDisposition?.ToString());
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Post-mortem: INC-0001", markdown);
        Assert.Contains("All times are in UTC+01:00.", markdown);

        var inline = await room.App.CreateClient().GetAsync($"{room.Path}?format=md");
        Assert.Equal("inline", inline.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task A_published_copy_gets_the_same_links_and_keeps_its_version_in_them()
    {
        await using var room = await RoomAsync();
        var publish = await room.Alice.PressAsync("pm.publish", new Dictionary<string, string> { ["incident"] = "1", ["section"] = "summary", ["pm.reason"] = "The board meets tomorrow" });
        Assert.False(publish.IsError, publish.Text);

        var html = await GetAsync(room, $"{room.Path}?version=1");

        Assert.Contains("Version 1, published by Alice", html);
        Assert.Contains("<a href=\"/#channel=pm-report\">", html);
        Assert.Contains($"href=\"{room.Path}?version=1&amp;format=md&amp;download=1\" download=\"INC-0001-post-mortem-v1.md\"", html);
    }

    [Fact]
    public async Task The_page_prints_without_its_links_and_long_words_wrap_inside_it()
    {
        await using var room = await RoomAsync();
        var html = await GetAsync(room, room.Path);

        Assert.Matches(@"@media print\{[^@]*\.page-links\{display:none !important\}", html);
        Assert.Matches(@"@media print\{[^@]*color:#000 !important", html);
        Assert.Contains("overflow-wrap:anywhere", html);
        Assert.Contains("table-layout:fixed", html);
    }

    private static async Task<string> GetAsync(Room room, string path)
    {
        var response = await room.App.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<Room> RoomAsync()
    {
        var database = TestDatabase.Sqlite();
        var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "pm-report", "Alice");
        await alice.SendAsync("declare Token replay against the billing API sev2");
        await alice.SendAsync("mark detected at 09:00");
        Assert.False((await alice.SendAsync("postmortem")).IsError);
        var report = await alice.SendAsync("report");
        var path = Regex.Match(report.Card!.ToJsonString(), "/incidents/[0-9a-f-]{36}/report").Value;
        Assert.NotEmpty(path);
        return new Room(database, app, alice, path);
    }

    private sealed record Room(TestDatabase Database, ChatOpsAppFactory App, WebChatClient Alice, string Path) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            Database.Dispose();
        }
    }
}
