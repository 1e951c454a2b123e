using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Core.SlowWork;

/// <summary>
/// Runs one stored work item: claim it (one run at a time, across hosts), do it, mark it done. A run that fails gives its
/// claim back, so the job's retry takes it; a host that dies holds it until <see cref="SlowWorkOptions.Lease"/> ends, and a
/// sweep after that queues it again. Done items are never run again.
/// </summary>
public sealed partial class SlowWorkRunner(
    IWorkItemStore items,
    IWorkScheduler scheduler,
    WarRoomWorkflow warRooms,
    TimelineBackfill backfill,
    EvidenceFiles.EvidenceFileWorkflow evidenceFiles,
    SlowWorkOptions options,
    IEnumerable<IDeferredReply> replies,
    TimeProvider clock,
    ILogger<SlowWorkRunner> logger)
{
    /// <summary>The most items one sweep queues; the next sweep takes the rest.</summary>
    public const int SweepBatch = 200;

    private readonly PlatformServices<IDeferredReply> _replies = new(replies);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task RunAsync(Guid workItemId, CancellationToken cancellationToken)
    {
        if (await items.FindAsync(workItemId, cancellationToken) is not { CompletedAt: null } item)
        {
            LogSkipped(logger, workItemId, "done or not found");
            return;
        }

        var claim = Guid.NewGuid();
        if (!await items.TryClaimAsync(item.Id, claim, Now, Now - options.Lease, cancellationToken))
        {
            LogSkipped(logger, workItemId, "held by another run");
            return; // done meanwhile, or another run holds it
        }

        LogRunning(logger, item.Id, item.Kind);

        try
        {
            switch (item.Kind)
            {
                case WorkKind.OpenWarRoom:
                    await warRooms.OpenAsync(item, claim, cancellationToken);
                    break;
                case WorkKind.DeclareHere:
                    await warRooms.DeclareHereAsync(item, cancellationToken);
                    break;
                case WorkKind.Backfill:
                    await BackfillAsync(item, cancellationToken);
                    break;
                case WorkKind.EvidenceFile:
                    await evidenceFiles.RunAsync(item, cancellationToken);
                    break;
                default:
                    LogUnknownKind(logger, item.Id, (int)item.Kind);
                    break;
            }
        }
        catch (Exception)
        {
            await items.ReleaseAsync(item.Id, claim, CancellationToken.None);
            throw;
        }

        await items.CompleteAsync(item.Id, claim, Now, CancellationToken.None);
    }

    /// <summary>Queues every unfinished item nobody is working on: what a host that died left, and what it never queued.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await items.FindDueAsync(Now - options.Lease, WorkItem.MaxAttempts, SweepBatch, cancellationToken))
        {
            await scheduler.EnqueueWorkAsync(id, cancellationToken);
        }
    }

    /// <summary>The history is read with the reply address in the context: it says where the channel is (Teams: its team).</summary>
    private async Task BackfillAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var reply = CommandParser.Parse(item.Line).Command is BackfillCommand command
            ? await backfill.RunAsync(item.Context() with { ReplyAddress = item.ReplyAddress }, command, cancellationToken)
            : BotReply.Error("That backfill command could not be read again; type it once more.");
        await ReplyTo(item).SendAsync(item.ReplyAddress, reply, cancellationToken);
    }

    private IDeferredReply ReplyTo(WorkItem item) =>
        _replies.For(item.Platform)
        ?? throw new InvalidOperationException($"No deferred reply is registered for {item.Platform}.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Work item {Id} ({Kind}) running.")]
    private static partial void LogRunning(ILogger logger, Guid id, WorkKind kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Work item {Id} not run: {Reason}.")]
    private static partial void LogSkipped(ILogger logger, Guid id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work item {Id} has an unknown kind {Kind}; it is marked done.")]
    private static partial void LogUnknownKind(ILogger logger, Guid id, int kind);
}
