using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PlanReviews;

/// <summary>The button verb of the plan review card and the keys of its data and inputs.</summary>
public static class PlanReviewVerbs
{
    /// <summary>The family of the plan review's buttons: <see cref="PlanReviewActions"/> serves it.</summary>
    public const string Family = "planreview.";

    public const string Record = "planreview.record";
    public const string ReviewKey = "review";
    public const string DecisionInput = "decision";
    public const string NotesInput = "notes";
    public const string NextInput = "next";
}

public static class PlanReviewCards
{
    public static Card Review(PlanReview review, PlanReviewSummary summary, TimeZoneInfo zone, DateOnly suggestedNext, string? headline = null)
    {
        var body = new List<CardElement>
        {
            new TextElement(headline ?? $"The incident-response plan is reviewed at least once a year (CSA CCM SEF-01). Here is the year from {TimeFormat.Day(TimeFormat.LocalDay(review.PeriodFrom, zone))} to {TimeFormat.Day(TimeFormat.LocalDay(review.PeriodTo, zone))}; record your decision below."),
            new FactsElement(summary.Facts()),
            new TextElement("Lessons learned", TextStyle.Heading),
            new ListElement(summary.Lessons.Select(l => new ListItem(l.Lesson, l.Incident)).ToList(), summary.PrivateLessons > 0 ? "No lessons from incidents that are not private." : "No lessons recorded in post-mortems this year."),
        };
        if (summary.PrivateLessons > 0)
        {
            body.Add(new TextElement($"{Plural.Of(summary.PrivateLessons, "more lesson")} came from private incidents; they stay with those incidents' people.", TextStyle.Subtle));
        }

        body.AddRange(Inputs(suggestedNext));
        return new Card("Yearly review of the incident-response plan", body, [RecordButton(review)])
        {
            Subtitle = $"For {review.OwnerName} · {Plural.Of(summary.Incidents, "incident")}, {Plural.Of(summary.Exercises, "exercise")}",
            Tone = CardTone.Accent,
        };
    }

    /// <summary>The review's questions alone, for platforms that ask them in a dialog (a Slack modal) when Record is pressed.</summary>
    public static Card Form(PlanReview review, DateOnly suggestedNext) =>
        new("Record the plan review", [new TextElement($"The incident-response plan review asked of {review.OwnerName}."), .. Inputs(suggestedNext)], [RecordButton(review)]);

    private static CardButton RecordButton(PlanReview review) =>
        new("Record the review", PlanReviewVerbs.Record, new Dictionary<string, string> { [PlanReviewVerbs.ReviewKey] = review.Id.ToString("N") }) { Style = ButtonStyle.Primary };

    private static IEnumerable<CardElement> Inputs(DateOnly suggestedNext) =>
    [
        new InputElement(PlanReviewVerbs.DecisionInput, "Decision", InputKind.Choice)
        {
            IsRequired = true,
            Choices = [new Choice("The plan still fits", "confirmed"), new Choice("The plan needs updating", "update")],
        },
        new InputElement(PlanReviewVerbs.NotesInput, "Notes (what to change, who agreed)", InputKind.MultilineText) { MaxLength = PlanReview.MaxNotesLength },
        new InputElement(PlanReviewVerbs.NextInput, "Next review by", InputKind.Date) { IsRequired = true, Value = suggestedNext.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
    ];
}
