using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// An incident's life after declaring: `resolve` (its post-mortem can follow), `reopen` when it is back, and `close`
/// with a reason when no more changes are wanted. Each is for the commander, a deputy or an incident manager
/// (<see cref="PermissionMatrix"/>).
/// </summary>
public sealed class IncidentLifecycleWorkflows(IIncidentStore store, IncidentLookup lookup, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BotReply> ResolveAsync(CommandContext context, ResolveCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindGuardedAsync(context, command, IncidentNeed.NotClosed, GuardedAction.Resolve, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (!incident.IsOpen)
        {
            return BotReply.Private($"{incident.Reference} is already resolved. Run its post-mortem with `postmortem`, or `reopen` it if the incident is back.");
        }

        store.Add(incident.Resolve(context.User, command.Summary, context.Platform, Now));
        var headline = $"Resolved by {context.User.DisplayName}. Next: `postmortem` walks the channel through the review. " +
            "Until the incident is closed, notes, marks, evidence, status and action items still go to it, marked as added after resolve.";
        var card = IncidentCards.Summary(incident, incident.TimeZone, headline);

        // Access handed out for the incident is to be taken back now (SEF-01): the commander sees what is still open.
        if (AccessGrantText.StillOpen(await store.GetAccessGrantsAsync(context.Scope, incident.Id, cancellationToken), incident) is { } access)
        {
            return BotReply.ToChannel($"{incident.Reference} resolved. {access}", card with { Body = [.. card.Body, new Cards.TextElement(access)], Tone = Cards.CardTone.Warning });
        }

        return BotReply.ToChannel($"{incident.Reference} resolved.", card);
    }

    public async Task<BotReply> ReopenAsync(CommandContext context, ReopenCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindGuardedAsync(context, command, IncidentNeed.Any, GuardedAction.Reopen, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (incident.IsOpen)
        {
            return BotReply.Private($"{incident.Reference} is open already.");
        }

        if (await store.FindOpenIncidentAsync(context.Scope, incident.ChannelId, cancellationToken) is { } other)
        {
            return BotReply.Error($"{await lookup.NameAsync(context, other, cancellationToken)} is open in {incident.Reference}'s channel, and a channel has one open incident at a time. Resolve {other.Reference} first.");
        }

        store.Add(incident.Reopen(context.User, command.Reason, context.Platform, Now));
        var headline = $"Reopened by {context.User.DisplayName}. The incident is open again; its post-mortem keeps every answer given so far.";
        return BotReply.ToChannel($"{incident.Reference} reopened.", IncidentCards.Summary(incident, incident.TimeZone, headline));
    }

    public async Task<BotReply> CloseAsync(CommandContext context, CloseCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindGuardedAsync(context, command, IncidentNeed.NotClosed, GuardedAction.Close, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (incident.IsOpen)
        {
            return BotReply.Error($"{incident.Reference} is still open. Resolve it first with `resolve [summary]`; then run the post-mortem, or close it with a reason.");
        }

        store.Add(incident.Close(context.User, command.Reason, context.Platform, Now));
        var headline = $"Closed by {context.User.DisplayName}: {incident.ClosedReason}. The channel's commands no longer act on it; " +
            $"its record stays readable with `timeline {incident.Reference}` and `report {incident.Reference}`.";
        return BotReply.ToChannel($"{incident.Reference} closed.", IncidentCards.Summary(incident, incident.TimeZone, headline));
    }
}
