using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsIR.Slack.Tests;

/// <summary>`/ir export` from Slack: an ephemeral answer with links that open the incident's record, or an honest reason there are none.</summary>
public sealed partial class ExportSlackTests
{
    private const string PublicBase = "https://chatopsir.example.test";

    [Fact]
    public async Task Export_answers_the_caller_alone_with_a_link_that_downloads_the_incident()
    {
        await using var app = await SlackApp.StartAsync(configure: a => a.Settings["Reports:PublicBaseUrl"] = PublicBase);
        await app.CommandAsync("declare Leaked API key in a public repo sev1");

        var reply = await app.CommandAsync("export");

        Assert.Equal("ephemeral", reply["response_type"]!.GetValue<string>());
        var link = Link().Match(SlackApp.Text(reply));
        Assert.True(link.Success, SlackApp.Text(reply));
        var response = await app.Http.GetAsync(link.Value[PublicBase.Length..]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"INC-0001.json\"", response.Content.Headers.ContentDisposition?.ToString());
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Leaked API key in a public repo", document["incident"]!["title"]!.GetValue<string>());
        Assert.Equal("slack:T0001", document["audit"]!["scope"]!.GetValue<string>());
        Assert.Equal("alice", document["exportedBy"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_public_address_export_says_what_is_missing()
    {
        await using var app = await SlackApp.StartAsync();
        await app.CommandAsync("declare Leaked API key in a public repo sev1");

        var reply = await app.CommandAsync("export");

        Assert.Equal("ephemeral", reply["response_type"]!.GetValue<string>());
        Assert.Contains("Reports:PublicBaseUrl", SlackApp.Text(reply));
        Assert.DoesNotContain("/exports/", SlackApp.Text(reply));
    }

    [GeneratedRegex(@"https://chatopsir\.example\.test/exports/incidents/[0-9a-f-]{36}\.json\?t=[^\s""|>`]+")]
    private static partial Regex Link();
}
