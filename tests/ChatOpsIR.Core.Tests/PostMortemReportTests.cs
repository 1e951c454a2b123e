using System.Text.RegularExpressions;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Core.Tests;

/// <summary>What the post-mortem report says, in Markdown and as the HTML page, and that user text cannot change its shape.</summary>
public class PostMortemReportTests
{
    public static IEnumerable<object[]> Formats => [["md"], ["html"]];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_section_appears_in_order_with_its_answers_or_the_reason_it_was_skipped(string format)
    {
        var report = Render(SamplePostMortem.Build(), format);

        var positions = PostMortemSections.All.Select(s => report.IndexOf($"{s.Number()}. {s.Title()}", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, report[..Math.Min(report.Length, 400)]));
        Assert.Equal(positions.Order(), positions);

        Assert.Contains("Skipped by Alice Moreau", report);
        Assert.Contains("Reviewed in the controls audit on 2026-12-02", report);
        Assert.Contains("File server FS01", report);
        Assert.Contains("Backup appliance BK02", report);
        Assert.Contains("On premises, Endpoints", report); // choices read as their titles, not their values
        Assert.Contains("Offline backups made recovery possible within a day.", report);
        Assert.Contains("Spotting macro-laden invoices", report);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_decision_maker_summary_comes_first_with_the_asks_cost_and_failed_principles(string format)
    {
        var report = Render(SamplePostMortem.Build(), format);

        var summary = report.IndexOf("For decision makers", StringComparison.Ordinal);
        Assert.True(summary >= 0 && summary < report.IndexOf("1. Scope and sources", StringComparison.Ordinal));
        Assert.Contains("Segment the file servers; turn on SMB auditing", report);
        Assert.Contains("Three weeks of network work", report);
        Assert.Contains("42000", report);
        Assert.Contains("160 person-hours", report);
        // Minimization failed in both causes, so it comes first.
        Assert.Contains("First principles that failed: Minimization (2), Rigor (1), Compartmentation (1).", report);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Derived_response_times_key_moments_and_the_whole_timeline_are_shown(string format)
    {
        var document = SamplePostMortem.Build(timelineEntries: 60);
        var report = Render(document, format);

        Assert.Contains("Time to detect", report);
        Assert.Contains("2h 30m", report); // first activity 05:00, detected 07:30
        Assert.Contains("Time to contain", report);
        Assert.Contains("Time to recover", report);
        Assert.Contains("1d 6h", report);  // detected 07:30, recovered 30 h after 08:00
        Assert.Contains("First malicious activity", report);
        Assert.Contains($"Timeline ({document.Timeline.Count} entries)", report);
        Assert.Contains("Overnight: waiting for the backup restore", report);
        foreach (var entry in document.Timeline.Where(e => e.Kind == TimelineEntryKind.Note))
        {
            Assert.Contains($"Step {entry.Text.Split(':')[0][5..]}:", report);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Root_causes_carry_principles_enablers_and_the_kept_blame_hint(string format)
    {
        var report = Render(SamplePostMortem.Build(), format);

        Assert.Contains("Cause 1", report);
        Assert.Contains("Cause 2", report);
        Assert.Contains("Minimization, Compartmentation", report);
        Assert.Contains("Tooling", report);
        Assert.Contains("Workload", report);
        Assert.Contains("kept this wording after a blame hint", report);
        Assert.Contains("human error", report, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Action_items_notification_clocks_and_evidence_custody_are_listed(string format)
    {
        var report = Render(SamplePostMortem.Build(), format);

        Assert.Contains("Segment the file-server VLAN", report);
        Assert.Contains("Bob Okafor", report);
        Assert.Contains("2026-12-22", report);
        Assert.Contains("removes a class of problems", report);
        Assert.Contains("patches one instance", report);
        Assert.Contains("GDPR Art. 33", report);
        Assert.Contains("2026-11-23 07:30", report); // 72 h after detection
        Assert.Contains("Evidence and chain of custody", report);
        Assert.Contains(new string('a', 64), report);
        Assert.Contains("Quality check", report);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void An_exercise_is_labelled_as_one_at_the_top(string format)
    {
        var report = Render(SamplePostMortem.Build(exercise: ExerciseKind.Tabletop), format);
        var label = report.IndexOf("TABLETOP EXERCISE", StringComparison.Ordinal);
        Assert.InRange(label, 0, report.IndexOf("For decision makers", StringComparison.Ordinal));
        Assert.DoesNotContain("TABLETOP", Render(SamplePostMortem.Build(), format));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_frozen_version_says_who_published_it_and_why_open_points_were_accepted(string format)
    {
        var document = SamplePostMortem.Build() with { Version = 3, PublishedByName = "Alice Moreau", QualityOverride = "The board meets tomorrow" };
        var report = Render(document, format);

        Assert.Contains("Version 3, published by Alice Moreau on 2026-11-22 08:00", report);
        Assert.Contains("The board meets tomorrow", report);
        Assert.Contains("Draft: not published yet", Render(SamplePostMortem.Build(), format));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Times_are_in_the_reader_zone_which_is_stated_once_near_the_top(string format)
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");
        var report = Render(SamplePostMortem.Build(zone: zone), format);

        Assert.Contains("2026-11-20 09:30", report); // detection, 07:30 UTC
        Assert.DoesNotContain("07:30", report);
        var stated = report.IndexOf("All times are in UTC+02:00.", StringComparison.Ordinal);
        Assert.InRange(stated, 0, report.IndexOf("For decision makers", StringComparison.Ordinal));
        Assert.Single(Regex.Matches(report, "UTC"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_moment_in_the_report_has_the_same_full_date_format(string format)
    {
        var report = Render(SamplePostMortem.Build(), format);

        Assert.Contains("All times are in UTC.", report);
        Assert.Single(Regex.Matches(report, "UTC"));
        // Every time of day sits after a full date: no "11-20 07:30" and no bare "07:30".
        var times = Regex.Matches(report, @"(?<![\d:])\d{2}:\d{2}(?![\d:])");
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.Matches(@"^\d{4}-\d{2}-\d{2} $", report.Substring(t.Index - 11, 11)));
    }

    [Fact]
    public void The_html_page_encodes_user_text_and_loads_nothing_from_elsewhere()
    {
        var document = Hostile();
        var html = PostMortemReport.Html(document);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("javascript:alert(3)", html); // shown as text, not a link
        Assert.Contains("<a rel=\"noopener noreferrer nofollow\" href=\"https://evidence.example.org/fs01.raw\">", SamplePostMortemHtml());
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//(?!evidence\\.example\\.org)", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public void Markdown_escapes_user_text_so_it_cannot_make_links_headings_html_or_break_tables()
    {
        var markdown = PostMortemReport.Markdown(Hostile());

        Assert.DoesNotContain("[click](https://evil.example)", markdown);
        Assert.Contains(@"\[click\](https://evil.example)", markdown);
        Assert.DoesNotContain("<script>", markdown);
        Assert.Contains(@"\<script\>", markdown);
        Assert.DoesNotMatch(new Regex("^# Owned", RegexOptions.Multiline), markdown);
        Assert.Contains(@"\# Owned", markdown);

        // A pipe in a timeline note stays inside its cell: every table row has the table's four columns.
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("[click]", StringComparison.Ordinal) is false && l.Contains("pipe", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(5, Regex.Matches(r, @"(?<!\\)\|").Count));
    }

    [Fact]
    public void An_empty_post_mortem_still_renders_every_section_as_not_answered()
    {
        var (incident, declared) = Incident.Declare(TenantScope.Web, 1, "Phishing", 3, ExerciseKind.None, Platform.Web, "room", null, SamplePostMortem.Alice, SamplePostMortem.Start);
        var postMortem = PostMortem.Start(incident, SamplePostMortem.Alice, SamplePostMortem.Start);
        var review = TimelineReview.Of(incident, [declared]);
        var document = new PostMortemDocument(incident, postMortem, [declared], review, [], [], [], QualityReport.Of(postMortem, review, []), TimeZoneInfo.Utc, SamplePostMortem.Start);

        var markdown = PostMortemReport.Markdown(document);
        Assert.Equal(PostMortemSections.Count, Regex.Matches(markdown, "Not answered yet").Count);
        Assert.Contains("No key moment was marked", markdown);
        Assert.Contains("No action items.", markdown);
        Assert.Contains("Quality check: open points", markdown);
    }

    private static string Render(PostMortemDocument document, string format) =>
        format == "md" ? PostMortemReport.Markdown(document) : PostMortemReport.Html(document);

    private static string SamplePostMortemHtml() => PostMortemReport.Html(SamplePostMortem.Build());

    /// <summary>A post-mortem whose every answer tries to break out of its place.</summary>
    private static PostMortemDocument Hostile()
    {
        var document = SamplePostMortem.Build();
        var (incident, postMortem) = (document.Incident, document.PostMortem);
        var at = document.GeneratedAt;
        postMortem.Answer(PostMortemSection.Training, new Dictionary<string, string>
        {
            ["pm.training.what"] = "<script>alert(1)</script> [click](https://evil.example)\n# Owned",
            ["pm.training.who"] = "<img src=x onerror=alert(2)>",
        }, SamplePostMortem.Bob, at);
        var evidence = new Evidence(incident, 2, "Suspicious link", null, "javascript:alert(3)", SamplePostMortem.Bob, at);
        var timeline = document.Timeline.Append(incident.AddNote(SamplePostMortem.Bob, "a | pipe | in | a note", Platform.Slack, at, at)).ToList();
        return document with { Evidence = [.. document.Evidence, evidence], Timeline = timeline };
    }
}
