using System.Globalization;

namespace ChatOpsIR.Core.Commands;

/// <summary>
/// A time as typed: either a time of day ("14:05", read in the caller's time zone, today or — if that is
/// still ahead — yesterday) or an absolute instant ("2026-11-25T14:05Z", "2026-11-25 14:05").
/// </summary>
public sealed record TimeExpression
{
    private static readonly string[] TimeOfDayFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];
    private static readonly string[] LocalDateTimeFormats =
        ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    private TimeExpression(string text, TimeOnly? timeOfDay, DateTimeOffset? instant, DateTime? localDateTime)
    {
        Text = text;
        TimeOfDay = timeOfDay;
        Instant = instant;
        LocalDateTime = localDateTime;
    }

    public string Text { get; }
    public TimeOnly? TimeOfDay { get; }
    public DateTimeOffset? Instant { get; }
    public DateTime? LocalDateTime { get; }

    /// <summary>How far ahead of the clock a time may be (clock skew between people and servers).</summary>
    public static TimeSpan FutureTolerance { get; } = TimeSpan.FromMinutes(5);

    public static bool TryParse(string text, out TimeExpression? expression)
    {
        expression = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        if (TimeOnly.TryParseExact(text, TimeOfDayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var timeOfDay))
        {
            expression = new TimeExpression(text, timeOfDay, null, null);
            return true;
        }

        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text);
        if (hasZone && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && text.Contains('-'))
        {
            expression = new TimeExpression(text, null, instant, null);
            return true;
        }

        if (DateTime.TryParseExact(text, LocalDateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            expression = new TimeExpression(text, null, null, local);
            return true;
        }

        return false;
    }

    /// <summary>Resolves to a UTC instant. Fails with a message when the time is in the future.</summary>
    public bool TryResolve(DateTime utcNow, TimeZoneInfo zone, out DateTime utc, out string? error)
    {
        error = null;
        if (Instant is { } instant)
        {
            utc = instant.UtcDateTime;
        }
        else if (LocalDateTime is { } local)
        {
            utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
        }
        else
        {
            var localNow = TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone);
            var candidate = localNow.Date + TimeOfDay!.Value.ToTimeSpan();
            if (candidate - localNow > FutureTolerance)
            {
                candidate = candidate.AddDays(-1);
            }

            utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(candidate, DateTimeKind.Unspecified), zone);
        }

        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (utc - utcNow > FutureTolerance)
        {
            error = $"{Text} is in the future. Give the time it happened, e.g. `at 14:05` or `at 2026-11-25T14:05Z`.";
            return false;
        }

        return true;
    }

    private static bool HasOffset(string text)
    {
        var t = text.LastIndexOf('T');
        if (t < 0)
        {
            t = text.LastIndexOf(' ');
        }

        return t >= 0 && (text.IndexOf('+', t) > t || text.IndexOf('-', t) > t);
    }
}

/// <summary>A due date as typed: "2026-12-01", "today", "tomorrow", "+7d", "in 2 weeks".</summary>
public sealed record DueDateExpression(string Text, DateOnly? Date, int? DaysFromToday)
{
    public static bool TryParse(IReadOnlyList<string> tokens, out DueDateExpression? due, out int consumed)
    {
        due = null;
        consumed = 0;
        if (tokens.Count == 0)
        {
            return false;
        }

        var first = tokens[0].ToLowerInvariant();
        if (DateOnly.TryParseExact(first, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            (due, consumed) = (new DueDateExpression(tokens[0], date, null), 1);
            return true;
        }

        switch (first)
        {
            case "today":
                (due, consumed) = (new DueDateExpression(first, null, 0), 1);
                return true;
            case "tomorrow":
                (due, consumed) = (new DueDateExpression(first, null, 1), 1);
                return true;
        }

        if (first.StartsWith('+') && TryDays(first[1..], out var days))
        {
            (due, consumed) = (new DueDateExpression(first, null, days), 1);
            return true;
        }

        if (first == "in" && tokens.Count >= 3 && int.TryParse(tokens[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 3650)
        {
            var unit = tokens[2].ToLowerInvariant().TrimEnd('s');
            int? factor = unit switch { "day" => 1, "week" => 7, "month" => 30, _ => null };
            if (factor is { } f)
            {
                (due, consumed) = (new DueDateExpression($"in {n} {tokens[2]}", null, n * f), 3);
                return true;
            }
        }

        return false;
    }

    public DateOnly Resolve(DateOnly today) => Date ?? today.AddDays(DaysFromToday ?? 0);

    private static bool TryDays(string text, out int days)
    {
        days = 0;
        var factor = 1;
        if (text.EndsWith('d'))
        {
            text = text[..^1];
        }
        else if (text.EndsWith('w'))
        {
            text = text[..^1];
            factor = 7;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is <= 0 or > 3650)
        {
            return false;
        }

        days = n * factor;
        return true;
    }
}
