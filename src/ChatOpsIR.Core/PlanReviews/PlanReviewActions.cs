using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PlanReviews;

/// <summary>
/// The Record button of the review card: the plan owner (or whom it escalates to) records the decision and the next
/// review date. Changes are staged; <see cref="CommandService"/> saves.
/// </summary>
public sealed class PlanReviewActions(IPlanReviewStore reviews, PlanReviewOptions options, TimeProvider clock) : ICardActionHandler
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string Family => PlanReviewVerbs.Family;

    public Task<BotReply> HandleAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken) =>
        verb == PlanReviewVerbs.Record
            ? RecordAsync(context, data, cancellationToken)
            : Task.FromResult(BotReply.Error("That plan review button is not recognised. It may be from an older version of the card."));

    /// <summary>
    /// The questions the Record button asks, for platforms that show them in a dialog (the card in a Slack message cannot
    /// be filled in). Null when there is nothing to ask — unknown, recorded, or not the presser's to record — so the press
    /// itself answers why.
    /// </summary>
    public async Task<Card?> FormForAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (verb != PlanReviewVerbs.Record
            || !data.TryGetValue(PlanReviewVerbs.ReviewKey, out var key)
            || !Guid.TryParseExact(key, "N", out var id)
            || await reviews.FindByIdAsync(id, cancellationToken) is not { Status: PlanReviewStatus.Pending } review
            || review.Scope != context.Scope
            || (context.User.Id != review.OwnerId && context.User.Id != options.EscalateToId))
        {
            return null;
        }

        return PlanReviewCards.Form(review, Today(context.TimeZone).AddYears(1));
    }

    private async Task<BotReply> RecordAsync(CommandContext context, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (!data.TryGetValue(PlanReviewVerbs.ReviewKey, out var key) || !Guid.TryParseExact(key, "N", out var id) || await reviews.FindAsync(context.Scope, id, cancellationToken) is not { } review)
        {
            return BotReply.Error("That plan review is not known here.");
        }

        if (review.Status == PlanReviewStatus.Recorded)
        {
            return BotReply.Private($"This review was already recorded by {review.ReviewedByName} on {TimeFormat.Day(TimeFormat.LocalDay(review.ReviewedAt!.Value, context.TimeZone))}.");
        }

        if (!context.IsUser(review.OwnerId) && (options.EscalateToId is not { Length: > 0 } escalateTo || !context.IsUser(escalateTo)))
        {
            return BotReply.Error($"Only the plan owner ({review.OwnerName}) can record this review.");
        }

        var errors = new Dictionary<string, string>();
        var decision = data.GetValueOrDefault(PlanReviewVerbs.DecisionInput) switch
        {
            "confirmed" => PlanReviewDecision.Confirmed,
            "update" => PlanReviewDecision.UpdateNeeded,
            _ => PlanReviewDecision.None,
        };
        if (decision == PlanReviewDecision.None)
        {
            errors[PlanReviewVerbs.DecisionInput] = "Pick whether the plan still fits or needs updating.";
        }

        var today = Today(context.TimeZone);
        var tokens = (data.GetValueOrDefault(PlanReviewVerbs.NextInput) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        DateOnly next = default;
        if (!DueDateExpression.TryParse(tokens, out var expression, out var used) || used != tokens.Length)
        {
            errors[PlanReviewVerbs.NextInput] = "Give the date as YYYY-MM-DD.";
        }
        else if ((next = expression!.Resolve(today)) <= today || next > today.AddYears(1))
        {
            errors[PlanReviewVerbs.NextInput] = "The next review falls after today and within a year (SEF-01: at least once a year).";
        }

        var notes = data.GetValueOrDefault(PlanReviewVerbs.NotesInput);
        if (notes is { Length: > PlanReview.MaxNotesLength })
        {
            errors[PlanReviewVerbs.NotesInput] = $"Keep the notes under {PlanReview.MaxNotesLength} characters.";
        }

        if (errors.Count > 0)
        {
            return BotReply.Error(string.Join(" ", errors.Values)) with { FieldErrors = errors };
        }

        review.Record(context.User, decision, notes, next, Now);
        return BotReply.Private($"Plan review recorded by {context.User.DisplayName}: {PlanReviewWorkflows.Describe(decision)}. Next review by {TimeFormat.Day(next)}.");
    }

    private DateOnly Today(TimeZoneInfo zone) => TimeFormat.LocalDay(Now, zone);
}
