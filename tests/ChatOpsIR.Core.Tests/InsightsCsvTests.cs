using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Insights;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Core.Tests;

/// <summary>The insights CSV (RFC 4180, no formulas), and the sample year written through the real store.</summary>
public sealed class InsightsCsvTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("", "")]
    public void A_field_is_quoted_when_it_must_be_and_never_starts_a_formula(string value, string written)
    {
        Assert.Equal(written, InsightsCsv.Field(value));
    }

    [Fact]
    public void The_csv_has_one_row_per_figure_and_period_and_never_names_an_incident()
    {
        var (secret, _) = Incident.Declare(TenantScope.Web, 1, "Secret merger leak", 1, ExerciseKind.None, Platform.Web, "hush", null, new ChatUser("alice", "Alice"), new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc), isPrivate: true);
        secret.Mark(new ChatUser("alice", "Alice"), KeyMoment.FirstActivity, Platform.Web, secret.DeclaredAt.AddMinutes(-90), secret.DeclaredAt);
        secret.Mark(new ChatUser("alice", "Alice"), KeyMoment.Detected, Platform.Web, secret.DeclaredAt, secret.DeclaredAt);
        var report = InsightsReport.Build([secret], [], [], Now);

        var csv = InsightsCsv.Write(report);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(InsightsCsv.Header, lines[0]);
        Assert.Contains("quarter,Incidents,2026 Q4,2026-10-01,2026-12-31,1,count", lines);
        Assert.Contains("quarter,Private incidents,2026 Q4,2026-10-01,2026-12-31,1,count", lines);
        Assert.Contains("quarter,Median time to detect,2026 Q4,2026-10-01,2026-12-31,90,minutes", lines);
        Assert.Contains("quarter,Median time to contain,2026 Q4,2026-10-01,2026-12-31,,minutes", lines);
        Assert.Contains("year,SEV1 incidents,2026 to date,2026-01-01,2026-11-25,1,count", lines);
        Assert.Contains("year,Incidents,2025 to 25 Nov,2025-01-01,2025-11-25,0,count", lines);
        Assert.Equal((8 + 2) * InsightsCsv.Figures(report.Quarters[0]).Count(), lines.Length - 1);
        Assert.DoesNotContain("Secret", csv);
        Assert.DoesNotContain("INC-0001", csv);
    }

    [Fact]
    public async Task The_sample_year_fills_this_year_and_last_with_figures_through_the_real_store()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        using (var scope = app.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
            Assert.False(await SampleYear.IsPresentAsync(store, TenantScope.Web, CancellationToken.None));
            Assert.Equal(15, await SampleYear.WriteAsync(store, TenantScope.Web, Now, CancellationToken.None));
        }

        using var read = app.Services.CreateScope();
        var reader = read.ServiceProvider.GetRequiredService<IIncidentStore>();
        Assert.True(await SampleYear.IsPresentAsync(reader, TenantScope.Web, CancellationToken.None));
        var report = await InsightsReport.BuildAsync(reader, TenantScope.Web, Now, CancellationToken.None);
        var (current, previous) = (report.Years.Current, report.Years.Previous);

        Assert.Equal((5, 1), (current.Incidents, current.Exercises));
        // Last year up to 25 November: the sample's late-November incident of last year is counted in its quarter only.
        Assert.Equal((6, 2, 1), (previous.Incidents, previous.Exercises, previous.PrivateIncidents));
        Assert.Equal(new SeverityCounts(1, 2, 2, 1), previous.BySeverity);
        Assert.Equal(7, report.Quarters.Where(q => q.From.Year == 2025).Sum(q => q.Incidents));
        Assert.True(current.TimeToDetect.Median < previous.TimeToDetect.Median, "the sample shows a year that got better at detecting");
        Assert.True(current.ActionItemsClosed > 0 && current.ActionItemsOverdue > 0, "the sample has action items done and overdue");
        Assert.True(previous.ActionItemsOverdue > 0);
        Assert.Equal("Rigor", report.FailedPrinciples[0].Principle);
        Assert.True(report.Quarters.Count(q => q.Incidents + q.Exercises > 0) >= 6, "the sample fills most quarters");

        var incident = await reader.FindIncidentAsync(TenantScope.Web, 1, CancellationToken.None);
        Assert.StartsWith(SampleYear.TitlePrefix, incident!.Title);
        Assert.StartsWith(SampleYear.ChannelPrefix, incident.ChannelId);
        Assert.Contains(await reader.GetTimelineAsync(TenantScope.Web, incident.Id, CancellationToken.None), e => e.Text == SampleYear.TimelineNote);
    }
}
