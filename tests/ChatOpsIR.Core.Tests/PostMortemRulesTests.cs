using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;

namespace ChatOpsIR.Core.Tests;

/// <summary>The rules behind the guided post-mortem that do not need a database: blame hints, clocks, gaps and the quality check.</summary>
public class PostMortemRulesTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private static readonly ChatUser Alice = new("alice", "Alice");
    private static readonly ChatUser Sam = new("sam", "Sam Patel");

    [Theory]
    [InlineData("Root cause: human error during the change", "human error")]
    [InlineData("The admin was careless with the firewall rule", "careless")]
    [InlineData("It was Sam's fault for leaving the port open", "Sam … fault")]
    [InlineData("Sam Patel forgot to rotate the key.", "Sam Patel … forgot")]
    [InlineData("@alex did not check the alert", "@alex … did not")]
    [InlineData("They should have known the share was public", "should have known")]
    public void Blaming_wording_is_flagged_with_a_systemic_suggestion(string text, string term)
    {
        var hint = BlameCoach.Default.Check(text, ["Sam Patel", "Alice"]);
        Assert.NotNull(hint);
        Assert.Equal(term, hint.Term, ignoreCase: true);
        Assert.False(string.IsNullOrWhiteSpace(hint.Suggestion));
    }

    [Theory]
    [InlineData("Key rotation depended on someone remembering it; nothing reminded or checked.")]
    [InlineData("The deployment tool allowed an unreviewed change to reach production.")]
    [InlineData("The fault-tolerance of the backup link was never tested.")]
    [InlineData("The service did not check the token audience.")]
    public void Systemic_wording_gets_no_hint(string text) =>
        Assert.Null(BlameCoach.Default.Check(text, ["Sam Patel", "Alice"]));

    [Fact]
    public void The_word_list_is_data_and_can_be_replaced()
    {
        using var json = new MemoryStream("""{ "anywhere": [ { "term": "dummkopf", "suggest": "Describe the system." } ], "withName": [] }"""u8.ToArray());
        var coach = BlameCoach.Load(json);
        Assert.Equal("Describe the system.", coach.Check("What a dummkopf move", [])!.Suggestion);
        Assert.Null(coach.Check("Human error", []));
    }

    [Fact]
    public void A_personal_data_breach_starts_a_72_hour_clock_from_detection()
    {
        var incident = Declare();
        incident.Mark(Alice, KeyMoment.Detected, Platform.Web, T0.AddHours(-10), T0);
        var postMortem = PostMortem.Start(incident, Alice, T0);
        postMortem.Answer(PostMortemSection.Impact, new Dictionary<string, string> { [PostMortemQuestions.ImpactData] = "personal,credentials" }, Alice, T0);

        var clock = Assert.Single(NotificationClocks.Default.For(incident, postMortem));
        Assert.Equal("GDPR Art. 33", clock.Regime.Name);
        Assert.Equal(T0.AddHours(62), clock.DueAt);
        Assert.False(clock.FromDeclaration);
        Assert.Equal("62 h 0 min left", clock.DescribeLeft(T0));
        Assert.Equal("overdue by 2 h 0 min", clock.DescribeLeft(T0.AddHours(64)));
    }

    [Fact]
    public void Without_a_detection_time_the_clock_counts_from_the_declaration_and_says_so()
    {
        var incident = Declare();
        var postMortem = PostMortem.Start(incident, Alice, T0);
        postMortem.Answer(PostMortemSection.Impact, new Dictionary<string, string> { [PostMortemQuestions.ImpactData] = "health" }, Alice, T0);

        var clock = Assert.Single(NotificationClocks.Default.For(incident, postMortem));
        Assert.True(clock.FromDeclaration);
        Assert.Equal(T0.AddDays(60), clock.DueAt);
    }

    [Fact]
    public void Regimes_are_configuration_and_bad_ones_are_refused()
    {
        var custom = new NotificationClocks([new NotificationRegime { Name = "NIS2 early warning", Categories = ["credentials"], DeadlineHours = 24, Notify = "the CSIRT" }]);
        var incident = Declare();
        var postMortem = PostMortem.Start(incident, Alice, T0);
        postMortem.Answer(PostMortemSection.Impact, new Dictionary<string, string> { [PostMortemQuestions.ImpactData] = "credentials" }, Alice, T0);
        Assert.Equal(T0.AddHours(24), Assert.Single(custom.For(incident, postMortem)).DueAt);

        var unknown = Assert.Throws<ConfigurationException>(() => new NotificationClocks([new NotificationRegime { Name = "X", Categories = ["biometric"], DeadlineHours = 1, Notify = "y" }]));
        Assert.Contains("'biometric'", unknown.Message);
        Assert.Throws<ConfigurationException>(() => new NotificationClocks([new NotificationRegime { Name = "X", Categories = ["personal"], DeadlineHours = 0, Notify = "y" }]));
    }

    [Fact]
    public void Quiet_stretches_over_an_hour_are_flagged_up_to_resolution()
    {
        var incident = Declare();
        var timeline = new List<TimelineEntry>
        {
            incident.AddNote(Alice, "a", Platform.Web, T0, T0),
            incident.AddNote(Alice, "b", Platform.Slack, T0.AddMinutes(59), T0),
            incident.AddNote(Alice, "c", Platform.Teams, T0.AddHours(3), T0),
            incident.AddNote(Alice, "d", Platform.Web, T0.AddHours(3.5), T0),
        };
        var review = TimelineReview.Of(incident, timeline);
        var gap = Assert.Single(review.Gaps);
        Assert.Equal(T0.AddMinutes(59), gap.From);
        Assert.Equal(TimeSpan.FromMinutes(121), gap.Length);
    }

    [Fact]
    public void The_quality_check_names_what_is_missing_and_passes_when_all_is_done()
    {
        var incident = Declare();
        var postMortem = PostMortem.Start(incident, Alice, T0);
        var review = TimelineReview.Of(incident, [incident.AddNote(Alice, "a", Platform.Web, T0, T0), incident.AddNote(Alice, "b", Platform.Web, T0.AddHours(2), T0)]);
        var cause = postMortem.AddFinding(FindingKind.RootCause, "Sam's fault", ["rigor"], "process", BlameCoach.Default.Check("Sam's fault", []), Alice, T0);

        var open = QualityReport.Of(postMortem, review, []);
        Assert.False(open.Passed);
        Assert.Equal(
            ["Every section answered, or skipped with a reason", "At least two root causes, or a reason why there is one", "No unexplained gap in the timeline", "No open blame hint"],
            open.Open.Select(i => i.Name));
        Assert.Contains("Cause 1", open.Items[4].Detail);

        foreach (var section in PostMortemSections.All.Where(s => !s.IsList()))
        {
            postMortem.Answer(section, new Dictionary<string, string> { [PostMortemQuestions.TimelineGaps] = "Waiting on the vendor" }, Alice, T0);
        }

        postMortem.Skip(PostMortemSection.Lessons, "Covered in the quarterly review", Alice, T0);
        postMortem.CompleteList(PostMortemSection.ActionItems, Alice, T0);
        postMortem.ExplainSingleCause("The attacker used one stolen token and nothing else", T0);
        postMortem.KeepWording(cause, Sam, T0);

        var ready = QualityReport.Of(postMortem, review, []);
        Assert.True(ready.Passed, string.Join("; ", ready.Open.Select(i => i.Detail)));
    }

    [Theory]
    [InlineData("personal", "personal data")]
    [InlineData("health,payment", "health data and payment card data")]
    [InlineData("credentials", "credentials or secrets")]
    public void Data_recorded_as_affected_with_no_confidentiality_impact_is_an_open_point(string categories, string named)
    {
        var incident = Declare();
        var postMortem = PostMortem.Start(incident, Alice, T0);
        var review = TimelineReview.Of(incident, []);
        postMortem.Answer(PostMortemSection.Impact, Impact("none", categories), Alice, T0);

        var point = Assert.Single(QualityReport.Of(postMortem, review, []).Open, i => i.Name == "Impact answers agree with each other");
        Assert.Equal(
            $"The impact section lists {named} as affected but gives the confidentiality impact as none. " +
            "If that data was exposed, raise the confidentiality impact; if it was not, remove it from the data categories (they also start the notification clocks).",
            point.Detail);
    }

    [Theory]
    [InlineData("low", "personal")]
    [InlineData("high", "personal,health,payment,credentials")]
    [InlineData("none", "")]
    public void Impact_answers_that_fit_together_raise_no_point(string confidentiality, string categories)
    {
        var incident = Declare();
        var postMortem = PostMortem.Start(incident, Alice, T0);
        var review = TimelineReview.Of(incident, []);
        postMortem.Answer(PostMortemSection.Impact, Impact(confidentiality, categories), Alice, T0);

        var item = Assert.Single(QualityReport.Of(postMortem, review, []).Items, i => i.Name == "Impact answers agree with each other");
        Assert.True(item.Passed, item.Detail);
    }

    private static Dictionary<string, string> Impact(string confidentiality, string categories) => new()
    {
        [PostMortemQuestions.ImpactConfidentiality] = confidentiality,
        ["pm.impact.integrity"] = "low",
        ["pm.impact.availability"] = "low",
        [PostMortemQuestions.ImpactData] = categories,
        [PostMortemQuestions.ImpactPeople] = "12",
    };

    [Fact]
    public void Sections_have_stable_slugs_and_order()
    {
        Assert.Equal(9, PostMortemSections.All.Count);
        Assert.True(PostMortemSections.TryParse("root-causes", out var causes));
        Assert.Equal(PostMortemSection.RootCauses, causes);
        Assert.Equal(PostMortemSection.Impact, causes.Next());
        Assert.Null(PostMortemSection.Summary.Next());
        Assert.False(PostMortemSections.TryParse("nonsense", out _));
        Assert.All(PostMortemSections.All.SelectMany(PostMortemQuestions.For), q => Assert.False(q.Id.StartsWith('_')));
    }

    private static Incident Declare() =>
        Incident.Declare(TenantScope.Web, 3, "Stolen laptop", 2, ExerciseKind.None, Platform.Web, "war-room", null, Alice, T0).Incident;
}
