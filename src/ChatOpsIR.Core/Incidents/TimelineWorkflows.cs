using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// The verbs that write an incident's timeline and read it back: `note` (backdated with `at`), `mark` for the key
/// moments, `evidence` for the chain of custody, and `timeline`.
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

    public async Task<BotReply> EvidenceAsync(CommandContext context, EvidenceCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var number = await store.NextEvidenceNumberAsync(context.Scope, incident.Id, cancellationToken);
        var evidence = new Evidence(incident, number, command.Description, command.Sha256, command.Link, context.User, Now);
        store.Add(evidence);
        var hash = evidence.Sha256 is null ? "no hash given" : $"SHA-256 {evidence.Sha256}";
        store.Add(new TimelineEntry(incident, TimelineEntryKind.Evidence, $"Evidence {evidence.Reference}: {evidence.Description} ({hash}).", context.User, context.Platform, Now, Now));
        var facts = new List<Fact>
        {
            new("Item", evidence.Reference),
            new("Collected by", context.User.DisplayName),
            new("Recorded", TimeFormat.MomentWithZone(Now, incident.TimeZone)),
            new("SHA-256", evidence.Sha256 ?? "not given — add one so the copy can be verified later"),
        };
        if (evidence.Link is { } link)
        {
            facts.Add(new("Location", link));
        }

        var card = new Card($"Evidence {evidence.Reference} · {incident.Reference}", [new TextElement(evidence.Description), new FactsElement(facts)])
        {
            Tone = evidence.Sha256 is null ? CardTone.Warning : CardTone.Default,
        };
        return BotReply.ToChannel($"Evidence {evidence.Reference} recorded for {incident.Reference}: {evidence.Description}", card);
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
