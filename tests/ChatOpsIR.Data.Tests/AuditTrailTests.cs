using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data.Tests;

/// <summary>
/// The audit trail on SQLite and PostgreSQL: rows written with a unit of work are linked into their scope's chain in the
/// order they were written, two hosts linking at once give every row one place, and a row changed, removed or moved with
/// plain SQL is named by `verify`.
/// </summary>
public class AuditTrailTests
{
    private static readonly DateTime T0 = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TenantScope Scope = TenantScope.Slack("T0001");

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    private static async Task WriteAsync(StoreFixture fixture, int from, int count, TenantScope? scope = null)
    {
        await using var unit = fixture.Begin();
        for (var i = from; i < from + count; i++)
        {
            unit.Audit.Add(new AuditRecord(scope ?? Scope, T0.AddMinutes(i), new ChatUser("U0001", "Alice"), Platform.Slack, "incident.severity", "INC-0001", null, $"SEV{i}", $"SEV{i + 1}"));
        }

        await unit.Store.SaveChangesAsync(None);
    }

    private static async Task<StoreFixture> FiveLinkedRowsAsync(string provider)
    {
        var fixture = await StoreFixture.CreateAsync(provider);
        await WriteAsync(fixture, 1, 3);
        await using (var unit = fixture.Begin())
        {
            Assert.Equal(3, await unit.Audit.LinkPendingAsync(Scope, 100, None));
        }

        await WriteAsync(fixture, 4, 2);
        await using (var unit = fixture.Begin())
        {
            Assert.Equal(2, await unit.Audit.CountPendingAsync(Scope, None));
            Assert.Equal(2, await unit.Audit.LinkPendingAsync(Scope, 100, None));
        }

        return fixture;
    }

    private static async Task<AuditVerification> VerifyAsync(StoreFixture fixture)
    {
        await using var unit = fixture.Begin();
        return await unit.Audit.VerifyAsync(Scope, None);
    }

    /// <summary>Runs SQL against the table directly, as someone with database access would.</summary>
    private static async Task TamperAsync(StoreFixture fixture, string sql)
    {
        await using var unit = fixture.Begin();
        await unit.Db.Database.ExecuteSqlRawAsync(sql);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rows_are_linked_in_the_order_they_were_written_and_the_chain_holds(string provider)
    {
        await using var fixture = await FiveLinkedRowsAsync(provider);
        await WriteAsync(fixture, 1, 2, TenantScope.Web);

        var result = await VerifyAsync(fixture);
        Assert.True(result.Intact, result.Describe());
        Assert.Equal(5, result.Checked);

        await using var unit = fixture.Begin();
        var rows = await unit.Db.Set<AuditRecord>().AsNoTracking().Where(r => r.Scope == Scope).OrderBy(r => r.Sequence).ToListAsync();
        Assert.Equal(["SEV2", "SEV3", "SEV4", "SEV5", "SEV6"], rows.Select(r => r.After));
        Assert.Equal(result.Head, rows[^1].Hash);

        // Another scope's rows are its own chain, still waiting to be linked.
        Assert.Equal(2, await unit.Audit.CountPendingAsync(TenantScope.Web, None));
        Assert.Equal(0, await unit.Audit.CountPendingAsync(Scope, None));
        Assert.Equal([TenantScope.Web], await unit.Audit.ScopesWithPendingAsync(None));

        // The links alone give the same head, and an incident's rows come in chain order.
        var links = await unit.Audit.LinksAsync(Scope, None).ToListAsync();
        Assert.Equal([1L, 2, 3, 4, 5], links.Select(l => l.Sequence));
        Assert.Equal(result.Head, links[^1].Hash);
        Assert.Equal(links[^2].Hash, links[^1].PreviousHash);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_incidents_rows_come_linked_first_in_sequence_then_those_not_linked_yet(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var incident = Guid.NewGuid();
        await using (var unit = fixture.Begin())
        {
            foreach (var (after, id) in new[] { ("a", incident), ("other", Guid.NewGuid()), ("b", incident) })
            {
                unit.Audit.Add(new AuditRecord(Scope, T0, new ChatUser("U0001", "Alice"), Platform.Slack, "incident.note", "INC-0001", id, null, after));
            }

            await unit.Store.SaveChangesAsync(None);
            await unit.Audit.LinkPendingAsync(Scope, 100, None);
            unit.Audit.Add(new AuditRecord(Scope, T0, new ChatUser("U0001", "Alice"), Platform.Slack, "incident.note", "INC-0001", incident, null, "c"));
            await unit.Store.SaveChangesAsync(None);
        }

        await using var read = fixture.Begin();
        var rows = await read.Audit.ForIncidentAsync(Scope, incident, None);
        Assert.Equal(["a", "b", "c"], rows.Select(r => r.After));
        Assert.Equal([1L, 3L, null], rows.Select(r => r.Sequence));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_row_changed_with_sql_is_named(string provider)
    {
        await using var fixture = await FiveLinkedRowsAsync(provider);
        await TamperAsync(fixture, """UPDATE "AuditRecords" SET "After" = 'SEV1' WHERE "Sequence" = 3""");

        var result = await VerifyAsync(fixture);
        Assert.False(result.Intact);
        Assert.Equal("The audit trail is broken at row 3: row 3 was changed after it was written. 2 rows before it hold.", result.Describe());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_row_deleted_with_sql_is_named(string provider)
    {
        await using var fixture = await FiveLinkedRowsAsync(provider);
        await TamperAsync(fixture, """DELETE FROM "AuditRecords" WHERE "Sequence" = 3""");

        var result = await VerifyAsync(fixture);
        Assert.Equal(3, result.BrokenAt);
        Assert.Equal("row 3 is missing (the next row is 4).", result.Problem);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_rows_swapped_with_sql_are_named(string provider)
    {
        await using var fixture = await FiveLinkedRowsAsync(provider);
        await TamperAsync(fixture, """UPDATE "AuditRecords" SET "Sequence" = -3 WHERE "Sequence" = 3""");
        await TamperAsync(fixture, """UPDATE "AuditRecords" SET "Sequence" = 3 WHERE "Sequence" = 4""");
        await TamperAsync(fixture, """UPDATE "AuditRecords" SET "Sequence" = 4 WHERE "Sequence" = -3""");

        var result = await VerifyAsync(fixture);
        Assert.Equal(3, result.BrokenAt);
        Assert.Equal("row 3 does not follow row 2: it was moved, or the row before it was replaced.", result.Problem);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_hosts_linking_at_once_give_every_row_one_place(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await using var other = fixture.AnotherHost();
        for (var batch = 0; batch < 4; batch++)
        {
            await Task.WhenAll(WriteAsync(fixture, batch * 10, 5), WriteAsync(other, (batch * 10) + 5, 5));
            await Task.WhenAll(LinkAsync(fixture), LinkAsync(other));
        }

        var result = await VerifyAsync(fixture);
        Assert.True(result.Intact, result.Describe());
        Assert.Equal(40, result.Checked);

        static async Task LinkAsync(StoreFixture host)
        {
            await using var unit = host.Begin();
            await unit.Audit.LinkPendingAsync(Scope, 100, None);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_daily_run_links_what_is_pending_and_logs_each_chains_head_or_where_it_breaks(string provider)
    {
        await using var fixture = await FiveLinkedRowsAsync(provider);
        await WriteAsync(fixture, 1, 2, TenantScope.Web);
        var log = new ListLogger();
        await using (var unit = fixture.Begin())
        {
            var results = await new AuditLinker(unit.Audit, log).LogHeadsAsync(None);
            Assert.All(results, r => Assert.True(r.Result.Intact));
            var slack = Assert.Single(results, r => r.Scope == Scope).Result;
            Assert.Contains($"Audit chain head of slack:T0001: row 5, hash {slack.Head}.", log.Lines);
            Assert.Contains(log.Lines, l => l.StartsWith("Audit chain head of web: row 2, hash ", StringComparison.Ordinal));
        }

        await TamperAsync(fixture, """UPDATE "AuditRecords" SET "Action" = 'incident.nothing' WHERE "Sequence" = 4 AND "Scope" = 'slack:T0001'""");
        await using (var unit = fixture.Begin())
        {
            await new AuditLinker(unit.Audit, log).LogHeadsAsync(None);
        }

        Assert.Contains("Audit chain of slack:T0001 does not verify: The audit trail is broken at row 4: row 4 was changed after it was written. 3 rows before it hold.", log.Lines);
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<AuditLinker>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = formatter(state, exception);
            Lines.Add(line.EndsWith(" Keep this line: it proves the chain up to here later.", StringComparison.Ordinal) ? line[..line.LastIndexOf(" Keep", StringComparison.Ordinal)] : line);
        }
    }
}
