using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Core.Tests;

/// <summary>The report lists each item of evidence with its hash, state, file and whole chain of custody, in HTML and Markdown.</summary>
public sealed class EvidenceReportTests
{
    public static IEnumerable<object[]> Formats => [["md"], ["html"]];

    private static readonly ChatUser Olga = new("olga", "Olga Petrova");

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_item_shows_its_hash_state_file_and_every_custody_step(string format)
    {
        var document = SamplePostMortem.Build();
        var at = SamplePostMortem.Start.AddHours(2);
        var item = document.Evidence[0];
        item.Store(SamplePostMortem.Bob, "Evidence locker 4", at);
        item.Transfer(SamplePostMortem.Bob, Olga, "For imaging at the lab", at.AddMinutes(30));
        item.Verify(Olga, new string('f', 64), at.AddHours(1));
        item.DisposeOf(Olga, "Wiped with three passes", at.AddHours(2));
        var file = new EvidenceFile("mail headers.eml", 2_516_582, "message/rfc822", SamplePostMortem.Alice);
        var shared = new Evidence(document.Incident, 2, "Phishing mail as received", null, null, file, SamplePostMortem.Alice, at);
        shared.Supersede(SamplePostMortem.Alice, "Replaced by the full mailbox export", at.AddHours(3));
        var report = format == "md"
            ? PostMortemReport.Markdown(document with { Evidence = [item, shared] })
            : PostMortemReport.Html(document with { Evidence = [item, shared] });

        Assert.Contains(new string('a', 64), report);
        Assert.Contains("disposed of", report);
        Assert.Contains("Last held by", report);
        foreach (var column in new[] { "Time", "Step", "Who", "From → to", "Where", "Reason", "Verification" })
        {
            Assert.Contains(column, report);
        }

        Assert.Contains("Evidence locker 4", report);
        Assert.Contains("Bob Okafor → Olga Petrova", report);
        Assert.Contains("For imaging at the lab", report);
        Assert.Contains($"MISMATCH ({new string('f', 64)})", report);
        Assert.Contains("Wiped with three passes", report);
        Assert.Contains("2026", report);

        // The second item: shared as a file, superseded, kept in the report.
        Assert.Contains("mail headers", report);
        Assert.Contains("message/rfc822", report);
        Assert.Contains("2.4 MB (2,516,582 bytes)", report);
        Assert.Contains("Replaced by the full mailbox export", report);
        Assert.Contains("in custody, superseded", report);
        Assert.Single(report.Split("Handed over").Skip(1));
    }
}
