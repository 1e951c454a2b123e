using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Tests;

public class IncidentTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private static readonly ChatUser Alice = new("alice", "Alice");
    private static readonly ChatUser Bob = new("bob", "Bob");

    private static Incident Declare() =>
        Incident.Declare(TenantScope.Web, 7, "Ransomware", 2, ExerciseKind.None, Platform.Web, "war-room", null, Alice, T0).Incident;

    [Fact]
    public void Declaring_makes_the_declarer_commander_and_records_it()
    {
        var (incident, entry) = Incident.Declare(TenantScope.Web, 7, "  Ransomware  ", 2, ExerciseKind.Tabletop, Platform.Web, "war-room", null, Alice, T0);
        Assert.Equal("INC-0007", incident.Reference);
        Assert.Equal("Ransomware", incident.Title);
        Assert.True(incident.IsCommander(Alice));
        Assert.Equal("war-room", incident.OpenChannelId);
        Assert.Equal(TimelineEntryKind.Declared, entry.Kind);
        Assert.Contains("Tabletop exercise declared", entry.Text);
    }

    [Fact]
    public void Durations_are_derived_from_key_moments()
    {
        var incident = Declare();
        incident.Mark(Alice, KeyMoment.FirstActivity, Platform.Web, T0.AddHours(-5), T0);
        incident.Mark(Alice, KeyMoment.Detected, Platform.Web, T0, T0);
        incident.Mark(Alice, KeyMoment.Acknowledged, Platform.Web, T0.AddMinutes(12), T0);
        incident.Mark(Alice, KeyMoment.Contained, Platform.Web, T0.AddHours(2), T0);
        incident.Mark(Alice, KeyMoment.Recovered, Platform.Web, T0.AddDays(1), T0);

        var d = incident.Durations();
        Assert.Equal(TimeSpan.FromHours(5), d.TimeToDetect);
        Assert.Equal(TimeSpan.FromMinutes(12), d.TimeToAcknowledge);
        Assert.Equal(TimeSpan.FromHours(2), d.TimeToContain);
        Assert.Null(d.TimeToEradicate);
        Assert.Equal(TimeSpan.FromDays(1), d.TimeToRecover);
    }

    [Fact]
    public void Marking_a_moment_again_moves_it_and_says_so()
    {
        var incident = Declare();
        incident.Mark(Alice, KeyMoment.Contained, Platform.Web, T0, T0);
        var entry = incident.Mark(Alice, KeyMoment.Contained, Platform.Web, T0.AddHours(1), T0.AddHours(1));
        Assert.Equal(T0.AddHours(1), incident.ContainedAt);
        Assert.Contains("moved from 2026-11-25 08:00", entry.Text);
    }

    [Fact]
    public void Handing_over_a_role_replaces_the_holder()
    {
        var incident = Declare();
        var entry = incident.AssignRole(Alice, IncidentRoleKind.Commander, Bob, Platform.Web, T0);
        Assert.True(incident.IsCommander(Bob));
        Assert.False(incident.IsCommander(Alice));
        Assert.Single(incident.Roles, r => r.Role == IncidentRoleKind.Commander);
        Assert.Equal("Bob is now commander (was Alice).", entry.Text);
    }

    [Fact]
    public void Resolving_frees_the_channel_and_cannot_happen_twice()
    {
        var incident = Declare();
        incident.Resolve(Alice, "restored", Platform.Web, T0.AddHours(3));
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Null(incident.OpenChannelId);
        Assert.Throws<InvalidOperationException>(() => incident.Resolve(Alice, null, Platform.Web, T0.AddHours(4)));
    }

    [Fact]
    public void Backdated_entries_keep_both_times()
    {
        var incident = Declare();
        var entry = incident.AddNote(Bob, "EDR alert", Platform.Web, T0.AddMinutes(-30), T0);
        Assert.True(entry.IsBackdated);
        Assert.Equal(T0.AddMinutes(-30), entry.OccurredAt);
        Assert.Equal(T0, entry.RecordedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Severity_outside_1_to_4_is_refused(int severity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Declare().ChangeSeverity(Alice, severity, Platform.Web, T0));

    [Fact]
    public void A_resolved_incident_takes_corrections_marked_as_added_after_resolve_until_it_is_closed()
    {
        var incident = Declare();
        var before = incident.AddNote(Bob, "Isolated FS01", Platform.Web, T0, T0);
        var resolved = incident.Resolve(Alice, "Restored", Platform.Web, T0.AddHours(1));
        Assert.False(before.AddedAfterResolve);
        Assert.False(resolved.AddedAfterResolve);
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Null(incident.OpenChannelId);

        var correction = incident.AddNote(Bob, "First phishing mail opened", Platform.Web, T0.AddHours(-3), T0.AddHours(2));
        Assert.True(correction.AddedAfterResolve);

        var closed = incident.Close(Alice, "  False positive  ", Platform.Web, T0.AddHours(3));
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal("False positive", incident.ClosedReason);
        Assert.Equal(T0.AddHours(3), incident.ClosedAt);
        Assert.Contains("closed by Alice: False positive", closed.Text);
        Assert.Throws<InvalidOperationException>(() => incident.Close(Alice, "again", Platform.Web, T0.AddHours(4)));
    }

    [Fact]
    public void Reopening_brings_the_incident_back_to_its_channel_and_an_open_one_cannot_be_closed()
    {
        var incident = Declare();
        Assert.Throws<InvalidOperationException>(() => incident.Close(Alice, "why not", Platform.Web, T0));
        incident.Resolve(Alice, null, Platform.Web, T0.AddHours(1));
        incident.Close(Alice, "Duplicate", Platform.Web, T0.AddHours(2));

        var reopened = incident.Reopen(Alice, "Attacker back", Platform.Web, T0.AddHours(3));
        Assert.True(incident.IsOpen);
        Assert.Equal("war-room", incident.OpenChannelId);
        Assert.Null(incident.ResolvedAt);
        Assert.Null(incident.ClosedReason);
        Assert.Contains("it was closed", reopened.Text);
        Assert.False(incident.AddNote(Bob, "Back on FS01", Platform.Web, T0.AddHours(3), T0.AddHours(3)).AddedAfterResolve);
        Assert.Throws<InvalidOperationException>(() => incident.Reopen(Alice, null, Platform.Web, T0.AddHours(4)));
    }

    [Fact]
    public void An_incident_keeps_the_declarers_time_zone_for_its_views()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var (incident, _) = Incident.Declare(TenantScope.Web, 8, "Phishing", 3, ExerciseKind.None, Platform.Web, "soc", null, Alice, T0, timeZone: paris);
        Assert.Equal("Europe/Paris", incident.TimeZoneId);
        Assert.Equal(paris, incident.TimeZone);
        Assert.Equal(TimeZoneInfo.Utc, Declare().TimeZone);
    }
}

