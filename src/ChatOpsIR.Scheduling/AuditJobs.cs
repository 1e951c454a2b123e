using ChatOpsIR.Core.Audit;
using Hangfire;

namespace ChatOpsIR.Scheduling;

/// <summary>
/// The audit trail's recurring jobs: linking every minute what was written (so the chain trails the record by a minute at
/// most), and writing each chain's head to the host log once a day.
/// </summary>
public sealed class AuditJobs(AuditLinker linker)
{
    public const string LinkJobId = "audit.link";
    public const string HeadJobId = "audit.head";

    public const string LinkCron = "* * * * *";

    /// <summary>Daily, at 00:05 UTC.</summary>
    public const string HeadCron = "5 0 * * *";

    /// <summary>Runs again at the next minute, so a failure is not retried; two runs at once are harmless (one place per row).</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task LinkAsync(CancellationToken cancellationToken) => linker.LinkAllAsync(cancellationToken);

    [AutomaticRetry(Attempts = 3)]
    public Task LogHeadsAsync(CancellationToken cancellationToken) => linker.LogHeadsAsync(cancellationToken);
}
