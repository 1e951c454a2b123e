namespace ChatOpsIR.Core.FollowUps;

/// <summary>
/// `Reminders:*`: when action-item owners are reminded. Days are counted in <see cref="TimeZone"/>; a reminder falls at
/// the start of its day and waits for the end of the quiet hours, during which nothing is sent.
/// </summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>Days before the due date for the first reminder; 0 for none before the due date.</summary>
    public int LeadDays { get; set; } = 2;

    /// <summary>Days between reminders while an item is overdue.</summary>
    public int RepeatEveryDays { get; set; } = 2;

    /// <summary>Days past the due date after which the incident commander is told.</summary>
    public int EscalateAfterDays { get; set; } = 7;

    /// <summary>Hours after an incident is resolved without a started post-mortem before its commander is nudged (once).</summary>
    public int PostMortemStartAfterHours { get; set; } = 24;

    /// <summary>Days without an answer after which a started, unpublished post-mortem nudges its channel (once per idle spell).</summary>
    public int PostMortemIdleDays { get; set; } = 3;

    /// <summary>The time zone (IANA or Windows id) in which days and quiet hours are read.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Local time at which quiet hours start (no reminder is sent until <see cref="QuietHoursEnd"/>); empty for none.</summary>
    public string? QuietHoursStart { get; set; } = "20:00";

    public string? QuietHoursEnd { get; set; } = "08:00";

    /// <summary>The problems with these settings, each naming its key; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (LeadDays is < 0 or > 90)
        {
            errors.Add("Reminders:LeadDays must be between 0 and 90.");
        }

        if (RepeatEveryDays is < 1 or > 90)
        {
            errors.Add("Reminders:RepeatEveryDays must be between 1 and 90.");
        }

        if (EscalateAfterDays is < 1 or > 365)
        {
            errors.Add("Reminders:EscalateAfterDays must be between 1 and 365.");
        }

        if (PostMortemStartAfterHours is < 1 or > 24 * 90)
        {
            errors.Add("Reminders:PostMortemStartAfterHours must be between 1 and 2160.");
        }

        if (PostMortemIdleDays is < 1 or > 90)
        {
            errors.Add("Reminders:PostMortemIdleDays must be between 1 and 90.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? string.Empty, out _))
        {
            errors.Add($"Reminders:TimeZone '{TimeZone}' is not a time zone this machine knows (use an IANA id such as Europe/Paris).");
        }

        var start = ParseTime(QuietHoursStart, out var startOk);
        var end = ParseTime(QuietHoursEnd, out var endOk);
        if (!startOk)
        {
            errors.Add($"Reminders:QuietHoursStart '{QuietHoursStart}' is not a time of day such as 20:00.");
        }

        if (!endOk)
        {
            errors.Add($"Reminders:QuietHoursEnd '{QuietHoursEnd}' is not a time of day such as 08:00.");
        }

        if (startOk && endOk && (start is null) != (end is null))
        {
            errors.Add("Reminders:QuietHoursStart and Reminders:QuietHoursEnd are set together, or both left empty.");
        }
        else if (start is not null && start == end)
        {
            errors.Add("Reminders:QuietHoursStart and Reminders:QuietHoursEnd must differ.");
        }

        return errors;
    }

    internal TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    internal (TimeOnly Start, TimeOnly End)? QuietHours =>
        ParseTime(QuietHoursStart, out _) is { } start && ParseTime(QuietHoursEnd, out _) is { } end ? (start, end) : null;

    private static TimeOnly? ParseTime(string? text, out bool ok)
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time))
        {
            return time;
        }

        ok = false;
        return null;
    }
}
