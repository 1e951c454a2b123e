using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// The verbs that write an incident's timeline and read it back: `note` (backdated with `at`), `mark` for the key
/// moments, and `timeline`. Evidence has its own workflows (<see cref="EvidenceWorkflows"/>).
/// </summary>
public sealed class TimelineWorkflows(IIncidentStore store, IncidentLookup lookup, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BotReply> NoteAsync(CommandContext context, NoteCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var occurredAt = Now;
        if (command.At is { } at && !TryResolve(at, context, out occurredAt, out var error))
        {
            return error!;
        }

        var entry = incident.AddNote(context.User, command.Text, context.Platform, occurredAt, Now);
        store.Add(entry);
        var when = entry.IsBackdated ? $" (at {TimeFormat.MomentWithZone(occurredAt, incident.TimeZone)})" : string.Empty;
        return BotReply.ToChannel($"Added to the {incident.Reference} timeline{when}{entry.AfterResolveSuffix}: {entry.Text}");
    }

    public async Task<BotReply> MarkAsync(CommandContext context, MarkCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindGuardedAsync(context, command, IncidentNeed.NotClosed, GuardedAction.MarkMoment, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var at = Now;
        if (command.At is { } expression && !TryResolve(expression, context, out at, out var error))
        {
            return error!;
        }

        var entry = incident.Mark(context.User, command.Moment, context.Platform, at, Now);
        store.Add(entry);
        var durations = IncidentCards.DurationFacts(incident.Durations());
        var derived = durations.Count == 0 ? string.Empty : " " + string.Join(", ", durations.Select(f => $"{f.Title.ToLowerInvariant()} {f.Value}")) + ".";
        return BotReply.ToChannel($"{incident.Reference}: {command.Moment.Describe()} at {TimeFormat.MomentWithZone(at, incident.TimeZone)}{entry.AfterResolveSuffix}.{derived}");
    }

    public async Task<BotReply> TimelineAsync(CommandContext context, TimelineCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var entries = await store.GetTimelineAsync(context.Scope, incident.Id, cancellationToken);
        return BotReply.Private($"Timeline of {incident.Reference}: {Plural.Of(entries.Count, "entry", "entries")}.", IncidentCards.Timeline(incident, entries, incident.TimeZone));
    }

    private bool TryResolve(TimeExpression expression, CommandContext context, out DateTime utc, out BotReply? error)
    {
        if (expression.TryResolve(Now, context.TimeZone, out utc, out var message))
        {
            error = null;
            return true;
        }

        error = BotReply.Error(message!);
        return false;
    }
}
