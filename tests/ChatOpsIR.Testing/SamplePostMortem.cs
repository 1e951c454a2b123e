using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;

namespace ChatOpsIR.Testing;

/// <summary>
/// A finished post-mortem built in memory, with as many timeline entries as asked for: every section answered or
/// skipped, two root causes (one with a kept blame hint), a lesson, action items, evidence and a notification clock.
/// Report tests and the report benchmark read the same document.
/// </summary>
public static class SamplePostMortem
{
    public static readonly DateTime Start = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
    public static readonly ChatUser Alice = new("alice", "Alice Moreau");
    public static readonly ChatUser Bob = new("bob", "Bob Okafor");

    public static PostMortemDocument Build(int timelineEntries = 40, ExerciseKind exercise = ExerciseKind.None, TimeZoneInfo? zone = null)
    {
        var (incident, declared) = Incident.Declare(TenantScope.Web, 7, "Ransomware on file server FS01", 2, exercise, Platform.Web, "war-room", "war-room", Alice, Start);
        var timeline = new List<TimelineEntry>(timelineEntries + 8) { declared };
        timeline.Add(incident.Mark(Alice, KeyMoment.FirstActivity, Platform.Web, Start.AddHours(-3), Start));
        timeline.Add(incident.Mark(Alice, KeyMoment.Detected, Platform.Web, Start.AddMinutes(-30), Start));
        timeline.Add(incident.Mark(Bob, KeyMoment.Contained, Platform.Slack, Start.AddHours(2), Start.AddHours(2)));
        for (var i = 0; timeline.Count < timelineEntries - 2; i++)
        {
            var author = i % 3 == 0 ? Bob : Alice;
            var source = (Platform)(i % 3);
            timeline.Add(incident.AddNote(author, $"Step {i}: checked share \\\\FS01\\finance, host {i % 40} | result ok", source, Start.AddMinutes(5 + (i * 0.5)), Start.AddMinutes(5 + (i * 0.5))));
        }

        timeline.Add(incident.Mark(Bob, KeyMoment.Recovered, Platform.Teams, Start.AddHours(30), Start.AddHours(30)));
        timeline.Add(incident.Resolve(Alice, "Restored from backup", Platform.Web, Start.AddHours(31)));
        timeline.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));

        var at = Start.AddDays(2);
        var postMortem = PostMortem.Start(incident, Alice, at);
        postMortem.Answer(PostMortemSection.Scope, new Dictionary<string, string>
        {
            ["pm.scope.systems"] = "File server FS01\nBackup appliance BK02",
            ["pm.scope.kinds"] = "on-premises,endpoints",
            ["pm.scope.sources"] = "EDR telemetry, firewall logs",
            ["pm.scope.missing"] = "SMB audit logging was off on FS01",
        }, Bob, at);
        postMortem.Answer(PostMortemSection.Timeline, new Dictionary<string, string> { [PostMortemQuestions.TimelineGaps] = "Overnight: waiting for the backup restore" }, Alice, at);
        postMortem.AddFinding(FindingKind.RootCause, "The file share accepted writes from every workstation in the domain.", ["minimization", "compartmentation"], "tooling", null, Bob, at);
        var blaming = postMortem.AddFinding(FindingKind.RootCause, "Human error: the patch was skipped.", ["rigor", "minimization"], "workload", BlameCoach.Default.Check("Human error: the patch was skipped.", []), Alice, at);
        postMortem.KeepWording(blaming, Alice, at);
        postMortem.Answer(PostMortemSection.Impact, new Dictionary<string, string>
        {
            ["pm.impact.confidentiality"] = "moderate",
            ["pm.impact.integrity"] = "high",
            ["pm.impact.availability"] = "high",
            [PostMortemQuestions.ImpactData] = "personal",
            [PostMortemQuestions.ImpactPeople] = "340",
            [PostMortemQuestions.ImpactCost] = "42000",
            [PostMortemQuestions.ImpactHours] = "160",
        }, Bob, at);
        postMortem.Skip(PostMortemSection.Response, "Reviewed in the controls audit on 2026-12-02", Alice, at);
        postMortem.AddFinding(FindingKind.Lesson, "Offline backups made recovery possible within a day.", [], null, null, Bob, at);
        postMortem.CompleteList(PostMortemSection.ActionItems, Alice, at);
        postMortem.Answer(PostMortemSection.Training, new Dictionary<string, string> { ["pm.training.what"] = "Spotting macro-laden invoices", ["pm.training.who"] = "Finance" }, Bob, at);
        postMortem.Answer(PostMortemSection.Summary, new Dictionary<string, string>
        {
            [PostMortemQuestions.SummaryAsks] = "Segment the file servers; turn on SMB auditing",
            [PostMortemQuestions.SummaryRisk] = "Without segmentation one workstation can encrypt every share again",
            [PostMortemQuestions.SummaryCostTime] = "Three weeks of network work",
        }, Alice, at);

        var first = new ActionItem(incident, 1, "Segment the file-server VLAN", Bob, DateOnly.FromDateTime(at.AddDays(30)), Alice, at);
        first.Classify(ActionItemKind.Architecture, ActionItemReach.RemovesClass);
        var second = new ActionItem(incident, 2, "Turn on SMB audit logging on FS01", Alice, DateOnly.FromDateTime(at.AddDays(7)), Alice, at);
        second.Classify(ActionItemKind.Monitoring, ActionItemReach.PatchesInstance);
        var evidence = new Evidence(incident, 1, "Memory image of FS01", new string('a', 64), "https://evidence.example.org/fs01.raw", Bob, Start.AddHours(1));

        var review = TimelineReview.Of(incident, timeline);
        return new PostMortemDocument(
            incident,
            postMortem,
            timeline,
            review,
            [first, second],
            [evidence],
            NotificationClocks.Default.For(incident, postMortem),
            QualityReport.Of(postMortem, review, [first, second]),
            zone ?? TimeZoneInfo.Utc,
            at);
    }
}
