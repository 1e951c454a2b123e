using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// `summary`: the catch-up for someone joining an incident late, read from the record alone. It is a read like
/// `timeline`: anyone who may see the incident may ask, and the answer goes to the asker only.
/// </summary>
public sealed class IncidentSummaryWorkflows(IIncidentStore store, IncidentLookup lookup, NotificationClocks clocks, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BotReply> SummaryAsync(CommandContext context, SummaryCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var timeline = await store.GetTimelineAsync(context.Scope, incident.Id, cancellationToken);
        var items = await store.GetActionItemsAsync(context.Scope, incident.Id, cancellationToken);
        var grants = await store.GetAccessGrantsAsync(context.Scope, incident.Id, cancellationToken);
        var evidence = await store.GetEvidenceAsync(context.Scope, incident.Id, cancellationToken);
        var postMortem = await store.FindPostMortemAsync(context.Scope, incident.Id, cancellationToken);

        var facts = new IncidentSummaryFacts(
            incident,
            timeline,
            items.Where(i => i.Status == ActionItemStatus.Open).OrderBy(i => i.DueDate).ThenBy(i => i.Number).ToList(),
            grants.Count(g => g.IsOpen),
            evidence.Count,
            clocks.For(incident, postMortem),
            Now,
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, context.TimeZone)));
        var card = IncidentSummaryCards.Summary(facts, command.Lines, command.Capped);
        return BotReply.Private($"Catch-up on {incident.Reference} ({incident.Title}): {IncidentSummaryCards.StateLine(facts)}.", card);
    }
}

/// <summary>Everything the catch-up card shows, read from the record at one moment.</summary>
public sealed record IncidentSummaryFacts(
    Incident Incident,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<ActionItem> OpenItems,
    int OpenGrants,
    int EvidenceCount,
    IReadOnlyList<NotificationClock> Clocks,
    DateTime Now,
    DateOnly Today);
