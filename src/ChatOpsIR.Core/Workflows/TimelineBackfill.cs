using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Workflows;

/// <summary>
/// `backfill`: reads the channel's history through the platform's <see cref="IChannelHistory"/> and adds every message
/// the timeline does not hold yet, with its author and time. Messages are keyed like live capture, so a message
/// captured, pinned or backfilled before is never added twice. It reads the network, so front doors that must answer
/// quickly run it in the background and post the reply when it is done.
/// </summary>
public sealed class TimelineBackfill(IIncidentStore store, IncidentLookup lookup, Audit.AuditActor actor, TimeProvider clock, IEnumerable<IChannelHistory> histories)
{
    private readonly PlatformServices<IChannelHistory> _histories = new(histories);

    /// <summary>The most messages one backfill copies; `backfill since …` with a later time reads the rest.</summary>
    public const int MaxMessages = 5000;

    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromHours(24);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BotReply> RunAsync(CommandContext context, BackfillCommand command, CancellationToken cancellationToken)
    {
        if (_histories.For(context.Platform) is not { } history)
        {
            return BotReply.Error(context.Platform == Platform.Web
                ? "The web war room keeps commands only, so there is no chat history to copy. Use `note <text> at <time>` for what happened earlier."
                : "I cannot read this channel's history here. Use `note <text> at <time>` for what happened earlier.");
        }

        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        // By default the day before the earliest known moment: what people said before anyone called it an incident.
        var from = new[] { incident.FirstActivityAt, incident.DetectedAt, incident.DeclaredAt }.Where(t => t is not null).Min()!.Value - DefaultLookBack;
        if (command.Since is { } since)
        {
            if (!since.TryResolve(Now, context.TimeZone, out from, out var error))
            {
                return BotReply.Error(error!);
            }
        }

        var to = incident.ResolvedAt ?? Now;
        if (from >= to)
        {
            return BotReply.Error($"`since` must be before {(incident.ResolvedAt is null ? "now" : "the incident was resolved")} ({TimeFormat.MomentWithZone(to, incident.TimeZone)}).");
        }

        HistoryRead read;
        try
        {
            read = await history.ReadAsync(context, from, to, MaxMessages, cancellationToken);
        }
        catch (ChannelHistoryUnavailableException ex)
        {
            return BotReply.Error(ex.Message);
        }

        for (var attempt = 1; ; attempt++)
        {
            var known = (await store.GetTimelineAsync(context.Scope, incident.Id, cancellationToken))
                .Where(e => e.SourceKey is not null)
                .Select(e => e.SourceKey!)
                .ToHashSet(StringComparer.Ordinal);
            var added = 0;
            foreach (var message in read.Messages.Where(m => !known.Contains(m.SourceKey)).DistinctBy(m => m.SourceKey))
            {
                store.Add(incident.AddChatMessage(message.Author, message.Text, context.Platform, message.OccurredAt, Now, message.SourceKey));
                added++;
            }

            try
            {
                actor.Set(context);
                await store.SaveChangesAsync(cancellationToken);
                return BotReply.Private(Describe(incident, read, added, from, to, incident.TimeZone));
            }
            catch (StoreConflictException) when (attempt < 3)
            {
                // A message arrived through live capture at the same moment: read the timeline again and add the rest.
                store.DiscardChanges();
            }
        }
    }

    private static string Describe(Incident incident, HistoryRead read, int added, DateTime from, DateTime to, TimeZoneInfo zone)
    {
        // One reply, one zone: written once, after the window.
        var window = $"{TimeFormat.Moment(from, zone)} to {TimeFormat.Moment(to, zone)} {TimeFormat.Zone(zone, [from, to])}";
        if (read.Messages.Count == 0)
        {
            return $"The channel has no messages from {window}, so the {incident.Reference} timeline is unchanged.";
        }

        var already = read.Messages.Count - added;
        var text = added == 0
            ? $"{(read.Messages.Count == 1 ? "The one message" : $"All {read.Messages.Count} messages")} from {window} are already in the {incident.Reference} timeline."
            : $"Copied {Plural.Of(added, "message")} from {window} into the {incident.Reference} timeline, with their authors and times{(already > 0 ? $"; {already} {(already == 1 ? "was" : "were")} already there" : string.Empty)}.";
        if (read.Truncated)
        {
            var last = read.Messages[^1].OccurredAt;
            text += $" I stopped after the first {MaxMessages} messages, at {TimeFormat.Moment(last, zone)}. Run `backfill since {last:yyyy-MM-ddTHH:mm}Z` to copy the rest.";
        }

        return text;
    }
}
