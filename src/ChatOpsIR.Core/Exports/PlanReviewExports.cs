using System.Globalization;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Exports;

/// <summary>
/// The sign-off of a plan review as one <see cref="PlanReviewExport"/>: who recorded it, when, what they decided, and the
/// figures of the review's period as the review card shows them (overdue items counted against the sign-off day).
/// </summary>
public sealed class PlanReviewExports(IIncidentStore store, IPlanReviewStore reviews, TimeProvider clock)
{
    public async Task<PlanReviewExport?> BuildAsync(TenantScope scope, Guid reviewId, ExportPerson exportedBy, CancellationToken cancellationToken)
    {
        if (await reviews.FindAsync(scope, reviewId, cancellationToken) is not { Status: PlanReviewStatus.Recorded, ReviewedAt: { } signedAt } review)
        {
            return null;
        }

        var summary = await PlanReviewSummary.BuildAsync(store, scope, review.PeriodFrom, review.PeriodTo, TimeFormat.LocalDay(signedAt, TimeZoneInfo.Utc), cancellationToken);
        return new PlanReviewExport(
            PlanReviewExport.SchemaName,
            IncidentExports.Iso(clock.GetUtcNow().UtcDateTime),
            exportedBy,
            new ExportedPlanReview(
                review.Id.ToString("D"),
                review.Scope.ToString(),
                review.Key,
                review.Key.StartsWith("yearly:", StringComparison.Ordinal) ? "yearly" : "on-demand",
                new ExportPerson(review.OwnerId, review.OwnerName),
                IncidentExports.Iso(review.PeriodFrom),
                IncidentExports.Iso(review.PeriodTo),
                IncidentExports.Iso(review.RequestedAt),
                IncidentExports.Word(review.Status.ToString())),
            new ExportedSignOff(
                new ExportPerson(review.ReviewedById ?? string.Empty, review.ReviewedByName ?? review.ReviewedById ?? string.Empty),
                IncidentExports.Iso(signedAt),
                IncidentExports.Word(review.Decision.ToString()),
                PlanReviewWorkflows.Describe(review.Decision),
                review.Notes,
                review.NextReviewDue?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new ExportedPlanFigures(
                summary.Incidents,
                summary.Exercises,
                summary.BySeverity.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value),
                IncidentExports.Seconds(summary.MedianTimeToDetect),
                IncidentExports.Seconds(summary.MedianTimeToContain),
                IncidentExports.Seconds(summary.MedianTimeToRecover),
                summary.ActionItemsClosed,
                summary.ActionItemsOverdue,
                summary.ActionItemsOpen,
                [.. summary.FailedPrinciples.Select(p => new ExportedPrinciple(p.Principle, p.Count))],
                [.. summary.Lessons.Select(l => new ExportedLesson(l.Incident, l.Lesson))],
                summary.PrivateLessons));
    }
}
