using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Tests;

public class ReminderScheduleTests
{
    private static readonly DateTime Created = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    private static ActionItem Item(DateOnly due)
    {
        var alice = new ChatUser("alice", "Alice");
        var (incident, _) = Incident.Declare(TenantScope.Web, 1, "Phishing", 3, ExerciseKind.None, Platform.Web, "war-room", "war-room", alice, Created);
        return new ActionItem(incident, 1, "Block the domain", new ChatUser("bob", "Bob"), due, alice, Created);
    }

    [Fact]
    public void Days_and_quiet_hours_are_read_in_the_configured_time_zone()
    {
        // Tokyo is UTC+9: the lead day 2026-11-29 starts at 2026-11-28 15:00 UTC, inside the quiet hours, which end at 08:00
        // Tokyo time, 23:00 UTC.
        var schedule = new ReminderSchedule(new ReminderOptions { TimeZone = "Asia/Tokyo" });
        var item = Item(new DateOnly(2026, 12, 1));
        Assert.Null(schedule.OwnerReminderDue(item, new DateTime(2026, 11, 28, 22, 59, 0, DateTimeKind.Utc)));
        var lead = schedule.OwnerReminderDue(item, new DateTime(2026, 11, 28, 23, 0, 0, DateTimeKind.Utc));
        Assert.NotNull(lead);
        Assert.Equal(ReminderKind.Lead, lead.Kind);
        Assert.Equal("lead:2026-12-01", lead.Key);
    }

    [Fact]
    public void Only_the_latest_reminder_that_has_come_is_due_so_a_long_outage_sends_one()
    {
        var schedule = new ReminderSchedule(new ReminderOptions { QuietHoursStart = null, QuietHoursEnd = null });
        var item = Item(new DateOnly(2026, 12, 1));
        var due = schedule.OwnerReminderDue(item, new DateTime(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc));
        Assert.Equal("overdue:2026-12-01#2", due!.Key);
        Assert.Equal(new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc), due.SendAt);
    }

    [Fact]
    public void Reminders_whose_time_passed_before_the_item_existed_are_not_sent()
    {
        var schedule = new ReminderSchedule(new ReminderOptions { LeadDays = 7 });
        var item = Item(new DateOnly(2026, 11, 28));
        Assert.Null(schedule.OwnerReminderDue(item, new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(ReminderKind.Due, schedule.OwnerReminderDue(item, new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc))!.Kind);
    }

    [Fact]
    public void Quiet_hours_within_one_day_are_honoured_too()
    {
        var schedule = new ReminderSchedule(new ReminderOptions { QuietHoursStart = "00:00", QuietHoursEnd = "06:30" });
        Assert.True(schedule.IsQuiet(new DateTime(2026, 12, 1, 6, 29, 0, DateTimeKind.Utc)));
        Assert.False(schedule.IsQuiet(new DateTime(2026, 12, 1, 6, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 12, 1, 6, 30, 0, DateTimeKind.Utc), schedule.Defer(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
    }
}
