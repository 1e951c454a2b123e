using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Core.PlanReviews;

/// <summary>
/// The plan review as a follow-up. Every sweep makes sure this year's review exists once its day has come (09:00 in
/// `Reminders:TimeZone`) and that its card went out, so a host that was down on the day (or died while sending) sends
/// it when it is back; the review's key makes it one per year whichever host gets there, and a claim makes the card go
/// out once. Any review still unrecorded after `PlanReview:EscalateAfterDays` — the yearly one, or one started with
/// `plan review now` — is escalated, once, unless the plan was reviewed since it was asked for.
/// </summary>
public sealed partial class PlanReviewFollowUps(
    IIncidentStore store,
    IPlanReviewStore reviews,
    IFollowUpStore followUps,
    IEnumerable<IDirectMessenger> messengers,
    PlanReviewOptions options,
    ReminderOptions reminderOptions,
    TimeProvider clock,
    ILogger<PlanReviewFollowUps> logger)
{
    public static readonly TimeOnly SendAt = new(9, 0);

    public const string CardOccurrence = "plan-review";
    public const string EscalationOccurrence = "plan-review-escalation";

    private readonly ReminderSchedule _schedule = new(reminderOptions);
    private readonly FollowUpClaims _claims = new(followUps, clock);
    private readonly PlatformServices<IDirectMessenger> _messengers = new(messengers);

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_schedule.IsQuiet(now))
        {
            return;
        }

        if (options.IsScheduled)
        {
            await StartYearlyIfDueAsync(now, cancellationToken);
        }

        // Reviews asked for longer ago than a follow-up may be sent are not escalated any more (the next yearly one is).
        var asked = await reviews.FindPendingRequestedBeforeAsync(now.AddDays(-options.EscalateAfterDays), cancellationToken);
        foreach (var id in asked)
        {
            if (await reviews.FindByIdAsync(id, cancellationToken) is { Status: PlanReviewStatus.Pending } review
                && review.RequestedAt >= now - FollowUpDelivery.MaxAge
                && !await _claims.IsHandledAsync(review.Id, EscalationOccurrence, cancellationToken)
                && !(await reviews.FindLatestRecordedAsync(review.Scope, cancellationToken) is { ReviewedAt: { } reviewed } && reviewed >= review.RequestedAt))
            {
                await EscalateAsync(review, now, cancellationToken);
            }
        }
    }

    private async Task StartYearlyIfDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(now, _schedule.Zone);
        var today = DateOnly.FromDateTime(local);
        var day = new DateOnly(local.Year, options.Month, options.Day);
        if (today < day || (today == day && TimeOnly.FromDateTime(local) < SendAt))
        {
            return;
        }

        var scope = options.ReviewScope!.Value;
        var key = $"yearly:{local.Year}";
        var review = new PlanReview(scope, key, options.OwnerId!, options.OwnerName ?? options.OwnerId!, now.AddYears(-1), now, now);
        if (!await reviews.TryAddAsync(review, cancellationToken))
        {
            // Started already, here or by another host: its card still goes out if the run that started it did not send it.
            if (await reviews.FindByKeyAsync(scope, key, cancellationToken) is not { Status: PlanReviewStatus.Pending } started
                || await _claims.IsHandledAsync(started.Id, CardOccurrence, cancellationToken))
            {
                return;
            }

            review = started;
        }

        await SendAsync(review, CardOccurrence, new ChatUser(review.OwnerId, review.OwnerName), async () =>
        {
            var summary = await PlanReviewSummary.BuildAsync(store, scope, review.PeriodFrom, review.PeriodTo, today, cancellationToken);
            var card = PlanReviewCards.Review(review, summary, _schedule.Zone, today.AddYears(1));
            return ($"The yearly review of the incident-response plan is due: {summary.Incidents} incidents and {summary.Exercises} exercises this year.", card);
        }, cancellationToken);
    }

    private async Task EscalateAsync(PlanReview review, DateTime now, CancellationToken cancellationToken)
    {
        // The escalation contact is a person of `PlanReview:Scope`; a review in another workspace or tenant goes back to its owner.
        var to = options.EscalateToId is { Length: > 0 } id && review.Scope == options.ReviewScope
            ? new ChatUser(id, options.EscalateToName ?? id)
            : new ChatUser(review.OwnerId, review.OwnerName);
        var local = _schedule.Today(now);
        var days = (int)(now - review.RequestedAt).TotalDays;
        var headline = review.Key.StartsWith("yearly:", StringComparison.Ordinal)
            ? $"The yearly review of the incident-response plan, sent to {review.OwnerName} {days} days ago, is not recorded yet. SEF-01 asks for a review at least once a year."
            : $"The review of the incident-response plan that {review.OwnerName} started {days} days ago is not recorded yet. SEF-01 asks for a review at least once a year.";
        await SendAsync(review, EscalationOccurrence, to, async () =>
        {
            var summary = await PlanReviewSummary.BuildAsync(store, review.Scope, review.PeriodFrom, review.PeriodTo, local, cancellationToken);
            var card = PlanReviewCards.Review(review, summary, _schedule.Zone, local.AddYears(1), headline) with { Tone = Cards.CardTone.Attention };
            return (headline, card);
        }, cancellationToken);
    }

    private async Task SendAsync(PlanReview review, string occurrence, ChatUser to, Func<Task<(string Text, Cards.Card Card)>> compose, CancellationToken cancellationToken)
    {
        var platform = review.Scope.Platform;
        if (_messengers.For(platform) is not { } messenger)
        {
            LogNoMessenger(logger, platform);
            return;
        }

        var result = await _claims.DeliverAsync(review.Scope, review.Id, occurrence, to.Id, async ct =>
        {
            var (text, card) = await compose();
            await messenger.SendAsync(new DirectMessage(review.Scope, platform, to, text, card) { ChannelId = options.WebChannel }, ct);
        }, cancellationToken);
        if (result.Outcome == FollowUpOutcome.Sent)
        {
            LogSent(logger, occurrence, review.Key);
        }
        else if (result.Outcome == FollowUpOutcome.Unreachable)
        {
            LogUnreachable(logger, review.Key, result.Reason ?? string.Empty);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Occurrence} of plan review {Review}.")]
    private static partial void LogSent(ILogger logger, string occurrence, string review);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan review {Review} cannot reach its recipient: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string review, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No direct messages on {Platform} in this host; the plan review waits.")]
    private static partial void LogNoMessenger(ILogger logger, Platform platform);
}
