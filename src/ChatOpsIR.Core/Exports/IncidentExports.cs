using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;

namespace ChatOpsIR.Core.Exports;

/// <summary>
/// Gathers an incident's whole record into one <see cref="IncidentExport"/>. The scope's audit rows written so far are
/// linked first, so the export ends at the chain's head and every row in it can be checked; rows written after that are
/// in the next export.
/// </summary>
public sealed class IncidentExports(IIncidentStore store, IAuditTrail audit, AuditLinker linker, TimeProvider clock)
{
    public async Task<IncidentExport?> BuildAsync(TenantScope scope, Guid incidentId, ExportPerson exportedBy, CancellationToken cancellationToken)
    {
        if (await store.FindIncidentByIdAsync(scope, incidentId, cancellationToken) is not { } incident)
        {
            return null;
        }

        await linker.LinkAsync(scope, cancellationToken);
        var rows = (await audit.ForIncidentAsync(scope, incident.Id, cancellationToken)).Where(r => r.Sequence is not null).ToList();
        var chain = new List<ExportedAuditLink>();
        await foreach (var link in audit.LinksAsync(scope, cancellationToken))
        {
            chain.Add(new ExportedAuditLink(link.Sequence, link.PreviousHash, link.Hash));
        }

        var verification = await audit.VerifyAsync(scope, cancellationToken);
        var timeline = await store.GetTimelineAsync(scope, incident.Id, cancellationToken);
        var actionItems = await store.GetActionItemsAsync(scope, incident.Id, cancellationToken);
        var evidence = await store.GetEvidenceAsync(scope, incident.Id, cancellationToken);
        var grants = await store.GetAccessGrantsAsync(scope, incident.Id, cancellationToken);
        var postMortem = await store.FindPostMortemAsync(scope, incident.Id, cancellationToken);

        return new IncidentExport(
            IncidentExport.SchemaName,
            Iso(clock.GetUtcNow().UtcDateTime),
            exportedBy,
            Describe(incident),
            [.. timeline.Select(Describe)],
            postMortem is null ? null : Describe(postMortem, rows),
            [.. actionItems.OrderBy(i => i.Number).Select(Describe)],
            [.. evidence.OrderBy(e => e.Number).Select(e => PublicValues(e, "IncidentId", "Scope", "EvidenceId"))],
            [.. grants.OrderBy(g => g.Number).Select(g => PublicValues(g, "IncidentId", "Scope"))],
            new ExportedAudit(
                AuditChain.Version,
                scope.ToString(),
                [.. rows.Select(Describe)],
                chain,
                chain.Count == 0 ? AuditChain.Genesis : chain[^1].Hash,
                new ExportedVerification(verification.Intact, verification.Checked, verification.BrokenAt, verification.Problem, verification.Head)));
    }

    /// <summary>UTC time as ISO 8601 with seven decimals and Z: one form everywhere in an export.</summary>
    public static string Iso(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string? Iso(DateTime? time) => time is { } t ? Iso(t) : null;

    /// <summary>An enum's or a type's name as an export writes it: PolicyOrProcedure is policy-or-procedure.</summary>
    public static string Word(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static ExportedIncident Describe(Incident incident)
    {
        var durations = incident.Durations();
        return new ExportedIncident(
            incident.Reference,
            incident.Id.ToString("D"),
            incident.Scope.ToString(),
            incident.Title,
            incident.Severity,
            DomainNames.SeverityLabel(incident.Severity),
            Word(incident.Status.ToString()),
            incident.IsPrivate,
            Word(incident.Exercise.ToString()),
            Word(incident.Platform.ToString()),
            incident.ChannelId,
            incident.ChannelName,
            new ExportPerson(incident.DeclaredById, incident.DeclaredByName),
            Iso(incident.DeclaredAt),
            Iso(incident.ResolvedAt),
            Iso(incident.ClosedAt),
            incident.ClosedReason,
            incident.LastStatus,
            incident.TimeZoneId,
            [.. incident.Roles.OrderBy(r => r.Role).Select(r => new ExportedRole(r.Role.Name(), new ExportPerson(r.UserId, r.UserName), Iso(r.AssignedAt)))],
            [.. incident.Members.OrderBy(m => m.AddedAt).Select(m => new ExportedMember(new ExportPerson(m.UserId, m.UserName), m.AddedById, Iso(m.AddedAt)))],
            Enum.GetValues<KeyMoment>().ToDictionary(m => m.Name(), m => Iso(incident.MomentAt(m))),
            new Dictionary<string, long?>
            {
                ["timeToDetect"] = Seconds(durations.TimeToDetect),
                ["timeToAcknowledge"] = Seconds(durations.TimeToAcknowledge),
                ["timeToContain"] = Seconds(durations.TimeToContain),
                ["timeToEradicate"] = Seconds(durations.TimeToEradicate),
                ["timeToRecover"] = Seconds(durations.TimeToRecover),
            });
    }

    public static long? Seconds(TimeSpan? span) => span is { } s ? (long)s.TotalSeconds : null;

    private static ExportedTimelineEntry Describe(TimelineEntry entry) => new(
        Iso(entry.OccurredAt),
        Iso(entry.RecordedAt),
        Word(entry.Kind.ToString()),
        entry.Text,
        new ExportPerson(entry.AuthorId, entry.AuthorName),
        Word(entry.Source.ToString()),
        entry.KeyMoment?.Name(),
        entry.IsBackdated,
        entry.AddedAfterResolve);

    private static ExportedActionItem Describe(ActionItem item) => new(
        item.Reference,
        item.Title,
        new ExportPerson(item.OwnerId, item.OwnerName),
        item.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Word(item.Kind.ToString()),
        Word(item.Reach.ToString()),
        Word(item.Status.ToString()),
        item.CreatedById,
        Iso(item.CreatedAt),
        Iso(item.DoneAt),
        item.DoneById);

    private static ExportedAuditRow Describe(AuditRecord row) => new(
        row.Sequence!.Value,
        row.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        row.ActorId,
        row.ActorName,
        row.Platform.ToString().ToLowerInvariant(),
        row.Action,
        row.Subject,
        row.IncidentId?.ToString("D"),
        row.Before,
        row.After,
        row.PreviousHash!,
        row.Hash!);

    private static ExportedPostMortem Describe(PostMortem postMortem, IReadOnlyList<AuditRecord> rows)
    {
        var history = AnswerHistory.From(rows);
        var sections = postMortem.Sections.OrderBy(s => s.Section).Select(state => new ExportedSection(
            state.Section.Number(),
            state.Section.Slug(),
            state.Section.Title(),
            Word(state.Status.ToString()),
            state.SkipReason,
            state.ById is { } by ? new ExportPerson(by, state.ByName ?? by) : null,
            Iso(state.At),
            [.. postMortem.Answers.Where(a => a.Section == state.Section).OrderBy(a => a.Field, StringComparer.Ordinal).Select(a => new ExportedAnswer(
                a.Field,
                a.Value,
                new ExportPerson(a.ById, a.ByName),
                Iso(a.At),
                history.Of(a.Id))),
            ]));
        return new ExportedPostMortem(
            new ExportPerson(postMortem.StartedById, postMortem.StartedByName),
            Iso(postMortem.StartedAt),
            postMortem.CurrentSection.Slug(),
            postMortem.PublishedVersion,
            Iso(postMortem.PublishedAt),
            postMortem.ChangedSincePublish,
            postMortem.SingleCauseReason,
            [.. sections],
            [.. postMortem.RootCauses.Select(Describe)],
            [.. postMortem.Lessons.Select(Describe)]);
    }

    private static ExportedFinding Describe(PostMortemFinding finding) => new(
        finding.Label,
        finding.Number,
        finding.Text,
        finding.PrincipleList,
        finding.Enabler,
        Word(finding.BlameState.ToString()),
        new ExportPerson(finding.ById, finding.ByName),
        Iso(finding.At));

    /// <summary>
    /// The public properties of a record (evidence, its custody entries) by their names in camelCase, so a property added
    /// to the entity appears in the export without code here; lists of records are written the same way, item by item.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> PublicValues(object entity, params string[] leaveOut)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || leaveOut.Contains(property.Name, StringComparer.Ordinal))
            {
                continue;
            }

            values[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Value(property.GetValue(entity), leaveOut);
        }

        return values;
    }

    private static object? Value(object? value, string[] leaveOut) => value switch
    {
        null => null,
        string or bool or int or long or double or decimal => value,
        DateTime time => Iso(time),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeSpan span => (long)span.TotalSeconds,
        Enum word => Word(word.ToString()),
        Guid id => id.ToString("D"),
        IEnumerable items => items.Cast<object?>().Select(i => i is null || i is string || i.GetType().IsPrimitive ? i : PublicValues(i, leaveOut)).ToList(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
