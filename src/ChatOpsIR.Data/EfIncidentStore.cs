using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;

namespace ChatOpsIR.Data;

internal sealed class EfIncidentStore(ChatOpsDbContext db, TimelineGroupCommit groupCommit, Core.Audit.AuditActor actor, TimeProvider clock) : IIncidentStore
{
    public Task<Incident?> FindOpenIncidentAsync(TenantScope scope, string channelId, CancellationToken cancellationToken) =>
        db.Incidents.FirstOrDefaultAsync(i => i.Scope == scope && i.OpenChannelId == channelId, cancellationToken);

    public Task<Incident?> FindCurrentIncidentAsync(TenantScope scope, string channelId, CancellationToken cancellationToken) =>
        InLifeOrder(scope, channelId)
            .Where(i => i.Status != IncidentStatus.Closed)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<Incident?> FindLatestIncidentAsync(TenantScope scope, string channelId, CancellationToken cancellationToken) =>
        InLifeOrder(scope, channelId).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, Incident>> FindLatestIncidentsAsync(TenantScope scope, IReadOnlyCollection<string> channelIds, CancellationToken cancellationToken)
    {
        if (channelIds.Count == 0)
        {
            return new Dictionary<string, Incident>();
        }

        // A channel holds a handful of incidents over its life, so reading them all and picking in memory stays one
        // small query, where a "first per group" would translate differently (or not at all) on each provider.
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.Scope == scope && channelIds.Contains(i.ChannelId))
            .ToListAsync(cancellationToken);
        return incidents
            .GroupBy(i => i.ChannelId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(i => i.Status).ThenByDescending(i => i.DeclaredAt).First(), StringComparer.Ordinal);
    }

    /// <summary>The channel's incidents, open first, then resolved, then closed; the most recent first within each.</summary>
    private IQueryable<Incident> InLifeOrder(TenantScope scope, string channelId) =>
        db.Incidents
            .Where(i => i.Scope == scope && i.ChannelId == channelId)
            .OrderBy(i => i.Status)
            .ThenByDescending(i => i.DeclaredAt);

    public Task<Incident?> FindIncidentAsync(TenantScope scope, int number, CancellationToken cancellationToken) =>
        db.Incidents.FirstOrDefaultAsync(i => i.Scope == scope && i.Number == number, cancellationToken);

    public Task<Incident?> FindIncidentByIdAsync(TenantScope scope, Guid id, CancellationToken cancellationToken) =>
        db.Incidents.FirstOrDefaultAsync(i => i.Scope == scope && i.Id == id, cancellationToken);

    public Task<PostMortem?> FindPostMortemAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken) =>
        db.PostMortems.AsSplitQuery().FirstOrDefaultAsync(p => p.Scope == scope && p.IncidentId == incidentId, cancellationToken);

    public Task<PostMortemVersion?> FindPostMortemVersionAsync(TenantScope scope, Guid postMortemId, int? version, CancellationToken cancellationToken) =>
        db.PostMortemVersions
            .Where(v => v.Scope == scope && v.PostMortemId == postMortemId && (version == null || v.Version == version))
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<int> NextIncidentNumberAsync(TenantScope scope, CancellationToken cancellationToken) =>
        (await db.Incidents.Where(i => i.Scope == scope).MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0) + 1;

    public async Task<int> NextEvidenceNumberAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken) =>
        (await db.Evidence.Where(e => e.Scope == scope && e.IncidentId == incidentId).MaxAsync(e => (int?)e.Number, cancellationToken) ?? 0) + 1;

    public async Task<int> NextActionItemNumberAsync(TenantScope scope, CancellationToken cancellationToken) =>
        (await db.ActionItems.Where(a => a.Scope == scope).MaxAsync(a => (int?)a.Number, cancellationToken) ?? 0) + 1;

    public async Task<int> NextAccessGrantNumberAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken) =>
        (await db.AccessGrants.Where(g => g.Scope == scope && g.IncidentId == incidentId).MaxAsync(g => (int?)g.Number, cancellationToken) ?? 0) + 1;

    public async Task<IReadOnlyList<AccessGrant>> GetAccessGrantsAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken) =>
        await db.AccessGrants.AsNoTracking()
            .Where(g => g.Scope == scope && g.IncidentId == incidentId)
            .OrderBy(g => g.Number)
            .ToListAsync(cancellationToken);

    public Task<AccessGrant?> FindAccessGrantAsync(TenantScope scope, Guid incidentId, int number, CancellationToken cancellationToken) =>
        db.AccessGrants.FirstOrDefaultAsync(g => g.Scope == scope && g.IncidentId == incidentId && g.Number == number, cancellationToken);

    public async Task<IReadOnlyList<AccessGrant>> GetAccessGrantsOfIncidentsDeclaredAsync(TenantScope scope, DateTime from, DateTime to, CancellationToken cancellationToken) =>
        await db.AccessGrants.AsNoTracking()
            .Where(g => g.Scope == scope && db.Incidents.Any(i => i.Id == g.IncidentId && i.DeclaredAt >= from && i.DeclaredAt <= to))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken) =>
        await db.TimelineEntries.AsNoTracking()
            .Where(e => e.Scope == scope && e.IncidentId == incidentId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.RecordedAt)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Evidence>> GetEvidenceAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken) =>
        await db.Evidence.AsNoTracking()
            .Where(e => e.Scope == scope && e.IncidentId == incidentId)
            .OrderBy(e => e.Number)
            .ToListAsync(cancellationToken);

    public Task<Evidence?> FindEvidenceAsync(TenantScope scope, Guid incidentId, int number, CancellationToken cancellationToken) =>
        db.Evidence.FirstOrDefaultAsync(e => e.Scope == scope && e.IncidentId == incidentId && e.Number == number, cancellationToken);

    public async Task<IReadOnlyList<ActionItem>> GetActionItemsAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken) =>
        await db.ActionItems.AsNoTracking()
            .Where(a => a.Scope == scope && a.IncidentId == incidentId)
            .OrderBy(a => a.Number)
            .ToListAsync(cancellationToken);

    public Task<ActionItem?> FindActionItemAsync(TenantScope scope, int number, CancellationToken cancellationToken) =>
        db.ActionItems.FirstOrDefaultAsync(a => a.Scope == scope && a.Number == number, cancellationToken);

    public async Task<IReadOnlyList<Incident>> GetIncidentsDeclaredAsync(TenantScope scope, DateTime from, DateTime to, CancellationToken cancellationToken) =>
        await db.Incidents.AsNoTracking()
            .Where(i => i.Scope == scope && i.DeclaredAt >= from && i.DeclaredAt <= to)
            .OrderBy(i => i.DeclaredAt)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Incident>> GetOpenIncidentsAsync(TenantScope scope, int limit, CancellationToken cancellationToken) =>
        await db.Incidents.AsNoTracking()
            .Where(i => i.Scope == scope && i.Status == IncidentStatus.Open)
            .OrderByDescending(i => i.DeclaredAt)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<IncidentListRow>> ListIncidentsAsync(TenantScope scope, IncidentListQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        var incidents = db.Incidents.Where(i => i.Scope == scope);
        if (query.Statuses is { Count: > 0 } statuses)
        {
            incidents = incidents.Where(i => statuses.Contains(i.Status));
        }

        if (query.Severities is { Count: > 0 } severities)
        {
            incidents = incidents.Where(i => severities.Contains(i.Severity));
        }

        if (query.Exercise is { } exercise)
        {
            incidents = exercise ? incidents.Where(i => i.Exercise != ExerciseKind.None) : incidents.Where(i => i.Exercise == ExerciseKind.None);
        }

        if (query.DeclaredFrom is { } from)
        {
            incidents = incidents.Where(i => i.DeclaredAt >= from);
        }

        if (query.DeclaredBefore is { } before)
        {
            incidents = incidents.Where(i => i.DeclaredAt < before);
        }

        if (!string.IsNullOrEmpty(query.Text))
        {
            // Lowercase on both sides translates the same on SQLite, PostgreSQL and SQL Server, whatever the collation.
            var text = query.Text;
            var number = query.Number ?? -1;
            incidents = incidents.Where(i => i.Number == number
                || i.Title.ToLower().Contains(text)
                || (i.ChannelName ?? i.ChannelId).ToLower().Contains(text)
                || (i.LastStatus != null && i.LastStatus.ToLower().Contains(text)));
        }

        // Ids first, in list order with the figures; then the incidents themselves (with their roles and members).
        var page = await incidents
            .Select(i => new
            {
                i.Id,
                i.Number,
                Last = db.TimelineEntries.Where(e => e.Scope == scope && e.IncidentId == i.Id).Max(e => (DateTime?)e.RecordedAt) ?? i.DeclaredAt,
                Open = db.ActionItems.Count(a => a.Scope == scope && a.IncidentId == i.Id && a.Status == ActionItemStatus.Open),
            })
            .OrderByDescending(r => r.Last).ThenByDescending(r => r.Number)
            .Skip(skip)
            .Take(take)
            .ToListAsync(cancellationToken);
        if (page.Count == 0)
        {
            return [];
        }

        var ids = page.Select(r => r.Id).ToList();
        var loaded = await db.Incidents.AsNoTracking().Where(i => i.Scope == scope && ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        return [.. page.Where(r => loaded.ContainsKey(r.Id)).Select(r => new IncidentListRow(loaded[r.Id], DateTime.SpecifyKind(r.Last, DateTimeKind.Utc), r.Open))];
    }

    public async Task<IReadOnlyList<ActionItem>> GetOpenActionItemsOwnedByAsync(TenantScope scope, string ownerId, CancellationToken cancellationToken) =>
        await db.ActionItems.AsNoTracking()
            .Where(a => a.Scope == scope && a.OwnerId == ownerId && a.Status == ActionItemStatus.Open)
            .OrderBy(a => a.DueDate)
            .ToListAsync(cancellationToken);

    public Task<string?> FindDeliveryReplyAsync(TenantScope scope, string deliveryId, CancellationToken cancellationToken) =>
        db.ProcessedDeliveries.AsNoTracking()
            .Where(d => d.Scope == scope && d.DeliveryId == deliveryId)
            .Select(d => d.ReplyJson)
            .FirstOrDefaultAsync(cancellationToken);

    public void Add(Incident incident) => db.Incidents.Add(incident);

    public void Add(TimelineEntry entry) => db.TimelineEntries.Add(entry);

    public void Add(Evidence evidence) => db.Evidence.Add(evidence);

    public void Add(ActionItem item) => db.ActionItems.Add(item);

    public void Add(AccessGrant grant) => db.AccessGrants.Add(grant);

    public void Add(PostMortem postMortem) => db.PostMortems.Add(postMortem);

    public void Add(PostMortemVersion version) => db.PostMortemVersions.Add(version);

    public void Add(Core.SlowWork.WorkItem item) => db.WorkItems.Add(item);

    public void AddDelivery(TenantScope scope, string deliveryId, string replyJson, DateTime receivedAt) =>
        db.ProcessedDeliveries.Add(new ProcessedDelivery { Scope = scope, DeliveryId = deliveryId, ReplyJson = replyJson, ReceivedAt = receivedAt });

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        // The most common unit of work by far (a note, a captured chat message) is one new timeline entry and nothing
        // else: it goes out with the others written at the same moment, in one statement and one commit.
        var grouping = CanGroupCommit();
        if (grouping && LoneNewTimelineEntry() is { } lone)
        {
            var audit = AuditRows.ForLone(db.ChangeTracker.Entries().ToList(), lone, actor, clock.GetUtcNow().UtcDateTime);
            if (!await groupCommit.AppendAsync((TimelineEntry)lone.Entity, audit, cancellationToken))
            {
                throw new StoreConflictException("A unique index refused a duplicate.");
            }

            lone.State = EntityState.Unchanged; // written, as SaveChanges would leave it
            return;
        }

        // Every other change of the record is written with its audit rows, in the same commit.
        AuditRows.Stage(db, actor, clock.GetUtcNow().UtcDateTime);

        // Looking for the lone entry detected the changes already: SaveChanges need not scan the tracked entities again.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = autoDetect && !grouping;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new StoreConflictException("The record was changed by someone else.", ex);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw new StoreConflictException("A unique index refused a duplicate.", ex);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    public void DiscardChanges() => db.ChangeTracker.Clear();

    /// <summary>Whether a lone new timeline entry may go to the group commit: a database it can write to, outside any transaction.</summary>
    private bool CanGroupCommit() =>
        db.Database.CurrentTransaction is null && System.Transactions.Transaction.Current is null && TimelineGroupCommit.Supports(db.Database);

    /// <summary>The staged changes when they are exactly one new timeline entry (detecting the changes, as SaveChanges would).</summary>
    private EntityEntry? LoneNewTimelineEntry()
    {
        EntityEntry? lone = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged)
            {
                continue;
            }

            if (lone is not null || entry.State != EntityState.Added || entry.Entity is not TimelineEntry)
            {
                return null;
            }

            lone = entry;
        }

        return lone;
    }

    internal static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        _ => false,
    };
}
