namespace ChatOpsIR.Core.Ports;

/// <summary>Runs follow-up work in the background, on whichever host picks it up (Hangfire behind this port).</summary>
public interface IFollowUpScheduler
{
    /// <summary>Queues the reminder check of one action item.</summary>
    Task EnqueueActionItemReminderAsync(Guid actionItemId, CancellationToken cancellationToken);

    /// <summary>Queues the post-mortem nudge check of one incident.</summary>
    Task EnqueuePostMortemNudgeAsync(Guid incidentId, CancellationToken cancellationToken);

    /// <summary>Queues a sweep of everything due now (also what runs at start-up, so nothing due while the host was down is lost).</summary>
    Task EnqueueSweepAsync(CancellationToken cancellationToken);
}
