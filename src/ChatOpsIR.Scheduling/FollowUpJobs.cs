using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.SlowWork;
using Hangfire;

namespace ChatOpsIR.Scheduling;

/// <summary>The Hangfire jobs. Arguments are ids; each job reloads its state through Core and may run more than once.</summary>
public sealed class FollowUpJobs(ActionItemReminders reminders, PostMortemNudges nudges, PlanReviewFollowUps planReviews, FollowUpCleanup cleanup, SlowWorkRunner slowWork)
{
    public const string SweepJobId = "follow-ups.sweep";
    public const string CleanupJobId = "follow-ups.cleanup";

    /// <summary>Daily, at 03:17 UTC (off the hour, when chat is quiet in most places).</summary>
    public const string CleanupCron = "17 3 * * *";

    /// <summary>
    /// Queues a job for every follow-up that has come due. It runs again at the next tick, so a failure is not retried.
    /// Two sweeps at once (two hosts starting) are harmless: each follow-up is claimed once in the database.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await reminders.SweepAsync(cancellationToken);
        await nudges.SweepAsync(cancellationToken);
        await planReviews.SweepAsync(cancellationToken);
        await slowWork.SweepAsync(cancellationToken);
    }

    /// <summary>Deletes the delivery records that can no longer matter. It runs again tomorrow, so a failure is not retried.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task CleanUpAsync(CancellationToken cancellationToken) => cleanup.CleanUpAsync(cancellationToken);

    [AutomaticRetry(Attempts = 5)]
    public Task RemindActionItemAsync(Guid actionItemId, CancellationToken cancellationToken) => reminders.RemindAsync(actionItemId, cancellationToken);

    [AutomaticRetry(Attempts = 5)]
    public Task NudgePostMortemAsync(Guid incidentId, CancellationToken cancellationToken) => nudges.NudgeAsync(incidentId, cancellationToken);

    /// <summary>Slow work a command stored (a war room to open, a history to read). Claimed in the database, so run once.</summary>
    [AutomaticRetry(Attempts = 5)]
    public Task RunWorkItemAsync(Guid workItemId, CancellationToken cancellationToken) => slowWork.RunAsync(workItemId, cancellationToken);
}

/// <summary>Core's scheduling port on Hangfire.</summary>
internal sealed class HangfireFollowUpScheduler(IBackgroundJobClient jobs) : IFollowUpScheduler, IWorkScheduler
{
    public Task EnqueueWorkAsync(Guid workItemId, CancellationToken cancellationToken)
    {
        jobs.Enqueue<FollowUpJobs>(j => j.RunWorkItemAsync(workItemId, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task EnqueueActionItemReminderAsync(Guid actionItemId, CancellationToken cancellationToken)
    {
        jobs.Enqueue<FollowUpJobs>(j => j.RemindActionItemAsync(actionItemId, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task EnqueuePostMortemNudgeAsync(Guid incidentId, CancellationToken cancellationToken)
    {
        jobs.Enqueue<FollowUpJobs>(j => j.NudgePostMortemAsync(incidentId, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task EnqueueSweepAsync(CancellationToken cancellationToken)
    {
        jobs.Enqueue<FollowUpJobs>(j => j.SweepAsync(CancellationToken.None));
        return Task.CompletedTask;
    }
}
