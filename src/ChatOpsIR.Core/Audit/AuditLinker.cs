using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Core.Audit;

/// <summary>
/// Keeps every scope's chain up to date and on record: links what was written since the last run (every minute, and
/// before anyone verifies or exports), and once a day writes each chain's head to the host log, so a copy of the log
/// kept elsewhere can later prove that the past of the chain was not rewritten.
/// </summary>
public sealed partial class AuditLinker(IAuditTrail trail, ILogger<AuditLinker> logger)
{
    /// <summary>Rows linked per transaction: a long backlog is linked in several short ones.</summary>
    public const int Batch = 500;

    /// <summary>Links every scope's pending rows; returns how many were linked.</summary>
    public async Task<int> LinkAllAsync(CancellationToken cancellationToken)
    {
        var linked = 0;
        foreach (var scope in await trail.ScopesWithPendingAsync(cancellationToken))
        {
            linked += await LinkAsync(scope, cancellationToken);
        }

        return linked;
    }

    /// <summary>Links the scope's pending rows, all of them, in batches.</summary>
    public async Task<int> LinkAsync(TenantScope scope, CancellationToken cancellationToken)
    {
        var linked = 0;
        int batch;
        do
        {
            batch = await trail.LinkPendingAsync(scope, Batch, cancellationToken);
            linked += batch;
        }
        while (batch == Batch);

        if (linked > 0)
        {
            LogLinked(logger, linked, scope);
        }

        return linked;
    }

    /// <summary>Links, then walks every scope's chain and logs its head (or, loudly, where it breaks).</summary>
    public async Task<IReadOnlyList<(TenantScope Scope, AuditVerification Result)>> LogHeadsAsync(CancellationToken cancellationToken)
    {
        await LinkAllAsync(cancellationToken);
        var results = new List<(TenantScope, AuditVerification)>();
        foreach (var scope in await trail.ScopesAsync(cancellationToken))
        {
            var result = await trail.VerifyAsync(scope, cancellationToken);
            if (result.Intact)
            {
                LogHead(logger, scope, result.Checked, result.Head);
            }
            else
            {
                LogBroken(logger, scope, result.Describe());
            }

            results.Add((scope, result));
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Linked {Count} audit rows of {Scope}.")]
    private static partial void LogLinked(ILogger logger, int count, TenantScope scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit chain head of {Scope}: row {Sequence}, hash {Head}. Keep this line: it proves the chain up to here later.")]
    private static partial void LogHead(ILogger logger, TenantScope scope, int sequence, string head);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Audit chain of {Scope} does not verify: {Problem}")]
    private static partial void LogBroken(ILogger logger, TenantScope scope, string problem);
}
