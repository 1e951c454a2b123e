using System.Globalization;

namespace ChatOpsIR.Core.Workflows;

/// <summary>
/// How times read everywhere: one zone per view, written once ("Times in UTC+01:00"), and bare moments after it.
/// A moment is "2026-12-02 14:05" (24 h), a day is "2026-12-02"; nothing shorter, so two times never read differently.
/// </summary>
public static class TimeFormat
{
    private const string MomentPattern = "yyyy-MM-dd HH:mm";
    private const string DayPattern = "yyyy-MM-dd";

    /// <summary>"2026-12-02 14:05": a moment in <paramref name="zone"/>, without the zone (the view states it once).</summary>
    public static string Moment(DateTime utc, TimeZoneInfo zone) =>
        Local(utc, zone).ToString(MomentPattern, CultureInfo.InvariantCulture);

    /// <summary>"2026-12-02 14:05 UTC+01:00": a lone time in a one-line reply, where nothing else states the zone.</summary>
    public static string MomentWithZone(DateTime utc, TimeZoneInfo zone) => $"{Moment(utc, zone)} {Zone(zone, utc)}";

    /// <summary>"2026-12-02".</summary>
    public static string Day(DateOnly day) => day.ToString(DayPattern, CultureInfo.InvariantCulture);

    /// <summary>"UTC" or "UTC+01:00": the zone's offset at <paramref name="atUtc"/>.</summary>
    public static string Zone(TimeZoneInfo zone, DateTime atUtc)
    {
        if (IsUtc(zone))
        {
            return "UTC";
        }

        return Offset(zone.GetUtcOffset(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc)));
    }

    /// <summary>
    /// The zone of a view that shows all of <paramref name="momentsUtc"/>: "UTC+01:00", or, when daylight saving time
    /// changed between them, "Europe/Paris time (UTC+02:00, then UTC+01:00)", so no moment is read with the wrong offset.
    /// </summary>
    public static string Zone(TimeZoneInfo zone, IEnumerable<DateTime> momentsUtc)
    {
        var labels = momentsUtc.Order().Select(m => Zone(zone, m)).Distinct().ToList();
        return labels.Count switch
        {
            0 => IsUtc(zone) ? "UTC" : Offset(zone.BaseUtcOffset),
            1 => labels[0],
            _ => $"{zone.Id} time ({string.Join(", then ", labels)})",
        };
    }

    /// <summary>"Times in UTC+01:00.": the one line a card shows above or below its bare moments.</summary>
    public static string ZoneNote(TimeZoneInfo zone, IEnumerable<DateTime> momentsUtc) => $"Times in {Zone(zone, momentsUtc)}.";

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return $"{Math.Max(0, (int)span.TotalSeconds)}s";
        }

        if (span < TimeSpan.FromHours(1))
        {
            return $"{(int)span.TotalMinutes}m";
        }

        if (span < TimeSpan.FromDays(1))
        {
            return span.Minutes == 0 ? $"{(int)span.TotalHours}h" : $"{(int)span.TotalHours}h {span.Minutes}m";
        }

        return span.Hours == 0 ? $"{(int)span.TotalDays}d" : $"{(int)span.TotalDays}d {span.Hours}h";
    }

    /// <summary>The local calendar day of a moment.</summary>
    public static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(Local(utc, zone));

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    private static string Offset(TimeSpan offset) => $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm}";

    private static bool IsUtc(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" or "Etc/UCT" or "UCT" or "Etc/Universal" or "Universal" or "Zulu" or "Etc/Zulu";
}

/// <summary>
/// The moments one view shows, all in its one zone. A card writes each time through <see cref="Moment"/> and adds
/// <see cref="Note"/> once, so the zone it states always covers exactly the times it shows.
/// </summary>
public sealed class ViewTimes(TimeZoneInfo zone)
{
    private readonly List<DateTime> _shown = [];

    public TimeZoneInfo Zone => zone;

    public bool Any => _shown.Count > 0;

    public string Moment(DateTime utc)
    {
        _shown.Add(utc);
        return TimeFormat.Moment(utc, zone);
    }

    /// <summary>"Times in UTC+01:00." as a quiet line, or null when the view showed no time.</summary>
    public Cards.TextElement? Note() => _shown.Count == 0 ? null : new Cards.TextElement(TimeFormat.ZoneNote(zone, _shown), Cards.TextStyle.Subtle);
}
