using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Text;
using System.Threading.Channels;
using ChatOpsIR.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Data;

/// <summary>
/// Group commit for new timeline entries. Requests that each add one entry at the same moment (notes, captured chat
/// messages) are written together in one INSERT … ON CONFLICT DO NOTHING: one round trip and one commit (one log flush)
/// for the whole group, instead of one each. Every caller still waits until the statement that holds its entry has
/// committed, and learns whether its entry went in or an entry with the same source key was already there (the unique
/// index decides, so several hosts on one database stay correct).
/// </summary>
/// <remarks>
/// A group forms while the previous one is being written, so nothing waits on a timer: under light load a group is a
/// single entry. When a group's statement fails (a constraint other than the unique index, a lost connection), its entries
/// are written again one by one, so one bad entry fails only its own request. PostgreSQL and SQLite (3.35 or later) share
/// the statement; SQL Server has no ON CONFLICT and keeps the ordinary unit of work.
/// </remarks>
internal sealed class TimelineGroupCommit(IServiceScopeFactory scopes) : IAsyncDisposable, IDisposable
{
    /// <summary>At most this many entries per statement (12 parameters each, far under every provider's limit).</summary>
    public const int MaxGroup = 256;

    private static readonly Meter Meter = new("ChatOpsIR.Data");
    private static readonly Counter<long> Commands = Meter.CreateCounter<long>("chatopsir.db.commands", description: "Statements run outside EF Core's change tracker");
    private static readonly Histogram<int> GroupSizes = Meter.CreateHistogram<int>("chatopsir.timeline.group_size", description: "Timeline entries written by one group commit");

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _writer;
    private TimelineTable? _table; // read and written by the one writer task only

    /// <summary>Whether the database can take the group statement.</summary>
    public static bool Supports(DatabaseFacade database) => database.IsNpgsql() || database.IsSqlite();

    /// <summary>
    /// Writes the entry with whatever else is waiting and returns once that is committed: true when it was added, false
    /// when the incident's timeline already has an entry with its source key (nothing was written).
    /// </summary>
    public Task<bool> AppendAsync(TimelineEntry entry, Core.Audit.AuditRecord? audit, CancellationToken cancellationToken)
    {
        EnsureWriter();
        var pending = new Pending(entry, audit);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(TimelineGroupCommit));
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Takes no more entries; those already waiting are still written (their callers wait for them).</summary>
    public void Dispose() => _queue.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is { } writer)
        {
            await writer;
        }
    }

    private void EnsureWriter()
    {
        if (_writer is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _writer ??= Task.Run(WriteGroupsAsync);
        }
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<Pending>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            await WriteGroupAsync(group);
        }
    }

    /// <summary>Writes one group; never throws (every failure goes to the callers it concerns).</summary>
    private async Task WriteGroupAsync(List<Pending> group)
    {
        GroupSizes.Record(group.Count);
        try
        {
            var added = await InsertAsync(group, CancellationToken.None);
            foreach (var pending in group)
            {
                pending.Completion.TrySetResult(added.Contains(pending.Entry.Id));
            }

            return;
        }
        catch (Exception ex) when (group.Count == 1)
        {
            await SettleAloneAsync(group[0], ex);
            return;
        }
        catch (Exception)
        {
            // The statement is atomic: nothing of the group was written, unless the connection broke after the commit.
            // Write each entry on its own so that a failure reaches only the request it belongs to.
        }

        foreach (var pending in group)
        {
            try
            {
                var added = await InsertAsync([pending], CancellationToken.None);
                pending.Completion.TrySetResult(added.Count == 1);
            }
            catch (Exception ex)
            {
                await SettleAloneAsync(pending, ex);
            }
        }
    }

    /// <summary>
    /// An entry whose own statement failed. If the failure came after the commit (the connection broke while the answer
    /// was on its way), the entry is there under its id and counts as added; otherwise its caller gets the error.
    /// </summary>
    private async Task SettleAloneAsync(Pending pending, Exception failure)
    {
        try
        {
            if (failure is DbException or TimeoutException or IOException && await ExistsAsync(pending.Entry.Id))
            {
                pending.Completion.TrySetResult(true);
                return;
            }
        }
        catch (Exception)
        {
            // The database is still unreachable: report the original failure.
        }

        pending.Completion.TrySetException(failure);
    }

    private async Task<bool> ExistsAsync(Guid id)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>();
        Commands.Add(1);
        return await db.TimelineEntries.AsNoTracking().AnyAsync(e => e.Id == id);
    }

    /// <summary>One INSERT of the whole group; returns the ids that went in (the others met an existing source key).</summary>
    private async Task<HashSet<Guid>> InsertAsync(IReadOnlyList<Pending> group, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>();
        var table = _table ??= new TimelineTable(db.Model, db.GetService<ISqlGenerationHelper>());
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The entries and the audit rows of those that went in share one transaction, so one commit still serves the group.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = table.InsertSql(group.Count);
            var parameter = 0;
            foreach (var pending in group)
            {
                foreach (var column in table.Columns)
                {
                    command.Parameters.Add(column.Mapping.CreateParameter(command, $"@p{parameter++}", column.Read(pending.Entry)));
                }
            }

            Commands.Add(1);
            var added = new HashSet<Guid>(group.Count);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    added.Add(reader.GetGuid(0));
                }
            }

            var audit = group.Where(p => p.Audit is not null && added.Contains(p.Entry.Id)).Select(p => p.Audit!).ToList();
            if (audit.Count > 0)
            {
                db.AuditRecords.AddRange(audit);
                await db.SaveChangesAsync(cancellationToken);
                Commands.Add(1);
            }

            await transaction.CommitAsync(cancellationToken);
            return added;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class Pending(TimelineEntry entry, Core.Audit.AuditRecord? audit)
    {
        public TimelineEntry Entry { get; } = entry;

        /// <summary>The entry's audit row, written in the same transaction when the entry goes in.</summary>
        public Core.Audit.AuditRecord? Audit { get; } = audit;

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// The TimelineEntries table as the EF model maps it: names, columns and their type mappings (converters included).
    /// Used by the writer task alone, so its statements are cached without locks.
    /// </summary>
    private sealed class TimelineTable
    {
        private readonly string _prefix;
        private readonly string _suffix;
        private readonly string?[] _rows = new string?[MaxGroup + 1];

        public TimelineTable(IModel model, ISqlGenerationHelper sql)
        {
            var entity = model.FindEntityType(typeof(TimelineEntry))!;
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            Columns = entity.GetProperties()
                .Select(p => new Column(sql.DelimitIdentifier(p.GetColumnName(store)!), p.GetRelationalTypeMapping(), p.GetGetter()))
                .ToArray();
            var id = sql.DelimitIdentifier(entity.FindPrimaryKey()!.Properties.Single().GetColumnName(store)!);
            _prefix = $"INSERT INTO {sql.DelimitIdentifier(store.Name, store.Schema)} ({string.Join(", ", Columns.Select(c => c.Name))}) VALUES ";
            _suffix = $" ON CONFLICT DO NOTHING RETURNING {id}";
        }

        public IReadOnlyList<Column> Columns { get; }

        public string InsertSql(int rows) => _rows[rows] ??= BuildInsertSql(rows);

        private string BuildInsertSql(int rows)
        {
            var text = new StringBuilder(_prefix);
            var parameter = 0;
            for (var row = 0; row < rows; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < Columns.Count; column++)
                {
                    text.Append(column == 0 ? "@p" : ", @p").Append(parameter++);
                }

                text.Append(')');
            }

            return text.Append(_suffix).ToString();
        }
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        public object? Read(TimelineEntry entry) => Getter.GetClrValueUsingContainingEntity(entry);
    }
}
