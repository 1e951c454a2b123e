using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Core.Tests;

/// <summary>The post-mortem report lists the access granted during the incident, in Markdown and HTML alike, and flags what is still open.</summary>
public sealed class AccessReportTests
{
    private static PostMortemDocument WithGrants()
    {
        var document = SamplePostMortem.Build(timelineEntries: 5);
        var incident = document.Incident;
        var start = SamplePostMortem.Start;
        var revoked = new AccessGrant(incident, 1, SamplePostMortem.Bob, "Domain Admin on CORP", start.AddHours(8), SamplePostMortem.Alice, start.AddHours(1));
        revoked.Revoke(SamplePostMortem.Alice, "removed from Domain Admins", start.AddHours(4));
        var open = new AccessGrant(incident, 2, new ChatUser("carol", "Carol <Admin>"), "Break-glass account ops-admin", start.AddHours(2), SamplePostMortem.Alice, start.AddHours(1));
        return document with { AccessGrants = [revoked, open] };
    }

    [Fact]
    public void Markdown_lists_every_grant_with_its_times_and_flags_the_open_one()
    {
        var markdown = PostMortemReport.Markdown(WithGrants());

        Assert.Contains("## Access granted during the incident", markdown);
        Assert.Contains("Still open: G2 (Break-glass account ops-admin, Carol <Admin>)", markdown.Replace("\\<", "<", StringComparison.Ordinal).Replace("\\>", ">", StringComparison.Ordinal));
        Assert.Contains("| G1 | Bob Okafor | Domain Admin on CORP | 2026-11-20 09:00 by Alice Moreau | 2026-11-20 16:00 | 2026-11-20 12:00 by Alice Moreau: removed from Domain Admins | 3h |", markdown);
        Assert.Contains("STILL OPEN", markdown);
        Assert.Contains("2026-11-20 10:00 (passed)", markdown);
    }

    [Fact]
    public void Html_says_the_same_with_what_people_typed_escaped()
    {
        var html = PostMortemReport.Html(WithGrants());

        Assert.Contains("Access granted during the incident", html);
        Assert.Contains("Carol &lt;Admin&gt;", html);
        Assert.DoesNotContain("Carol <Admin>", html);
        Assert.Contains("STILL OPEN", html);
        Assert.Contains("removed from Domain Admins", html);
    }

    [Fact]
    public void A_report_without_grants_has_no_access_section()
    {
        Assert.DoesNotContain("Access granted during the incident", PostMortemReport.Markdown(SamplePostMortem.Build(timelineEntries: 5)));
    }
}
