using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Core.FollowUps;

/// <summary>
/// Post-mortem nudges: an incident resolved without a started post-mortem nudges its commander once, after
/// <c>Reminders:PostMortemStartAfterHours</c>; a started, unpublished post-mortem that nobody touched for
/// <c>Reminders:PostMortemIdleDays</c> nudges its channel, once per idle spell. Claimed, sent and marked like reminders.
/// </summary>
public sealed partial class PostMortemNudges(
    IFollowUpStore store,
    IEnumerable<IDirectMessenger> messengers,
    IEnumerable<IChannelMessenger> channels,
    IFollowUpScheduler scheduler,
    ReminderOptions options,
    TimeProvider clock,
    ILogger<PostMortemNudges> logger)
{
    /// <summary>Incidents resolved longer ago than this are not nudged (a new installation does not nag about its history).</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(30);

    private readonly ReminderSchedule _schedule = new(options);
    private readonly FollowUpClaims _claims = new(store, clock);
    private readonly PlatformServices<IDirectMessenger> _messengers = new(messengers);
    private readonly PlatformServices<IChannelMessenger> _channels = new(channels);

    private TimeSpan StartAfter => TimeSpan.FromHours(options.PostMortemStartAfterHours);

    private TimeSpan IdleAfter => TimeSpan.FromDays(options.PostMortemIdleDays);

    /// <summary>Queues a nudge job for every incident with an unsent nudge due now; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_schedule.IsQuiet(now))
        {
            return 0;
        }

        var due = new HashSet<Guid>(await store.FindResolvedWithoutPostMortemAsync(now - StartAfter - LookBack, now - StartAfter, cancellationToken));
        due.UnionWith(await store.FindIdlePostMortemsAsync(now - IdleAfter - LookBack, now - IdleAfter, cancellationToken));
        foreach (var incidentId in due)
        {
            await scheduler.EnqueuePostMortemNudgeAsync(incidentId, cancellationToken);
        }

        return due.Count;
    }

    public async Task NudgeAsync(Guid incidentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_schedule.IsQuiet(now) || await store.FindIncidentAsync(incidentId, cancellationToken) is not { Status: IncidentStatus.Resolved, ResolvedAt: { } resolvedAt } incident)
        {
            return;
        }

        var postMortem = await store.FindPostMortemAsync(incident.Id, cancellationToken);
        if (postMortem is null && now - resolvedAt >= StartAfter)
        {
            if (incident.Holder(IncidentRoleKind.Commander) is not { } commander || _messengers.For(incident.Platform) is not { } messenger)
            {
                return;
            }

            var text = $"{incident.Reference} ({incident.Title}) was resolved {Ago(now - resolvedAt)} ago and its post-mortem has not started. Type `postmortem` in its channel to start it; the answers are saved as you go.";
            var card = new Card($"Post-mortem of {incident.Reference} not started", [new TextElement(text), Facts(incident)]) { Tone = CardTone.Warning };
            await DeliverAsync(incident, incident.Id, "pm-start", commander.Id, () => messenger.SendAsync(new DirectMessage(incident.Scope, incident.Platform, commander, text, card) { ChannelId = incident.ChannelId }, cancellationToken), cancellationToken);
        }
        else if (postMortem is { PublishedAt: null } && now - postMortem.UpdatedAt >= IdleAfter)
        {
            if (_channels.For(incident.Platform) is not { } channel)
            {
                return;
            }

            var text = $"The post-mortem of {incident.Reference} has had no answer for {Ago(now - postMortem.UpdatedAt)}. Carry on where it stopped: `postmortem` resumes it, `postmortem status` shows what is left.";
            var card = WaitingCard(incident, text);
            var occurrence = $"pm-idle:{postMortem.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}";
            await DeliverAsync(incident, postMortem.Id, occurrence, incident.ChannelId, () => channel.PostAsync(new ChannelMessage(incident.Scope, incident.Platform, incident.ChannelId, text, card), cancellationToken), cancellationToken);
        }
    }

    private async Task DeliverAsync(Incident incident, Guid subjectId, string occurrence, string recipientId, Func<Task> send, CancellationToken cancellationToken)
    {
        var result = await _claims.DeliverAsync(incident.Scope, subjectId, occurrence, recipientId, _ => send(), cancellationToken);
        if (result.Outcome == FollowUpOutcome.Sent)
        {
            LogSent(logger, occurrence, incident.Reference);
        }
        else if (result.Outcome == FollowUpOutcome.Unreachable)
        {
            LogUnreachable(logger, incident.Reference, result.Reason ?? string.Empty);
        }
    }

    /// <summary>The card posted to an incident's channel when its post-mortem has waited too long for an answer.</summary>
    public static Card WaitingCard(Incident incident, string text) =>
        new($"Post-mortem of {incident.Reference} is waiting", [new TextElement(text), Facts(incident)], [CardButton.Command("Resume post-mortem", $"postmortem {incident.Reference}", ButtonStyle.Primary)])
        {
            Tone = CardTone.Warning,
        };

    private static FactsElement Facts(Incident incident) => new(
    [
        new Fact("Incident", $"{incident.Reference} {incident.Title}"),
        new Fact("Severity", DomainNames.SeverityLabel(incident.Severity)),
    ]);

    private static string Ago(TimeSpan span) => span.TotalHours < 48
        ? $"{(int)span.TotalHours} hours"
        : $"{(int)span.TotalDays} days";

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the post-mortem nudge {Occurrence} of {Incident}.")]
    private static partial void LogSent(ILogger logger, string occurrence, string incident);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The post-mortem nudge of {Incident} cannot be delivered: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string incident, string reason);
}
