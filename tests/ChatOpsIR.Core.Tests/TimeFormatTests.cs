using System.Text.RegularExpressions;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Tests;

/// <summary>One time convention: a view states its zone once, and every moment in it reads "2026-12-02 14:05".</summary>
public class TimeFormatTests
{
    private static readonly DateTime Declared = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private static readonly ChatUser Alice = new("alice", "Alice");
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public void Moments_days_and_zones_read_the_same_everywhere()
    {
        var at = new DateTime(2026, 12, 2, 13, 5, 0, DateTimeKind.Utc);
        Assert.Equal("2026-12-02 14:05", TimeFormat.Moment(at, Paris));
        Assert.Equal("UTC+01:00", TimeFormat.Zone(Paris, at));
        Assert.Equal("2026-12-02 14:05 UTC+01:00", TimeFormat.MomentWithZone(at, Paris));
        Assert.Equal("2026-12-02 13:05 UTC", TimeFormat.MomentWithZone(at, TimeZoneInfo.Utc));
        Assert.Equal("2026-12-02 13:05 UTC", TimeFormat.MomentWithZone(at, TimeZoneInfo.FindSystemTimeZoneById("Etc/UTC")));
        Assert.Equal("2026-12-02", TimeFormat.Day(new DateOnly(2026, 12, 2)));
        Assert.Equal("UTC-05:00", TimeFormat.Zone(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), at));
    }

    [Fact]
    public void A_view_across_a_daylight_saving_change_names_both_offsets()
    {
        // Paris leaves summer time on 2026-10-25 at 01:00 UTC.
        var before = new DateTime(2026, 10, 24, 22, 0, 0, DateTimeKind.Utc);
        var after = new DateTime(2026, 10, 25, 3, 0, 0, DateTimeKind.Utc);
        Assert.Equal("Europe/Paris time (UTC+02:00, then UTC+01:00)", TimeFormat.Zone(Paris, [after, before]));
        Assert.Equal("Times in UTC+01:00.", TimeFormat.ZoneNote(Paris, [after, after.AddDays(3)]));
    }

    [Fact]
    public void The_incident_card_states_its_zone_once_and_shows_bare_moments()
    {
        var incident = Incident.Declare(TenantScope.Web, 1, "Ransomware on FS01", 2, ExerciseKind.None, Platform.Web, "war-room", null, Alice, Declared).Incident;
        incident.Mark(Alice, KeyMoment.Detected, Platform.Web, Declared.AddMinutes(-20), Declared);

        var text = Text(IncidentCards.Summary(incident, Paris));

        Assert.Contains("Declared: 2026-11-25 09:00", text);
        Assert.Contains("Detected: 2026-11-25 08:40", text);
        Assert.Single(Regex.Matches(text, "UTC"));
        Assert.Contains("Times in UTC+01:00.", text);
    }

    [Fact]
    public void The_timeline_card_writes_every_entry_with_its_full_date()
    {
        var incident = Incident.Declare(TenantScope.Web, 1, "Ransomware on FS01", 2, ExerciseKind.None, Platform.Web, "war-room", null, Alice, Declared).Incident;
        var entries = new List<TimelineEntry>
        {
            incident.AddNote(Alice, "EDR alert", Platform.Web, Declared.AddMinutes(-30), Declared),
            incident.AddNote(Alice, "Isolated FS01", Platform.Web, Declared.AddMinutes(10), Declared.AddMinutes(10)),
        };

        var text = Text(IncidentCards.Timeline(incident, entries, Paris));

        Assert.Contains("2026-11-25 08:30", text);
        Assert.Contains("recorded 2026-11-25 09:00", text); // the back-dated entry
        Assert.Contains("2026-11-25 09:10", text);
        Assert.Single(Regex.Matches(text, "UTC"));
        Assert.Contains("Times in UTC+01:00.", text);
        Assert.DoesNotMatch(@"(?<!\d{4}-)\b\d{2}-\d{2} \d{2}:\d{2}", text);
    }

    private static string Text(Card card) => string.Join("\n", card.Body.SelectMany(e => e switch
    {
        TextElement t => [t.Text],
        FactsElement f => f.Facts.Select(x => $"{x.Title}: {x.Value}"),
        ListElement l => l.Items.Select(i => $"{i.Label} {i.Text} {i.Detail}"),
        _ => Array.Empty<string>(),
    }));
}
