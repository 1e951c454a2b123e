using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Core.Tests;

/// <summary>Every card with buttons, built as Core builds it: its button titles must read whole and plain on a narrow card.</summary>
public class ButtonLabelTests
{
    private static readonly DateTime Now = SamplePostMortem.Start.AddDays(3);

    /// <summary>A post-mortem whose root causes and lessons carry open blame hints, as the blame-coaching step shows them.</summary>
    private static (PostMortemDocument Document, StepView View) BlameCoaching()
    {
        var document = SamplePostMortem.Build();
        var postMortem = PostMortem.Start(document.Incident, SamplePostMortem.Alice, Now);
        foreach (var (kind, text) in new[]
        {
            (FindingKind.RootCause, "Human error: the operator skipped the patch."),
            (FindingKind.RootCause, "The admin was careless with the firewall rule."),
            (FindingKind.Lesson, "Human error: nobody checked the backups."),
        })
        {
            var hint = BlameCoach.Default.Check(text, []);
            Assert.NotNull(hint);
            postMortem.AddFinding(kind, text, ["rigor"], "process", hint, SamplePostMortem.Bob, Now);
        }

        var view = new StepView(document.Incident, postMortem, TimeZoneInfo.Utc, Now)
        {
            Review = document.Review,
            ActionItems = document.ActionItems,
            Clocks = document.Clocks,
            Quality = document.Quality,
        };
        return (document, view);
    }

    public static TheoryData<string> CardNames() => [.. Cards().Keys];

    private static Dictionary<string, Card> Cards()
    {
        var (document, view) = BlameCoaching();
        var incident = document.Incident;
        var item = document.ActionItems[0];
        var review = new PlanReview(TenantScope.Web, "2026", "alice", "Alice Moreau", Now.AddYears(-1), Now, Now);
        var summary = new PlanReviewSummary(1, 0, new Dictionary<int, int> { [2] = 1 }, null, null, null, 1, 0, 1, [], [("INC-0007", "Offline backups help.")]);
        var occurrence = new ReminderOccurrence(ReminderKind.Overdue, "overdue:1#1", Now, Now);
        var cards = new Dictionary<string, Card>
        {
            ["incident summary"] = IncidentCards.Summary(Incident.Declare(TenantScope.Web, 8, "Phishing wave", 2, ExerciseKind.None, Platform.Web, "c", null, SamplePostMortem.Alice, Now).Incident, TimeZoneInfo.Utc),
            ["declare form"] = DeclareForm.Build(offerNewChannel: true),
            ["reminder"] = ReminderCards.Reminder(item, incident, occurrence, 2, TimeZoneInfo.Utc).Card,
            ["escalation"] = ReminderCards.Escalation(item, incident, 9, TimeZoneInfo.Utc).Card,
            ["reminder date form"] = ReminderCards.DateForm(item),
            ["reminder owner form"] = ReminderCards.OwnerForm(item),
            ["plan review"] = PlanReviewCards.Review(review, summary, TimeZoneInfo.Utc, DateOnly.FromDateTime(Now.AddYears(1))),
            ["plan review form"] = PlanReviewCards.Form(review, DateOnly.FromDateTime(Now.AddYears(1))),
            ["post-mortem status"] = PostMortemCards.Status(view),
            ["post-mortem published"] = PostMortemCards.Published(document, 2, "https://chatopsir.invalid/reports/7"),
            ["post-mortem report"] = PostMortemCards.Report(document, "https://chatopsir.invalid/reports/7"),
            ["post-mortem publish check"] = PostMortemCards.PublishCheck(incident, document.Quality),
            ["post-mortem reword form"] = PostMortemCards.RewordForm(incident, view.PostMortem.RootCauses.First(), new CardButton("Save wording", PostMortemVerbs.Reword, new Dictionary<string, string>())),
            ["post-mortem waiting"] = PostMortemNudges.WaitingCard(incident, "The post-mortem has waited for a week."),
        };
        foreach (var section in Enum.GetValues<PostMortemSection>())
        {
            cards[$"post-mortem step {section}"] = PostMortemCards.Step(view, section);
            cards[$"post-mortem form {section}"] = PostMortemCards.Form(view, section, new CardButton("Save", PostMortemVerbs.Answer, PostMortemCards.Data(incident, section)));
        }

        return cards;
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Every_button_title_reads_whole_and_plain(string name)
    {
        var card = Cards()[name];

        Assert.NotEmpty(card.Buttons);
        Assert.All(card.Buttons, button =>
        {
            Assert.InRange(button.Title.Length, 1, CardButton.MaxTitleLength);
            Assert.DoesNotContain(InlineText.CodeMark, button.Title);
            Assert.DoesNotContain(InlineText.EmphasisMark, button.Title);
            Assert.DoesNotContain("(s)", button.Title);
        });
    }

    [Fact]
    public void The_blame_coaching_step_puts_saving_and_rewording_the_first_flagged_cause_in_front()
    {
        var (_, view) = BlameCoaching();

        var buttons = PostMortemCards.Step(view, PostMortemSection.RootCauses).Buttons;

        Assert.Equal(
            ["Save, add another", "Save and continue", "Reword cause 1", "No more causes", "Keep cause 1 as is", "Reword cause 2", "Keep cause 2 as is"],
            buttons.Select(b => b.Title));
        Assert.Equal(ButtonStyle.Primary, buttons[0].Style);
        Assert.Equal(PostMortemVerbs.Reword, buttons[2].Verb);
        Assert.Equal(view.PostMortem.RootCauses.First().Id.ToString(), buttons[2].Data[PostMortemVerbs.FindingKey]);
        Assert.Equal(PostMortemVerbs.Keep, buttons[4].Verb);
        Assert.Equal(buttons[2].Data[PostMortemVerbs.FindingKey], buttons[4].Data[PostMortemVerbs.FindingKey]);
    }

    [Fact]
    public void A_reminder_keeps_done_a_days_snooze_and_a_new_date_in_front()
    {
        var document = SamplePostMortem.Build();
        var occurrence = new ReminderOccurrence(ReminderKind.Due, "due:1", Now, Now);

        var buttons = ReminderCards.Reminder(document.ActionItems[0], document.Incident, occurrence, 0, TimeZoneInfo.Utc).Card.Buttons;

        Assert.Equal(["Done", "Snooze 1 day", "New date", "Snooze 1 week", "Reassign"], buttons.Select(b => b.Title));
        Assert.Equal(ButtonStyle.Primary, buttons[0].Style);
    }
}
