using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Core.PlanReviews;

/// <summary>
/// The yearly plan review as a follow-up. Every sweep makes sure this year's review exists once its day has come
/// (09:00 in `Reminders:TimeZone`), so a host that was down on the day starts it when it is back; the review's key makes
/// it one per year whichever host gets there, and a claim makes the card go out once. A review still unrecorded after
/// `PlanReview:EscalateAfterDays` is escalated, once.
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

    private readonly ReminderSchedule _schedule = new(reminderOptions);

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

        foreach (var id in await reviews.FindPendingRequestedBeforeAsync(now.AddDays(-options.EscalateAfterDays), cancellationToken))
        {
            if (await reviews.FindByIdAsync(id, cancellationToken) is { Status: PlanReviewStatus.Pending } review && review.Key.StartsWith("yearly:", StringComparison.Ordinal))
            {
                await EscalateAsync(review, now, cancellationToken);
            }
        }
    }

    private async Task StartYearlyIfDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(now, _schedule.Zone);
        var day = new DateOnly(local.Year, options.Month, options.Day);
        if (DateOnly.FromDateTime(local) < day || (DateOnly.FromDateTime(local) == day && TimeOnly.FromDateTime(local) < SendAt))
        {
            return;
        }

        var scope = options.Scope!;
        var review = new PlanReview(scope, $"yearly:{local.Year}", options.OwnerId!, options.OwnerName ?? options.OwnerId!, now.AddYears(-1), now, now);
        if (!await reviews.TryAddAsync(review, cancellationToken))
        {
            return;
        }

        var summary = await PlanReviewSummary.BuildAsync(store, scope, review.PeriodFrom, review.PeriodTo, DateOnly.FromDateTime(local), cancellationToken);
        var card = PlanReviewCards.Review(review, summary, _schedule.Zone, DateOnly.FromDateTime(local).AddYears(1));
        await SendAsync(review, "plan-review", new ChatUser(review.OwnerId, review.OwnerName), $"The yearly review of the incident-response plan is due: {summary.Incidents} incidents and {summary.Exercises} exercises this year.", card, now, cancellationToken);
    }

    private async Task EscalateAsync(PlanReview review, DateTime now, CancellationToken cancellationToken)
    {
        var to = options.EscalateToId is { Length: > 0 } id ? new ChatUser(id, options.EscalateToName ?? id) : new ChatUser(review.OwnerId, review.OwnerName);
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, _schedule.Zone));
        var summary = await PlanReviewSummary.BuildAsync(store, review.Scope, review.PeriodFrom, review.PeriodTo, local, cancellationToken);
        var days = (int)(now - review.RequestedAt).TotalDays;
        var headline = $"The yearly review of the incident-response plan, sent to {review.OwnerName} {days} days ago, is not recorded yet. SEF-01 asks for a review at least once a year.";
        var card = PlanReviewCards.Review(review, summary, _schedule.Zone, local.AddYears(1), headline) with { Tone = Cards.CardTone.Attention };
        await SendAsync(review, "plan-review-escalation", to, headline, card, now, cancellationToken);
    }

    private async Task SendAsync(PlanReview review, string occurrence, ChatUser to, string text, Cards.Card card, DateTime now, CancellationToken cancellationToken)
    {
        var platform = PlanReviewOptions.PlatformOf(review.Scope) ?? Platform.Web;
        if (messengers.FirstOrDefault(m => m.Platform == platform) is not { } messenger)
        {
            LogNoMessenger(logger, platform);
            return;
        }

        var claim = new FollowUpDelivery(review.Scope, review.Id, occurrence, to.Id, now);
        if (await followUps.IsClaimedAsync(review.Id, occurrence, cancellationToken) || !await followUps.TryClaimAsync(claim, cancellationToken))
        {
            return;
        }

        try
        {
            await messenger.SendAsync(new DirectMessage(review.Scope, platform, to, text, card) { ChannelId = options.WebChannel }, cancellationToken);
            LogSent(logger, occurrence, review.Key);
        }
        catch (DirectMessageUnavailableException ex)
        {
            LogUnreachable(logger, review.Key, ex.Message);
        }
        catch (Exception)
        {
            await followUps.ReleaseAsync(claim.Id, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Occurrence} of plan review {Review}.")]
    private static partial void LogSent(ILogger logger, string occurrence, string review);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan review {Review} cannot reach its recipient: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string review, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No direct messages on {Platform} in this host; the plan review waits.")]
    private static partial void LogNoMessenger(ILogger logger, Platform platform);
}
