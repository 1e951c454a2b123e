using ChatOpsIR.Core.FollowUps;
using Hangfire;

namespace ChatOpsIR.Scheduling;

/// <summary>
/// The daily reminder to take back access granted during incidents (`Hangfire:AccessReminderCron`, 09:00 UTC by
/// default). The recurring run queues one job per incident; each reloads the incident and is claimed once per day in
/// the database, so a retry or a second host sends nothing twice.
/// </summary>
public sealed class AccessGrantJobs(AccessGrantReminders reminders, IBackgroundJobClient jobs)
{
    public const string RecurringJobId = "access-grants.remind";

    /// <summary>Queues a reminder for every incident with access to take back. It runs again tomorrow, so a failure is not retried.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RemindAllAsync(CancellationToken cancellationToken)
    {
        foreach (var incidentId in await reminders.FindDueAsync(cancellationToken))
        {
            jobs.Enqueue<AccessGrantJobs>(j => j.RemindAsync(incidentId, CancellationToken.None));
        }
    }

    [AutomaticRetry(Attempts = 5)]
    public Task RemindAsync(Guid incidentId, CancellationToken cancellationToken) => reminders.RemindAsync(incidentId, cancellationToken);
}
