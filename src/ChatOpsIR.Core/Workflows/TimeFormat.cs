using System.Globalization;

namespace ChatOpsIR.Core.Workflows;

/// <summary>How times and durations read in cards: in the reader's time zone, with the zone shown, dates always included.</summary>
public static class TimeFormat
{
    public static string At(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {ZoneLabel(zone, utc)}";
    }

    public static string Short(DateTime utc, TimeZoneInfo zone, bool withDate)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return local.ToString(withDate ? "MM-dd HH:mm" : "HH:mm", CultureInfo.InvariantCulture);
    }

    public static string ZoneLabel(TimeZoneInfo zone, DateTime utc)
    {
        if (zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC")
        {
            return "UTC";
        }

        var offset = zone.GetUtcOffset(utc);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"UTC{sign}{offset.Duration():hh\\:mm}";
    }

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
}
