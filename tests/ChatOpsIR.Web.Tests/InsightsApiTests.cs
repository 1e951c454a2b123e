using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>`GET /api/insights` (JSON and CSV), the local trial's sample year, and the `metrics` verb that links to the page.</summary>
public sealed class InsightsApiTests
{
    private static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    [Fact]
    public async Task The_figures_count_a_private_incident_as_a_number_and_never_show_its_title_in_json_or_csv()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var http = app.CreateClient();
        await new WebChatClient(http, "mail", "Alice").SendAsync("declare Mailbox takeover sev2");
        await new WebChatClient(http, "hr-room", "Eve").SendAsync("declare Secret merger leak sev1 private");
        await new WebChatClient(http, "drill", "Alice").SendAsync("declare Ransomware drill tabletop");

        var response = await http.GetAsync("/api/insights");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body)!.AsObject();
        var insights = json["insights"]!.AsObject();
        var current = insights["years"]!["current"]!;

        Assert.Equal(8, insights["quarters"]!.AsArray().Count);
        Assert.Equal("2026 Q4", insights["quarters"]![7]!["label"]!.GetValue<string>());
        Assert.Equal("2026 to date", current["label"]!.GetValue<string>());
        Assert.Equal(2, current["incidents"]!.GetValue<int>());
        Assert.Equal(1, current["exercises"]!.GetValue<int>());
        Assert.Equal(1, current["privateIncidents"]!.GetValue<int>());
        Assert.Equal(1, current["bySeverity"]!["sev1"]!.GetValue<int>());
        Assert.Equal(0, insights["years"]!["previous"]!["incidents"]!.GetValue<int>());
        Assert.Equal(2, insights["openIncidents"]!.GetValue<int>());
        Assert.False(insights["isEmpty"]!.GetValue<bool>());
        Assert.True(json["sampleAvailable"]!.GetValue<bool>());
        Assert.Equal("/api/insights?format=csv", json["csvUrl"]!.GetValue<string>());
        var incidents = insights["years"]!["figures"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == "incidents")!;
        Assert.Equal("lower", incidents["better"]!.GetValue<string>());
        Assert.Equal("worse", incidents["verdict"]!.GetValue<string>());

        var csv = await http.GetAsync("/api/insights?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment; filename=\"chatopsir-insights-2026-11-25.csv\"", csv.Content.Headers.ContentDisposition!.ToString());
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("section,figure,period,from,to,value,unit\r\n", text);
        Assert.Contains("\r\nyear,Incidents,2026 to date,2026-01-01,2026-11-25,2,count\r\n", text);
        Assert.Contains("\r\nquarter,Exercises,2026 Q4,2026-10-01,2026-12-31,1,count\r\n", text);

        foreach (var shown in new[] { body, text })
        {
            Assert.DoesNotContain("Secret merger", shown);
            Assert.DoesNotContain("Mailbox", shown);
            Assert.DoesNotContain("INC-0002", shown);
        }
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv%00")]
    [InlineData("")]
    public async Task An_unknown_format_is_a_problem_that_names_the_formats(string format)
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);

        var response = await app.CreateClient().GetAsync($"/api/insights?format={format}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("The format parameter is json (the default) or csv.", (await ReadJsonAsync(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_sample_year_is_written_once_then_refused_with_a_conflict()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var http = app.CreateClient();
        var empty = await ReadJsonAsync(await http.GetAsync("/api/insights"));
        Assert.True(empty["insights"]!["isEmpty"]!.GetValue<bool>());
        Assert.True(empty["sampleAvailable"]!.GetValue<bool>());

        var added = await http.PostAsync("/api/insights/sample", null);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(15, (await ReadJsonAsync(added))["incidents"]!.GetValue<int>());

        var again = await http.PostAsync("/api/insights/sample", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
        Assert.Contains("already holds the sample year", (await ReadJsonAsync(again))["detail"]!.GetValue<string>());

        var seeded = await ReadJsonAsync(await http.GetAsync("/api/insights"));
        Assert.False(seeded["sampleAvailable"]!.GetValue<bool>());
        Assert.True(seeded["hasSampleData"]!.GetValue<bool>());
        Assert.Equal(5, seeded["insights"]!["years"]!["current"]!["incidents"]!.GetValue<int>());
        Assert.Equal(6, seeded["insights"]!["years"]!["previous"]!["incidents"]!.GetValue<int>());
    }

    [Fact]
    public async Task With_sign_in_the_api_wants_a_session_and_the_sample_year_does_not_exist()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        app.Settings["WebChat:Authentication:Authority"] = "https://login.example.test/tenant/v2.0";
        app.Settings["WebChat:Authentication:ClientId"] = "chatopsir";
        app.Settings["WebChat:Authentication:ClientSecret"] = "not-a-real-secret";
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var read = await http.GetAsync("/api/insights");
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType!.MediaType);

        var sample = await http.PostAsync("/api/insights/sample", null);
        Assert.Equal(HttpStatusCode.NotFound, sample.StatusCode);
    }

    [Fact]
    public async Task Metrics_give_this_year_against_last_in_short_and_link_to_the_insights_page()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "war-room", "Alice");
        await alice.SendAsync("declare Leaked key sev1");
        await alice.SendAsync("mark detected");
        app.Clock.Advance(TimeSpan.FromHours(2));
        await alice.SendAsync("mark contained");

        var metrics = await alice.SendAsync("metrics");

        Assert.Equal("1 incident and 0 exercises in 2026 to date; 0 incidents and 0 exercises in 2025 to 25 Nov. Charts by quarter: /insights", metrics.Text);
        Assert.Contains("Incidents: 1 in 2026 to date · 0 in 2025 to 25 Nov", metrics.CardText);
        Assert.Contains("SEV1 (critical): 1 in 2026 to date · 0 in 2025 to 25 Nov", metrics.CardText);
        Assert.Contains("Median time to contain: 2h (of 1) in 2026 to date · not enough marked moments in 2025 to 25 Nov", metrics.CardText);
        Assert.Contains("Action items closed: 0 in 2026 to date · 0 in 2025 to 25 Nov", metrics.CardText);
        Assert.Contains("First principle that failed most: none recorded in 2026 to date · none recorded in 2025 to 25 Nov", metrics.CardText);
        var link = metrics.Card!["actions"]!.AsArray().Single()!;
        Assert.Equal(("Action.OpenUrl", "Open insights", "/insights"), (link["type"]!.GetValue<string>(), link["title"]!.GetValue<string>(), link["url"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Slack_and_Teams_link_to_the_public_address_and_get_no_link_without_one()
    {
        using var database = TestDatabase.Sqlite();
        using var other = TestDatabase.Sqlite();
        await using var withAddress = new ChatOpsAppFactory(database);
        withAddress.Settings["Reports:PublicBaseUrl"] = "https://ir.example.com/";
        var links = withAddress.Services.GetRequiredService<ReportLinks>();
        Assert.Equal("https://ir.example.com/insights", links.InsightsUrl(TenantScope.Slack("T0001")));
        Assert.Equal("/insights", links.InsightsUrl(TenantScope.Web));

        await using var without = new ChatOpsAppFactory(other);
        Assert.Null(without.Services.GetRequiredService<ReportLinks>().InsightsUrl(TenantScope.Teams("tenant-1")));
        Assert.Equal("/insights", without.Services.GetRequiredService<ReportLinks>().InsightsUrl(TenantScope.Web));
    }
}
