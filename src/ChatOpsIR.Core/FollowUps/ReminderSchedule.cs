using System.Globalization;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.FollowUps;

public enum ReminderKind
{
    Lead = 0,
    Due = 1,
    Overdue = 2,
    SnoozeOver = 3,
    HandedOver = 4,
    Escalation = 5,
}

/// <summary>One follow-up of an action item: its kind, the key that makes it unique, and when it may be sent.</summary>
public sealed record ReminderOccurrence(ReminderKind Kind, string Key, DateTime NominalAt, DateTime SendAt);

/// <summary>
/// When an action item's reminders fall (pure; no clock of its own). The owner's track: <c>LeadDays</c> before the
/// due date, on it, then every <c>RepeatEveryDays</c> while overdue, and when a snooze ends or the item is handed over;
/// only the latest of these that has come is ever sent, so a host that was down sends one reminder, not a backlog.
/// Apart from it: the commander is told once when the item is <c>EscalateAfterDays</c> overdue. Days start at midnight
/// in the given time zone (the owner's where the platform says, else `Reminders:TimeZone`); nothing is sent during quiet hours, and what falls in them waits for their end. A
/// follow-up whose moment is more than <see cref="FollowUpDelivery.MaxAge"/> back is never sent, so a delivery record
/// deleted after <see cref="FollowUpDelivery.Retention"/> cannot let it go out again.
/// </summary>
public sealed class ReminderSchedule(ReminderOptions options, TimeZoneInfo zone)
{
    private readonly TimeZoneInfo _zone = zone;
    private readonly (TimeOnly Start, TimeOnly End)? _quiet = options.QuietHours;

    /// <summary>The schedule in `Reminders:TimeZone`.</summary>
    public ReminderSchedule(ReminderOptions options)
        : this(options, options.Zone)
    {
    }

    public TimeZoneInfo Zone => _zone;

    public DateOnly Today(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, _zone));

    public bool IsQuiet(DateTime utc)
    {
        if (_quiet is not { } quiet)
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, _zone));
        return quiet.Start < quiet.End
            ? time >= quiet.Start && time < quiet.End
            : time >= quiet.Start || time < quiet.End;
    }

    /// <summary>The moment itself, or the end of the quiet hours it falls in.</summary>
    public DateTime Defer(DateTime utc)
    {
        if (!IsQuiet(utc) || _quiet is not { } quiet)
        {
            return utc;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, _zone);
        var day = DateOnly.FromDateTime(local);
        if (quiet.Start > quiet.End && TimeOnly.FromDateTime(local) >= quiet.Start)
        {
            day = day.AddDays(1);
        }

        return ToUtc(day.ToDateTime(quiet.End));
    }

    /// <summary>The owner's reminder to send at <paramref name="now"/>, or null (none has come, snoozed, quiet hours, done).</summary>
    public ReminderOccurrence? OwnerReminderDue(ActionItem item, DateTime now)
    {
        if (item.Status != ActionItemStatus.Open || IsQuiet(now) || item.SnoozedUntil > now)
        {
            return null;
        }

        return OwnerOccurrences(item, now)
            .Where(o => o.SendAt <= now && o.NominalAt >= now - FollowUpDelivery.MaxAge)
            .OrderBy(o => o.SendAt).ThenBy(o => o.Kind)
            .LastOrDefault();
    }

    /// <summary>The escalation to the commander to send at <paramref name="now"/>, or null.</summary>
    public ReminderOccurrence? EscalationDue(ActionItem item, DateTime now)
    {
        if (item.Status != ActionItemStatus.Open || IsQuiet(now))
        {
            return null;
        }

        var nominal = DayStart(item.DueDate.AddDays(options.EscalateAfterDays));
        var occurrence = new ReminderOccurrence(ReminderKind.Escalation, $"escalation:{Day(item.DueDate)}", nominal, Defer(nominal));
        return occurrence.SendAt <= now && nominal >= item.CreatedAt && nominal >= now - FollowUpDelivery.MaxAge ? occurrence : null;
    }

    /// <summary>Whole days from the due date to <paramref name="now"/>'s date: negative before it, positive when overdue.</summary>
    public int DaysPastDue(ActionItem item, DateTime now) => Today(now).DayNumber - item.DueDate.DayNumber;

    private IEnumerable<ReminderOccurrence> OwnerOccurrences(ActionItem item, DateTime now)
    {
        var due = item.DueDate;
        var key = Day(due);
        var all = new List<ReminderOccurrence>();
        if (options.LeadDays > 0)
        {
            all.Add(Make(ReminderKind.Lead, $"lead:{key}", DayStart(due.AddDays(-options.LeadDays))));
        }

        all.Add(Make(ReminderKind.Due, $"due:{key}", DayStart(due)));
        var repeats = (Today(now).DayNumber - due.DayNumber) / options.RepeatEveryDays;
        for (var k = Math.Max(1, repeats - 1); k <= repeats; k++)
        {
            all.Add(Make(ReminderKind.Overdue, $"overdue:{key}#{k.ToString(CultureInfo.InvariantCulture)}", DayStart(due.AddDays(k * options.RepeatEveryDays))));
        }

        if (item.SnoozedUntil is { } snoozed)
        {
            all.Add(Make(ReminderKind.SnoozeOver, $"snooze:{snoozed.Ticks.ToString(CultureInfo.InvariantCulture)}", snoozed));
        }

        if (item.HandedOverAt is { } handedOver)
        {
            all.Add(Make(ReminderKind.HandedOver, $"handover:{item.OwnerId}@{handedOver.Ticks.ToString(CultureInfo.InvariantCulture)}", handedOver));
        }

        return all.Where(o => o.NominalAt >= item.RemindFrom);
    }

    private ReminderOccurrence Make(ReminderKind kind, string key, DateTime nominal) => new(kind, key, nominal, Defer(nominal));

    private DateTime DayStart(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

    private DateTime ToUtc(DateTime local)
    {
        // A local time skipped by a daylight-saving change is read as the first valid moment after it.
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
