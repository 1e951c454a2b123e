using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Core.FollowUps;

/// <summary>
/// Deletes delivery records that can no longer matter, once a day: those of action items done, plan reviews recorded
/// and post-mortems published (nothing is sent about them again), and any older than
/// <see cref="FollowUpDelivery.Retention"/> (whose follow-ups are past <see cref="FollowUpDelivery.MaxAge"/> and never
/// sent again). Closed records keep theirs for one <see cref="FollowUpDelivery.Lease"/>, so a send in flight can still mark its claim.
/// </summary>
public sealed partial class FollowUpCleanup(IFollowUpStore store, TimeProvider clock, ILogger<FollowUpCleanup> logger)
{
    public async Task<int> CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var deleted = await store.DeleteOldDeliveriesAsync(now - FollowUpDelivery.Retention, now - FollowUpDelivery.Lease, cancellationToken);
        LogDeleted(logger, deleted);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} follow-up delivery records that can no longer matter.")]
    private static partial void LogDeleted(ILogger logger, int count);
}
