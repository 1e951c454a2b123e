using System.Text.Json;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.SlowWork;
using ChatOpsIR.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Core.EvidenceFiles;

/// <summary>
/// "Add as evidence" on a shared file, for every front door. Slack and Teams stage the download as slow work
/// (<see cref="StageAsync"/>, then <see cref="RunAsync"/> in a job: the platforms wait seconds, a file may take longer);
/// the web war room hands over the upload as it streams in (<see cref="RecordUploadAsync"/>). Either way the SHA-256
/// is ChatOpsIR's own, computed while the bytes pass, and the item is recorded by <see cref="EvidenceFileRecorder"/>.
/// Anyone who can see the channel's incident may do it; nothing is recorded for a file over the limit.
/// </summary>
public sealed partial class EvidenceFileWorkflow(
    IIncidentStore store,
    IncidentLookup lookup,
    EvidenceFileHasher hasher,
    EvidenceFileRecorder recorder,
    EvidenceFileOptions options,
    CommandService commands,
    IEnumerable<IEvidenceFileSource> sources,
    IEnumerable<IDeferredReply> replies,
    TimeProvider clock,
    ILogger<EvidenceFileWorkflow> logger)
{
    public const string NoFile = "This message has no file; use Add to timeline for text.";

    private readonly PlatformServices<IEvidenceFileSource> _sources = new(sources);
    private readonly PlatformServices<IDeferredReply> _replies = new(replies);

    /// <summary>
    /// Checks that the person may add to the channel's incident and stores the download as work, with the answer, in
    /// one save; then queues it. The person hears at once that the file is being fetched; the card follows in the channel.
    /// </summary>
    public async Task<BotReply> StageAsync(CommandContext context, SharedFile file, CancellationToken cancellationToken)
    {
        if (context.DeliveryId is { } deliveryId && await store.FindDeliveryReplyAsync(context.Scope, deliveryId, cancellationToken) is { } stored)
        {
            return JsonSerializer.Deserialize<BotReply>(stored, CommandService.ReplyJson)! with { Replayed = true };
        }

        var (incident, refusal) = await lookup.FindAsync(context, (int?)null, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (file.Size > options.MaxFileBytes)
        {
            return BotReply.Error(options.TooLarge);
        }

        var line = file.Write();
        if (context.ReplyAddress is not { Length: > 0 and <= WorkItem.MaxReplyAddressLength } address || line.Length > WorkItem.MaxLineLength)
        {
            return BotReply.Error("This file cannot be fetched from here: its link is too long to keep. Download it and record it with `evidence <description> <sha256> <location>`.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var item = new WorkItem(context, WorkKind.EvidenceFile, line, address, now);
        store.Add(item);
        var reply = BotReply.Private($"Fetching {file.Name}… it will be recorded as evidence of {incident.Reference} with its SHA-256.") with { Staged = WorkKind.EvidenceFile };
        if (context.DeliveryId is { } id)
        {
            store.AddDelivery(context.Scope, id, JsonSerializer.Serialize(reply, CommandService.ReplyJson), now);
        }

        await store.SaveChangesAsync(cancellationToken);
        reply = reply with { WorkToStart = item.Id };
        if (!context.StartsWorkAfterAnswer)
        {
            await commands.StartWorkAsync(reply, cancellationToken);
        }

        return reply;
    }

    /// <summary>
    /// The staged download (<see cref="WorkKind.EvidenceFile"/>): fetch, hash, record, and post the card in the channel.
    /// A download that fails throws, so the slow-work path tries again; the last try tells the person instead. A run
    /// after a crash that had already recorded the item records nothing more.
    /// </summary>
    public async Task RunAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var reply = _replies.For(item.Platform) ?? throw new InvalidOperationException($"No deferred reply is registered for {item.Platform}.");
        if (SharedFile.TryRead(item.Line) is not { } file)
        {
            await reply.SendAsync(item.ReplyAddress, BotReply.Error("That file reference could not be read again; choose Add as evidence once more."), cancellationToken);
            return;
        }

        var deliveryId = WarRoomWorkflow.DeliveryId(item.Id);
        var context = item.Context() with { DeliveryId = deliveryId };
        if (await store.FindDeliveryReplyAsync(context.Scope, deliveryId, cancellationToken) is not null)
        {
            return; // recorded by an earlier run that died before it was marked done
        }

        var (incident, refusal) = await lookup.FindAsync(context, (int?)null, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            await reply.SendAsync(item.ReplyAddress, refusal!, cancellationToken);
            return;
        }

        var source = _sources.For(item.Platform) ?? throw new InvalidOperationException($"No evidence file source is registered for {item.Platform}.");
        BotReply answer;
        try
        {
            await using var content = await source.OpenAsync(item, file, cancellationToken);
            answer = await RecordAsync(context, incident, file, content, cancellationToken);
        }
        catch (Exception ex) when (ex is EvidenceFileUnavailableException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // item.Attempts counts the runs before this one; this run is the last the sweep and the job's retries give it.
            LogDownloadFailed(logger, item.Id, item.Attempts + 1, ex.GetType().Name);
            var final = ex is EvidenceFileUnavailableException { CanRetry: false } || item.Attempts + 1 >= WorkItem.MaxAttempts;
            if (!final)
            {
                throw;
            }

            var why = ex is EvidenceFileUnavailableException ? ex.Message : "the download did not complete";
            var tries = item.Attempts + 1 == 1 ? "once" : $"{item.Attempts + 1} times";
            await reply.SendAsync(item.ReplyAddress, BotReply.Error($"{file.Name} could not be fetched (tried {tries}): {why}. Nothing was recorded; download it and record it with `evidence <description> <sha256> <location>`."), cancellationToken);
            return;
        }

        await reply.SendAsync(item.ReplyAddress, answer, cancellationToken);
    }

    /// <summary>A file uploaded in the web war room, read as it streams in. <see cref="EvidenceUpload.TooLarge"/> when it went over the limit.</summary>
    public async Task<EvidenceUpload> RecordUploadAsync(CommandContext context, SharedFile file, Stream content, CancellationToken cancellationToken)
    {
        if (context.DeliveryId is { } deliveryId && await store.FindDeliveryReplyAsync(context.Scope, deliveryId, cancellationToken) is { } stored)
        {
            return new EvidenceUpload(JsonSerializer.Deserialize<BotReply>(stored, CommandService.ReplyJson)! with { Replayed = true }, false);
        }

        var (incident, refusal) = await lookup.FindAsync(context, (int?)null, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return new EvidenceUpload(refusal!, false);
        }

        var answer = await RecordAsync(context, incident, file, content, cancellationToken);
        return new EvidenceUpload(answer, answer.IsError);
    }

    /// <summary>Hashes the content and records the item, saved with the answer for the delivery; a file over the limit records nothing.</summary>
    private async Task<BotReply> RecordAsync(CommandContext context, Incident incident, SharedFile file, Stream content, CancellationToken cancellationToken)
    {
        if (await hasher.ReadAsync(content, context.Scope, incident.Reference, cancellationToken) is not { } hashed)
        {
            return BotReply.Error(options.TooLarge);
        }

        var answer = await recorder.RecordAsync(context, incident, file, hashed, cancellationToken);
        if (context.DeliveryId is { } id)
        {
            store.AddDelivery(context.Scope, id, JsonSerializer.Serialize(answer, CommandService.ReplyJson), clock.GetUtcNow().UtcDateTime);
        }

        await store.SaveChangesAsync(cancellationToken);
        LogRecorded(logger, incident.Id, hashed.Size);
        return answer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work item {Id}: the evidence file was not fetched on try {Attempt} ({Error}).")]
    private static partial void LogDownloadFailed(ILogger logger, Guid id, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence file of {Size} bytes recorded for incident {IncidentId}.")]
    private static partial void LogRecorded(ILogger logger, Guid incidentId, long size);
}

/// <summary>The answer to an upload, and whether the file was over the evidence limit (the web answers 413 then).</summary>
public sealed record EvidenceUpload(BotReply Reply, bool TooLarge);
