using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.SlowWork;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Core.Workflows;

/// <summary>
/// The one entry point every front door calls: parse a command line, run its workflow, save once.
/// A delivery id makes it idempotent: a platform's retry gets the first answer and changes nothing.
/// </summary>
public sealed partial class CommandService(
    IIncidentStore store,
    IncidentWorkflows workflows,
    PostMortemWorkflows postMortems,
    TimelineBackfill backfill,
    CardActionRouter cardActions,
    PlanReviewWorkflows planReviews,
    Audit.AuditWorkflows audits,
    IAuditTrail auditTrail,
    SlowWorkIntake slowWork,
    IWorkScheduler workScheduler,
    Audit.AuditActor actor,
    TimeProvider clock,
    ILogger<CommandService> logger,
    IEnumerable<IDirectMessenger> messengers)
{
    private readonly PlatformServices<IDirectMessenger> _messengers = new(messengers);

    private const int MaxAttempts = 5;

    public static JsonSerializerOptions ReplyJson { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<BotReply> ExecuteAsync(CommandContext context, string? line, CancellationToken cancellationToken)
    {
        if (context.DeliveryId is { } deliveryId && await FindStoredReplyAsync(context.Scope, deliveryId, cancellationToken) is { } stored)
        {
            return stored;
        }

        var parsed = CommandParser.Parse(line);
        if (!parsed.Success)
        {
            return BotReply.Error(parsed.Error!.Message, IncidentCards.Error(parsed.Error.Message, parsed.Error.Usage));
        }

        var command = parsed.Command!;
        if (slowWork.PlanFor(context, command, line!) is { } stage)
        {
            // Slow work is stored with the answer, in one save, before the platform hears "OK"; a job does it afterwards.
            WorkItem? staged = null;
            var accepted = await SaveOnceAsync(context, command.Verb, () =>
            {
                (var reply, staged) = stage();
                return Task.FromResult(reply);
            }, cancellationToken);
            if (staged is null || accepted.IsError || accepted.Replayed)
            {
                return accepted;
            }

            accepted = accepted with { WorkToStart = staged.Id };
            if (!context.StartsWorkAfterAnswer)
            {
                await StartWorkAsync(accepted, cancellationToken);
            }

            return accepted;
        }

        return await SaveOnceAsync(context, command.Verb, () => command switch
        {
            PostMortemCommand { StatusOnly: false } => postMortems.StartOrResumeAsync(context, command.IncidentNumber, cancellationToken),
            PostMortemCommand => postMortems.StatusAsync(context, command.IncidentNumber, cancellationToken),
            ReportCommand => postMortems.ReportAsync(context, command.IncidentNumber, cancellationToken),
            BackfillCommand c => backfill.RunAsync(context, c, cancellationToken),
            PlanReviewNowCommand => planReviews.StartNowAsync(context, cancellationToken),
            PlanStatusCommand => planReviews.StatusAsync(context, cancellationToken),
            AuditCommand c => audits.HandleAsync(context, c, cancellationToken),
            _ => workflows.HandleAsync(context, command, cancellationToken),
        }, cancellationToken);
    }

    /// <summary>
    /// Hands the slow work a reply announces to the scheduler. It is stored already: should queueing fail (or the host
    /// die before it), the sweep queues the item. Nothing happens for a reply that staged nothing.
    /// </summary>
    public async Task StartWorkAsync(BotReply reply, CancellationToken cancellationToken)
    {
        if (reply.WorkToStart is not { } id)
        {
            return;
        }

        try
        {
            await workScheduler.EnqueueWorkAsync(id, cancellationToken);
            LogQueued(logger, id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotQueued(logger, id, ex);
        }
    }

    /// <summary>
    /// Runs a workflow and saves what it staged, once. A conflict (someone changed the same record, or a unique index
    /// refused a duplicate) discards everything and runs the workflow again on fresh state, a few times at most.
    /// </summary>
    private async Task<BotReply> SaveOnceAsync(CommandContext context, string verb, Func<Task<BotReply>> workflow, CancellationToken cancellationToken)
    {
        actor.Set(context);
        for (var attempt = 1; ; attempt++)
        {
            var reply = await workflow();
            if (reply.IsError)
            {
                store.DiscardChanges();
                var shown = reply with { Card = reply.Card ?? IncidentCards.Error(reply.Text, null) };
                if (reply.Refused is { } refused)
                {
                    await RecordRefusalAsync(context, verb, refused, shown, cancellationToken);
                }

                return shown;
            }

            if (context.DeliveryId is { } id)
            {
                store.AddDelivery(context.Scope, id, JsonSerializer.Serialize(reply, ReplyJson), clock.GetUtcNow().UtcDateTime);
            }

            try
            {
                await store.SaveChangesAsync(cancellationToken);
                await SendNoticesAsync(reply, cancellationToken);
                return reply;
            }
            catch (StoreConflictException ex)
            {
                store.DiscardChanges();
                LogConflict(logger, verb, attempt, ex.Message);
                if (context.DeliveryId is { } retried && await FindStoredReplyAsync(context.Scope, retried, cancellationToken) is { } first)
                {
                    return first;
                }

                if (attempt >= MaxAttempts)
                {
                    return BotReply.Error("Someone changed this incident at the same moment, and your command was not saved. Please try again.");
                }

                // People answering the same card at once collide on the same row; a short, random pause lets them take turns.
                // (Wall-clock time on purpose: a test clock that stands still must not freeze a retry.)
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Writes a refused attempt to the audit trail (and, for a delivery, the answer, so a platform's retry is refused
    /// once and recorded once). Nothing else of the attempt is saved.
    /// </summary>
    private async Task RecordRefusalAsync(CommandContext context, string verb, RefusedAttempt refused, BotReply reply, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attempt = JsonSerializer.Serialize(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["verb"] = verb, ["reason"] = refused.Reason, ["answer"] = reply.Text });
        auditTrail.Add(new Audit.AuditRecord(context.Scope, now, context.User, context.Platform, "refused", refused.Subject, refused.IncidentId, null, attempt));
        if (context.DeliveryId is { } id)
        {
            store.AddDelivery(context.Scope, id, JsonSerializer.Serialize(reply, ReplyJson), now);
        }

        try
        {
            await store.SaveChangesAsync(cancellationToken);
        }
        catch (StoreConflictException)
        {
            // The same delivery was refused and recorded by another attempt already.
            store.DiscardChanges();
        }
    }

    /// <summary>A button press. Buttons carry a verb and data; the command verb runs a line of the grammar with the presser's rights.</summary>
    public async Task<BotReply> ExecuteActionAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        // Buttons of the guided flows (post-mortem, reminders, plan review) change records: a platform's retry gets the
        // first answer, and the change is saved once like a command's.
        if (cardActions.For(verb) is not { } flow)
        {
            return await ExecuteSimpleActionAsync(context, verb, data, cancellationToken);
        }

        if (context.DeliveryId is { } deliveryId && await FindStoredReplyAsync(context.Scope, deliveryId, cancellationToken) is { } stored)
        {
            return stored;
        }

        return await SaveOnceAsync(context, verb, () => flow.HandleAsync(context, verb, data, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The form a button fills in, for platforms that ask in a separate dialog rather than on the card itself (a Slack
    /// modal). Null when the button sends nothing to fill in; the press is then handled by <see cref="ExecuteActionAsync"/>.
    /// </summary>
    public Task<Card?> FormForAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken) =>
        cardActions.For(verb)?.FormForAsync(context, verb, data, cancellationToken) ?? Task.FromResult<Card?>(null);

    private Task<BotReply> ExecuteSimpleActionAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (verb == CardVerbs.RunCommand && data.TryGetValue(CardVerbs.CommandLineKey, out var line))
        {
            return ExecuteAsync(context, line, cancellationToken);
        }

        if (verb == DeclareForm.SubmitVerb)
        {
            return DeclareForm.TryBuildLine(data, out var declare, out var errors)
                ? ExecuteAsync(context, declare, cancellationToken)
                : Task.FromResult(BotReply.Error(string.Join(" ", errors.Values)) with { FieldErrors = errors });
        }

        return Task.FromResult(BotReply.Error("That button is not recognised. It may be from an older version of the card; type the command instead."));
    }

    /// <summary>The direct messages a saved answer announces; one that cannot be delivered is logged, the answer stands.</summary>
    private async Task SendNoticesAsync(BotReply reply, CancellationToken cancellationToken)
    {
        foreach (var notice in reply.Notices)
        {
            try
            {
                if (_messengers.For(notice.Platform) is { } messenger)
                {
                    await messenger.SendAsync(notice, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNoticeFailed(logger, notice.Platform, ex);
            }
        }
    }

    private async Task<BotReply?> FindStoredReplyAsync(TenantScope scope, string deliveryId, CancellationToken cancellationToken)
    {
        var json = await store.FindDeliveryReplyAsync(scope, deliveryId, cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<BotReply>(json, ReplyJson)! with { Replayed = true };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work item {Id} was stored but not queued; the sweep will queue it.")]
    private static partial void LogNotQueued(ILogger logger, Guid id, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A direct message on {Platform} could not be delivered after the command was saved.")]
    private static partial void LogNoticeFailed(ILogger logger, Platform platform, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Work item {Id} queued.")]
    private static partial void LogQueued(ILogger logger, Guid id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conflict saving '{Verb}' (attempt {Attempt}): {Reason}")]
    private static partial void LogConflict(ILogger logger, string verb, int attempt, string reason);
}
