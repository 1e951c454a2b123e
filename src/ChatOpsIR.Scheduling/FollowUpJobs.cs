using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Ports;
using Hangfire;

namespace ChatOpsIR.Scheduling;

/// <summary>The Hangfire jobs. Arguments are ids; each job reloads its state through Core and may run more than once.</summary>
public sealed class FollowUpJobs(ActionItemReminders reminders)
{
    public const string SweepJobId = "follow-ups.sweep";

    /// <summary>Queues a job for every follow-up that has come due. It runs again at the next tick, so a failure is not retried.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task SweepAsync(CancellationToken cancellationToken) => reminders.SweepAsync(cancellationToken);

    [AutomaticRetry(Attempts = 5)]
    public Task RemindActionItemAsync(Guid actionItemId, CancellationToken cancellationToken) => reminders.RemindAsync(actionItemId, cancellationToken);
}

/// <summary>Core's scheduling port on Hangfire.</summary>
internal sealed class HangfireFollowUpScheduler(IBackgroundJobClient jobs) : IFollowUpScheduler
{
    public Task EnqueueActionItemReminderAsync(Guid actionItemId, CancellationToken cancellationToken)
    {
        jobs.Enqueue<FollowUpJobs>(j => j.RemindActionItemAsync(actionItemId, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task EnqueueSweepAsync(CancellationToken cancellationToken)
    {
        jobs.Enqueue<FollowUpJobs>(j => j.SweepAsync(CancellationToken.None));
        return Task.CompletedTask;
    }
}
