using System.Globalization;
using System.Text.Json;
using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ChatOpsIR.Data;

/// <summary>
/// The audit rows of a unit of work, read from EF Core's change tracker just before it is saved: one row per record of
/// the incident record (incidents, their roles and members, timeline, action items, evidence and custody, post-mortems
/// and their answers, plan reviews) that is added, changed or removed, with the values before and after. Bookkeeping
/// (deliveries, work items, addresses) is not the record and is left out, as are the stamps every save moves.
/// </summary>
internal static class AuditRows
{
    private static readonly HashSet<string> Stamps = ["ConcurrencyStamp", "UpdatedAt"];

    private static readonly string[] RecordNamespaces = ["ChatOpsIR.Core.Incidents", "ChatOpsIR.Core.PostMortems", "ChatOpsIR.Core.PlanReviews"];

    public static void Stage(ChatOpsDbContext db, AuditActor actor, DateTime now)
    {
        // One pass over the tracked entities (one change detection); the incidents, post-mortems and evidence they hang off by id.
        var entries = db.ChangeTracker.Entries().ToList();
        var tracked = Track(entries);
        var rows = entries.Select(entry => For(entry, tracked, actor, now)).OfType<AuditRecord>().ToList();
        db.AuditRecords.AddRange(rows);
    }

    /// <summary>
    /// The row of a lone new timeline entry, which the group commit writes beside it in one transaction; the entries are
    /// those the store just looked through (the entry's incident is among them, loaded to add to it).
    /// </summary>
    public static AuditRecord? ForLone(IReadOnlyList<EntityEntry> entries, EntityEntry lone, AuditActor actor, DateTime now) =>
        For(lone, Track(entries), actor, now);

    private static Tracked Track(IReadOnlyList<EntityEntry> entries) => new(
        entries.Select(e => e.Entity).OfType<Incident>().ToDictionary(i => i.Id),
        entries.Select(e => e.Entity).OfType<PostMortem>().ToDictionary(p => p.Id, p => p.IncidentId),
        entries.Select(e => e.Entity).OfType<Evidence>().ToDictionary(e => e.Id, e => (e.IncidentId, e.Number)));

    private static AuditRecord? For(EntityEntry entry, Tracked tracked, AuditActor actor, DateTime now)
    {
        if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !IsRecord(entry.Metadata.ClrType))
        {
            return null;
        }

        var (before, after) = Values(entry);
        if (before is null && after is null)
        {
            return null;
        }

        var incident = IncidentOf(tracked, entry);
        var scope = incident?.Scope ?? (entry.Metadata.FindProperty("Scope") is { } property ? (TenantScope)entry.Property(property.Name).CurrentValue! : TenantScope.Web);
        var kind = Kind(entry.Metadata.ClrType);
        var verb = entry.State switch { EntityState.Added => "added", EntityState.Deleted => "removed", _ => "changed" };
        var subject = incident is null ? kind : entry.Entity switch
        {
            Incident => incident.Reference,
            AccessGrant grant => $"{incident.Reference}/{grant.Reference}",
            _ => ItemOf(tracked, entry) is { } item ? $"{incident.Reference}/{Evidence.FormatReference(item)}" : $"{incident.Reference} {kind}",
        };
        return new AuditRecord(scope, now, actor.User ?? AuditActor.System, actor.Platform ?? scope.Platform, $"{kind}.{verb}", subject, incident?.Id, before, after);
    }

    private static bool IsRecord(Type type) => RecordNamespaces.Contains(type.Namespace, StringComparer.Ordinal);

    /// <summary>timeline-entry, action-item, post-mortem-answer: the type's name in words.</summary>
    private static string Kind(Type type) =>
        string.Concat(type.Name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>Added: every value after; removed: every value before; changed: the values that moved, both ways.</summary>
    private static (string? Before, string? After) Values(EntityEntry entry)
    {
        var before = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        var after = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Stamps.Contains(name) || (entry.State == EntityState.Modified && !property.IsModified))
            {
                continue;
            }

            if (entry.State != EntityState.Added)
            {
                before[name] = Text(property.OriginalValue);
            }

            if (entry.State != EntityState.Deleted)
            {
                after[name] = Text(property.CurrentValue);
            }
        }

        if (entry.State == EntityState.Modified && before.SequenceEqual(after))
        {
            return (null, null);
        }

        return (before.Count == 0 ? null : JsonSerializer.Serialize(before), after.Count == 0 ? null : JsonSerializer.Serialize(after));
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private sealed record Tracked(Dictionary<Guid, Incident> Incidents, Dictionary<Guid, Guid> PostMortems, Dictionary<Guid, (Guid IncidentId, int Number)> Evidence);

    /// <summary>The number of the evidence item a row is about (the item itself, or a step of its custody), so its subject reads INC-0004/E2.</summary>
    private static int? ItemOf(Tracked tracked, EntityEntry entry) => entry.Entity switch
    {
        Evidence evidence => evidence.Number,
        CustodyEntry custody when tracked.Evidence.TryGetValue(custody.EvidenceId, out var item) => item.Number,
        _ => null,
    };

    /// <summary>The incident a record belongs to, when it is among the tracked ones (workflows load it to change it).</summary>
    private static Incident? IncidentOf(Tracked tracked, EntityEntry entry)
    {
        if (entry.Entity is Incident incident)
        {
            return incident;
        }

        Guid? id = entry.Metadata.FindProperty("IncidentId") is { } direct ? entry.Property(direct.Name).CurrentValue as Guid? : null;
        if (id is null && entry.Metadata.FindProperty("PostMortemId") is { } postMortem && entry.Property(postMortem.Name).CurrentValue is Guid postMortemId
            && tracked.PostMortems.TryGetValue(postMortemId, out var ofPostMortem))
        {
            id = ofPostMortem;
        }

        if (id is null && entry.Metadata.FindProperty("EvidenceId") is { } evidence && entry.Property(evidence.Name).CurrentValue is Guid evidenceId
            && tracked.Evidence.TryGetValue(evidenceId, out var ofEvidence))
        {
            id = ofEvidence.IncidentId;
        }

        return id is { } found && tracked.Incidents.TryGetValue(found, out var owner) ? owner : null;
    }
}
