using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PlanReviews;

/// <summary>`plan review now` and `plan status` (<see cref="PlanReviewActions"/> handles the review card's Record button). Changes are staged; <see cref="CommandService"/> saves.</summary>
public sealed class PlanReviewWorkflows(IIncidentStore store, IPlanReviewStore reviews, PlanReviewOptions options, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BotReply> StartNowAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var today = Today(context.TimeZone);
        var review = new PlanReview(context.Scope, $"on-demand:{Guid.NewGuid():N}", context.User.Id, context.User.DisplayName, Now.AddYears(-1), Now, Now);
        reviews.Add(review);
        var summary = await PlanReviewSummary.BuildAsync(store, context.Scope, review.PeriodFrom, review.PeriodTo, today, cancellationToken);
        return BotReply.Private(
            $"Plan review started: {summary.Incidents} incidents and {summary.Exercises} exercises in the last 12 months. Record your decision on the card.",
            PlanReviewCards.Review(review, summary, context.TimeZone, today.AddYears(1)));
    }

    public async Task<BotReply> StatusAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var last = await reviews.FindLatestRecordedAsync(context.Scope, cancellationToken);
        var pending = await reviews.FindLatestPendingAsync(context.Scope, cancellationToken);
        var today = Today(context.TimeZone);
        var times = new ViewTimes(context.TimeZone);
        var facts = new List<Fact>();
        if (last is not null)
        {
            facts.Add(new("Last review", $"{times.Moment(last.ReviewedAt!.Value)} by {last.ReviewedByName}"));
            facts.Add(new("Decision", Describe(last.Decision)));
            if (last.Notes is { } notes)
            {
                facts.Add(new("Notes", notes));
            }
        }
        else
        {
            facts.Add(new("Last review", "none recorded"));
        }

        var next = last?.NextReviewDue;
        if (options.IsScheduled && options.ReviewScope == context.Scope)
        {
            // This year's review, once recorded, makes the next one next year's; started and unrecorded, it is still due.
            var yearly = new DateOnly(today.Year, options.Month, options.Day);
            var scheduled = await reviews.FindByKeyAsync(context.Scope, $"yearly:{today.Year}", cancellationToken) switch
            {
                { Status: PlanReviewStatus.Recorded } => yearly.AddYears(1),
                { Status: PlanReviewStatus.Pending } => yearly,
                _ => yearly >= today ? yearly : yearly.AddYears(1),
            };
            facts.Add(new("Yearly review", $"{TimeFormat.Day(scheduled)}, sent to {options.OwnerName ?? options.OwnerId}"));
            next = next is null || scheduled < next ? scheduled : next;
        }

        facts.Add(new("Next review due", next is { } due ? $"{TimeFormat.Day(due)}{(due < today ? " (overdue)" : string.Empty)}" : "not set: run `plan review now`"));
        if (pending is not null)
        {
            facts.Add(new("Waiting for", $"{pending.OwnerName}, asked {times.Moment(pending.RequestedAt)}"));
        }

        var overdue = next is { } n && n < today;
        List<CardElement> body = [new FactsElement(facts)];
        if (times.Note() is { } zoneNote)
        {
            body.Add(zoneNote);
        }

        var card = new Card("Incident-response plan review", body) { Tone = overdue || last is null ? CardTone.Warning : CardTone.Default };
        var text = last is null ? "No plan review has been recorded yet." : $"Last plan review {TimeFormat.Day(TimeFormat.LocalDay(last.ReviewedAt!.Value, context.TimeZone))} by {last.ReviewedByName}; next due {(next is { } d ? TimeFormat.Day(d) : "not set")}.";
        return BotReply.Private(text, card);
    }

    public static string Describe(PlanReviewDecision decision) => decision switch
    {
        PlanReviewDecision.Confirmed => "the plan still fits",
        PlanReviewDecision.UpdateNeeded => "the plan needs updating",
        _ => "no decision",
    };

    private DateOnly Today(TimeZoneInfo zone) => TimeFormat.LocalDay(Now, zone);
}
