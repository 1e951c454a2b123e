using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Core.FollowUps;

/// <summary>
/// The reminder jobs' work. <see cref="SweepAsync"/> finds the action items with a reminder to send now and queues a
/// job for each; <see cref="RemindAsync"/> reloads one item and sends what is due. Both are idempotent: a reminder is
/// claimed in the database before it is sent and marked sent after (<see cref="FollowUpClaims"/>); a claim already there
/// means it went out, or is going out elsewhere — unless it is pending past its lease, and then this run sends it.
/// </summary>
public sealed partial class ActionItemReminders(
    IFollowUpStore store,
    IEnumerable<IDirectMessenger> messengers,
    IFollowUpScheduler scheduler,
    ReminderOptions options,
    TimeProvider clock,
    ILogger<ActionItemReminders> logger,
    IEnumerable<IPersonTimeZones> timeZones)
{
    /// <summary>A handed-over item far from its due date is still looked at this long after the handover.</summary>
    public static readonly TimeSpan HandoverWindow = TimeSpan.FromDays(7);

    private readonly ReminderSchedule _schedule = new(options);
    private readonly Dictionary<string, ReminderSchedule> _ownerSchedules = new(StringComparer.Ordinal);
    private readonly FollowUpClaims _claims = new(store, clock);
    private readonly PlatformServices<IDirectMessenger> _messengers = new(messengers);
    private readonly PlatformServices<IPersonTimeZones> _timeZones = new(timeZones);

    /// <summary>Queues a reminder job for every open item with an unsent reminder due now; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Quiet hours are the owner's (see ScheduleForAsync), so they are checked per item; the horizon has a day to spare
        // for owners whose day starts before ours.
        var horizon = _schedule.Today(now).AddDays(options.LeadDays + 2);
        var queued = 0;
        foreach (var id in await store.FindOpenActionItemsDueByAsync(horizon, now - HandoverWindow, cancellationToken))
        {
            if (await store.FindActionItemAsync(id, cancellationToken) is not { } item)
            {
                continue;
            }

            if (await HasUnsentAsync(item, await ScheduleForAsync(item, cancellationToken), now, cancellationToken))
            {
                await scheduler.EnqueueActionItemReminderAsync(item.Id, cancellationToken);
                queued++;
            }
        }

        return queued;
    }

    /// <summary>Sends the owner's reminder and the commander's escalation that are due now and not sent yet.</summary>
    public async Task RemindAsync(Guid actionItemId, CancellationToken cancellationToken)
    {
        if (await store.FindActionItemAsync(actionItemId, cancellationToken) is not { Status: ActionItemStatus.Open } item)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var incident = await store.FindIncidentAsync(item.IncidentId, cancellationToken);
        var schedule = await ScheduleForAsync(item, cancellationToken);
        var daysPastDue = schedule.DaysPastDue(item, now);
        if (schedule.OwnerReminderDue(item, now) is { } reminder)
        {
            // Owners are let into a private incident when given an item; one who somehow is not in it hears of their item only.
            var shown = incident is { IsPrivate: true } && !incident.IsMember(item.OwnerId) ? null : incident;
            var (text, card) = ReminderCards.Reminder(item, shown, reminder, daysPastDue, schedule.Zone);
            await DeliverAsync(item, incident, reminder, new ChatUser(item.OwnerId, item.OwnerName), text, card, cancellationToken);
        }

        if (schedule.EscalationDue(item, now) is { } escalation)
        {
            if (incident?.Holder(IncidentRoleKind.Commander) is not { } commander)
            {
                LogNoCommander(logger, item.Reference);
                return;
            }

            var (text, card) = ReminderCards.Escalation(item, incident, daysPastDue, schedule.Zone);
            await DeliverAsync(item, incident, escalation, commander, text, card, cancellationToken);
        }
    }

    /// <summary>
    /// The item's schedule in its owner's time zone where the platform tells it (Slack profiles do), else in
    /// `Reminders:TimeZone`. Occurrence keys hold dates, not times, so a zone that changes moves a reminder, never repeats it.
    /// </summary>
    private async Task<ReminderSchedule> ScheduleForAsync(ActionItem item, CancellationToken cancellationToken)
    {
        var platform = item.Scope.Platform;
        if (_timeZones.For(platform) is not { } source
            || await source.FindAsync(item.Scope, item.OwnerId, cancellationToken) is not { } zone
            || zone.Id == _schedule.Zone.Id)
        {
            return _schedule;
        }

        return _ownerSchedules.GetValueOrDefault(zone.Id) ?? (_ownerSchedules[zone.Id] = new ReminderSchedule(options, zone));
    }

    private async Task<bool> HasUnsentAsync(ActionItem item, ReminderSchedule schedule, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var occurrence in new[] { schedule.OwnerReminderDue(item, now), schedule.EscalationDue(item, now) })
        {
            if (occurrence is not null && !await _claims.IsHandledAsync(item.Id, occurrence.Key, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private async Task DeliverAsync(ActionItem item, Incident? incident, ReminderOccurrence occurrence, ChatUser recipient, string text, Cards.Card card, CancellationToken cancellationToken)
    {
        var platform = incident?.Platform ?? Platform.Web;
        var messenger = _messengers.For(platform);
        if (messenger is null)
        {
            LogNoMessenger(logger, item.Reference, platform);
            return;
        }

        var result = await _claims.DeliverAsync(
            item.Scope,
            item.Id,
            occurrence.Key,
            recipient.Id,
            ct => messenger.SendAsync(new DirectMessage(item.Scope, platform, recipient, text, card) { ChannelId = incident?.ChannelId }, ct),
            cancellationToken);
        switch (result.Outcome)
        {
            case FollowUpOutcome.Sent:
                LogSent(logger, occurrence.Kind, item.Reference, platform);
                break;
            case FollowUpOutcome.Unreachable:
                LogUnreachable(logger, occurrence.Kind, item.Reference, platform, result.Reason ?? string.Empty);
                break;
            default:
                LogAlreadySent(logger, occurrence.Key, item.Reference);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the {Kind} reminder of {Item} on {Platform}.")]
    private static partial void LogSent(ILogger logger, ReminderKind kind, string item, Platform platform);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder {Occurrence} of {Item} was already sent.")]
    private static partial void LogAlreadySent(ILogger logger, string occurrence, string item);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} reminder of {Item} cannot reach its recipient on {Platform}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, ReminderKind kind, string item, Platform platform, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No direct messages on {Platform} in this host; the reminder of {Item} waits.")]
    private static partial void LogNoMessenger(ILogger logger, string item, Platform platform);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Item} is overdue past the escalation delay, but its incident has no commander to tell.")]
    private static partial void LogNoCommander(ILogger logger, string item);
}
