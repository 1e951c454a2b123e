using System.Globalization;
using ChatOpsIR.Core.Audit;

namespace ChatOpsIR.Core.Exports;

/// <summary>
/// Every value a post-mortem answer has had, read back from the incident's audit rows. A row that adds an answer names
/// it by id; a row that changes one holds only what moved (value, who, when), so it continues the answer whose last
/// value, author and time are its "before".
/// </summary>
internal sealed class AnswerHistory
{
    private const string Added = "post-mortem-answer.added";
    private const string Changed = "post-mortem-answer.changed";

    private readonly Dictionary<string, List<ExportedAnswerValue>> _byAnswer = new(StringComparer.OrdinalIgnoreCase);

    public static AnswerHistory From(IEnumerable<AuditRecord> rowsInChainOrder)
    {
        var history = new AnswerHistory();
        foreach (var row in rowsInChainOrder)
        {
            if (row.Action == Added && AuditRecord.Values(row.After) is { } added && added.GetValueOrDefault("Id") is { } id)
            {
                history._byAnswer[id] = [Value(added, null, row.Sequence)];
            }
            else if (row.Action == Changed && AuditRecord.Values(row.Before) is { } before && AuditRecord.Values(row.After) is { } after
                && history.Continued(before) is { } values)
            {
                values.Add(Value(after, values[^1], row.Sequence));
            }
        }

        return history;
    }

    /// <summary>The values of the answer with this id, oldest first; empty when the audit trail holds none of them.</summary>
    public IReadOnlyList<ExportedAnswerValue> Of(Guid answerId) =>
        _byAnswer.TryGetValue(answerId.ToString("D"), out var values) ? values : [];

    private List<ExportedAnswerValue>? Continued(Dictionary<string, string?> before)
    {
        var value = before.GetValueOrDefault("Value");
        var by = before.GetValueOrDefault("ById");
        var at = Instant(before.GetValueOrDefault("At"));
        var candidates = _byAnswer.Values.Where(v => v[^1].Value == value && (by is null || v[^1].By?.Id == by)).ToList();
        return candidates.FirstOrDefault(v => at is null || Instant(v[^1].At) == at) ?? (candidates.Count == 1 ? candidates[0] : null);
    }

    private static ExportedAnswerValue Value(Dictionary<string, string?> values, ExportedAnswerValue? previous, long? sequence)
    {
        var byId = values.GetValueOrDefault("ById") ?? previous?.By?.Id;
        var byName = values.GetValueOrDefault("ByName") ?? previous?.By?.Name ?? byId;
        var at = Instant(values.GetValueOrDefault("At")) is { } instant ? IncidentExports.Iso(instant) : previous?.At;
        return new ExportedAnswerValue(
            values.TryGetValue("Value", out var value) ? value : previous?.Value,
            byId is null ? null : new ExportPerson(byId, byName!),
            at,
            sequence);
    }

    private static DateTime? Instant(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}
