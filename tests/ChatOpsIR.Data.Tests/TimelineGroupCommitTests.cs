using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data.Tests;

/// <summary>
/// The group commit of timeline entries, on SQLite and PostgreSQL: many writers at once, duplicates inside one group,
/// a bad entry among good ones, and two hosts on one database. Every caller must learn the truth about its own entry.
/// </summary>
public class TimelineGroupCommitTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private static readonly ChatUser Alice = new("U0001", "alice");
    private static readonly CancellationToken None = CancellationToken.None;

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    private static async Task<Incident> DeclareAsync(StoreFixture fixture, string scope = "slack:T0001", string channel = "C0001")
    {
        await using var unit = fixture.Begin();
        var (incident, entry) = Incident.Declare(TenantScope.Parse(scope), 1, "Ransomware", 2, ExerciseKind.None, Platform.Slack, channel, null, Alice, T0);
        unit.Store.Add(incident);
        unit.Store.Add(entry);
        await unit.Store.SaveChangesAsync(None);
        return incident;
    }

    private static TimelineEntry Message(Incident incident, int i, string? key = null) =>
        incident.AddChatMessage(new ChatUser($"U{i % 7:0000}", $"user{i % 7}"), $"chatter {i}", Platform.Slack, T0.AddSeconds(i), T0.AddSeconds(i).AddMilliseconds(250), key ?? $"slack:C0001:{i}");

    /// <summary>Records the sizes of the groups written while it lives.</summary>
    private sealed class GroupSizes : IDisposable
    {
        private readonly MeterListener _listener = new();

        public GroupSizes()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "ChatOpsIR.Data" && instrument.Name == "chatopsir.timeline.group_size")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, size, _, _) => Sizes.Add(size));
            _listener.Start();
        }

        public ConcurrentBag<int> Sizes { get; } = [];

        public void Dispose() => _listener.Dispose();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_entry_that_goes_in_brings_its_audit_row_and_a_duplicate_brings_none(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var incident = await DeclareAsync(fixture);
        var message = Message(incident, 1);
        var again = Message(incident, 1);
        Core.Audit.AuditRecord Row(string what) => new(incident.Scope, T0, Alice, Platform.Slack, "timeline-entry.added", incident.Reference, incident.Id, null, what);

        var group = fixture.Get<TimelineGroupCommit>();
        Assert.True(await group.AppendAsync(message, Row("first"), None));
        Assert.False(await group.AppendAsync(again, Row("duplicate"), None));

        await using var read = fixture.Begin();
        var rows = await read.Db.Set<Core.Audit.AuditRecord>().AsNoTracking().Where(r => r.Action == "timeline-entry.added" && r.Subject == incident.Reference && r.ActorName == Alice.DisplayName).Select(r => r.After).ToListAsync();
        Assert.Contains("first", rows);
        Assert.DoesNotContain("duplicate", rows);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_entry_written_in_a_group_reads_back_exactly_as_it_was_made(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var incident = await DeclareAsync(fixture);
        var marked = incident.Mark(Alice, KeyMoment.Detected, Platform.Teams, T0.AddMinutes(5), T0.AddMinutes(7));
        var message = Message(incident, 1);

        var group = fixture.Get<TimelineGroupCommit>();
        var added = await Task.WhenAll(group.AppendAsync(marked, null, None), group.AppendAsync(message, null, None));
        Assert.Equal([true, true], added);

        await using var read = fixture.Begin();
        var timeline = await read.Store.GetTimelineAsync(TenantScope.Slack("T0001"), incident.Id, None);
        foreach (var written in new[] { marked, message })
        {
            var stored = Assert.Single(timeline, e => e.Id == written.Id);
            Assert.Equivalent(written, stored, strict: true);
            Assert.Equal(DateTimeKind.Utc, stored.OccurredAt.Kind);
            Assert.Equal(DateTimeKind.Utc, stored.RecordedAt.Kind);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Many_writers_at_once_are_grouped_and_every_duplicate_is_refused_without_failing_the_others(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var incident = await DeclareAsync(fixture);
        using var groups = new GroupSizes();
        var group = fixture.Get<TimelineGroupCommit>();

        // 300 writers at once; every third message is delivered twice more (retries), so most groups hold duplicates of
        // their own entries, and some duplicates land in a later group than their original.
        var writes = Enumerable.Range(0, 300)
            .SelectMany(i => i % 3 == 0 ? [Message(incident, i), Message(incident, i), Message(incident, i)] : new[] { Message(incident, i) })
            .OrderBy(_ => Random.Shared.Next())
            .Select(entry => (Entry: entry, Added: group.AppendAsync(entry, null, None)))
            .ToList();
        await Task.WhenAll(writes.Select(w => w.Added));

        Assert.Contains(groups.Sizes, size => size > 1);
        foreach (var byKey in writes.GroupBy(w => w.Entry.SourceKey))
        {
            Assert.Equal(1, byKey.Count(w => w.Added.Result)); // exactly one delivery of each message went in
        }

        await using var read = fixture.Begin();
        var captured = (await read.Store.GetTimelineAsync(TenantScope.Slack("T0001"), incident.Id, None)).Where(e => e.Kind == TimelineEntryKind.ChatMessage).ToList();
        Assert.Equal(300, captured.Count);
        Assert.Equal(300, captured.Select(e => e.SourceKey).Distinct().Count());
        Assert.All(writes.Where(w => w.Added.Result), w => Assert.Contains(captured, e => e.Id == w.Entry.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_bad_entry_fails_only_its_own_writer(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var incident = await DeclareAsync(fixture);
        var (neverSaved, _) = Incident.Declare(TenantScope.Slack("T0001"), 2, "Never saved", 3, ExerciseKind.None, Platform.Slack, "C0002", null, Alice, T0);
        var group = fixture.Get<TimelineGroupCommit>();

        var good = Enumerable.Range(0, 50).Select(i => Message(incident, i)).ToList();
        var orphan = neverSaved.AddNote(Alice, "points at no incident", Platform.Slack, T0, T0); // refused by the foreign key
        var writes = good.Take(25).Append(orphan).Concat(good.Skip(25)).Select(e => group.AppendAsync(e, null, None)).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => writes[25]);
        foreach (var write in writes.Where((_, i) => i != 25))
        {
            Assert.True(await write);
        }

        await using var read = fixture.Begin();
        Assert.Equal(51, (await read.Store.GetTimelineAsync(TenantScope.Slack("T0001"), incident.Id, None)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_hosts_on_one_database_add_each_message_once(string provider)
    {
        await using var first = await StoreFixture.CreateAsync(provider);
        await using var second = first.AnotherHost();
        var incident = await DeclareAsync(first);

        // Both hosts receive every delivery of 200 messages (a retry that went to the other host), at the same moment.
        var writes = Enumerable.Range(0, 200)
            .SelectMany(i => new[] { (Host: first, Entry: Message(incident, i)), (Host: second, Entry: Message(incident, i)) })
            .Select(w => (w.Entry, Added: w.Host.Get<TimelineGroupCommit>().AppendAsync(w.Entry, null, None)))
            .ToList();
        await Task.WhenAll(writes.Select(w => w.Added));

        foreach (var byKey in writes.GroupBy(w => w.Entry.SourceKey))
        {
            Assert.Equal(1, byKey.Count(w => w.Added.Result));
        }

        await using var read = first.Begin();
        Assert.Equal(200, (await read.Store.GetTimelineAsync(TenantScope.Slack("T0001"), incident.Id, None)).Count(e => e.Kind == TimelineEntryKind.ChatMessage));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_unit_of_work_with_one_new_entry_is_group_committed_and_a_duplicate_is_a_conflict(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await DeclareAsync(fixture);
        using var groups = new GroupSizes();

        async Task CaptureAsync(string key)
        {
            await using var unit = fixture.Begin();
            var incident = (await unit.Store.FindOpenIncidentAsync(TenantScope.Slack("T0001"), "C0001", None))!;
            unit.Store.Add(incident.AddChatMessage(Alice, "hello", Platform.Slack, T0, T0, key));
            await unit.Store.SaveChangesAsync(None);
        }

        await CaptureAsync("slack:C0001:1");
        await Assert.ThrowsAsync<StoreConflictException>(() => CaptureAsync("slack:C0001:1"));
        Assert.Equal(2, groups.Sizes.Count); // both went through the group commit, not through SaveChanges

        // Anything more than one new entry is an ordinary unit of work, all or nothing.
        await using (var unit = fixture.Begin())
        {
            var incident = (await unit.Store.FindOpenIncidentAsync(TenantScope.Slack("T0001"), "C0001", None))!;
            unit.Store.Add(incident.ChangeSeverity(Alice, 1, Platform.Slack, T0.AddMinutes(1)));
            await unit.Store.SaveChangesAsync(None);
        }

        Assert.Equal(2, groups.Sizes.Count);
        await using var read = fixture.Begin();
        var stored = (await read.Store.FindOpenIncidentAsync(TenantScope.Slack("T0001"), "C0001", None))!;
        Assert.Equal(1, stored.Severity);
        Assert.Equal(3, (await read.Store.GetTimelineAsync(TenantScope.Slack("T0001"), stored.Id, None)).Count);
    }
}
