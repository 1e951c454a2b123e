using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChatOpsIR.Core.Exports;

/// <summary>An export written out: the JSON document (what an auditor checks) and a Markdown reading of the same content.</summary>
public static class ExportFormats
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // The file is downloaded, never embedded in a page: names and text in any script read as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(IncidentExport export) => JsonSerializer.Serialize(export, Json);

    public static string ToJson(PlanReviewExport export) => JsonSerializer.Serialize(export, Json);

    public static string ToMarkdown(IncidentExport export)
    {
        var md = new StringBuilder();
        var incident = export.Incident;
        var audit = export.Audit;
        md.Append("# ").Append(incident.Reference).Append(": ").AppendLine(Inline(incident.Title)).AppendLine();
        md.AppendLine(audit.Verification.Intact
            ? $"**Audit trail: intact.** {Number(audit.Verification.Checked)} rows of scope `{audit.Scope}` checked; head `{audit.Head}`."
            : $"**Audit trail: BROKEN at row {audit.Verification.BrokenAt}.** {Inline(audit.Verification.Problem ?? string.Empty)} Head `{audit.Head}`.");
        md.AppendLine();
        md.AppendLine($"Exported {export.ExportedAt} by {Inline(export.ExportedBy.Name)} ({Code(export.ExportedBy.Id)}); schema `{export.Schema}`. " +
            $"This file is a reading of the JSON export; check the JSON with `scripts/verify-export.sh`.");
        md.AppendLine();

        md.AppendLine("## Incident").AppendLine();
        Table(md, ["Field", "Value"], [
            ["Reference", incident.Reference],
            ["Title", incident.Title],
            ["Severity", incident.SeverityLabel],
            ["Status", incident.Status],
            ["Private", incident.Private ? "yes" : "no"],
            ["Exercise", incident.Exercise],
            ["Declared", $"{incident.DeclaredAt} by {incident.DeclaredBy.Name}"],
            ["Resolved", incident.ResolvedAt ?? "-"],
            ["Closed", incident.ClosedAt is null ? "-" : $"{incident.ClosedAt} ({incident.ClosedReason})"],
            ["Last status", incident.LastStatus ?? "-"],
            ["Roles", string.Join(", ", incident.Roles.Select(r => $"{r.Role}: {r.Holder.Name}"))],
            ["Members", incident.Members.Count == 0 ? "-" : string.Join(", ", incident.Members.Select(m => m.Person.Name))],
            .. incident.KeyMoments.Select(m => new[] { $"Key moment: {m.Key}", m.Value ?? "-" }),
        ]);

        md.AppendLine("## Timeline").AppendLine();
        Table(md, ["Occurred", "Recorded", "Kind", "Author", "Text"], export.Timeline.Select(e => new[]
        {
            e.OccurredAt, e.RecordedAt + (e.AddedAfterResolve ? " (after resolve)" : string.Empty), e.Kind, e.Author.Name, e.Text,
        }));

        md.AppendLine("## Post-mortem").AppendLine();
        if (export.PostMortem is not { } postMortem)
        {
            md.AppendLine("Not started.").AppendLine();
        }
        else
        {
            md.AppendLine($"Started {postMortem.StartedAt} by {Inline(postMortem.StartedBy.Name)}; published version {Number(postMortem.PublishedVersion)}{(postMortem.PublishedAt is { } at ? $" at {at}" : string.Empty)}.").AppendLine();
            foreach (var section in postMortem.Sections)
            {
                md.Append("### ").Append(Number(section.Number)).Append(". ").Append(section.Title).Append(" (").Append(section.Status).AppendLine(")").AppendLine();
                if (section.SkipReason is { } reason)
                {
                    md.AppendLine($"Skipped: {Inline(reason)}").AppendLine();
                }

                if (section.Answers.Count > 0)
                {
                    Table(md, ["Question", "Answer", "By", "Earlier values"], section.Answers.Select(a => new[]
                    {
                        a.Field, a.Value, $"{a.By.Name}, {a.At}",
                        a.History.Count <= 1 ? "-" : string.Join("; ", a.History.SkipLast(1).Select(h => $"\"{h.Value}\" ({h.By?.Name}, {h.At}, audit row {h.AuditSequence})")),
                    }));
                }
            }

            foreach (var (title, findings) in new[] { ("Root causes", postMortem.RootCauses), ("Lessons learned", postMortem.Lessons) })
            {
                md.Append("### ").AppendLine(title).AppendLine();
                Table(md, ["", "Text", "Principles", "By"], findings.Select(f => new[] { f.Label, f.Text, string.Join(", ", f.Principles), f.By.Name }));
            }
        }

        md.AppendLine("## Action items").AppendLine();
        Table(md, ["Item", "Title", "Owner", "Due", "Kind", "Status"], export.ActionItems.Select(i => new[]
        {
            i.Reference, i.Title, i.Owner.Name, i.DueDate, i.Kind, i.Status + (i.DoneAt is { } done ? $" {done}" : string.Empty),
        }));

        md.AppendLine("## Evidence").AppendLine();
        Table(md, ["Item", "Description", "SHA-256", "Collected", "Custody"], export.Evidence.Select(e => new[]
        {
            Text(e.GetValueOrDefault("reference")), Text(e.GetValueOrDefault("description")), Text(e.GetValueOrDefault("sha256")),
            $"{Text(e.GetValueOrDefault("collectedAt"))} by {Text(e.GetValueOrDefault("collectedByName"))}",
            e.GetValueOrDefault("custody") is IEnumerable<object?> custody
                ? string.Join("; ", custody.OfType<IReadOnlyDictionary<string, object?>>().Select(c => $"{Text(c.GetValueOrDefault("at"))} {Text(c.GetValueOrDefault("holderName"))}: {Text(c.GetValueOrDefault("action"))}"))
                : "-",
        }));

        md.AppendLine("## Access grants").AppendLine();
        if (export.AccessGrants.Count == 0)
        {
            md.AppendLine("None recorded.").AppendLine();
        }
        else
        {
            Table(md, ["Grant", "Given to", "Access", "Granted", "Until", "Revoked"], export.AccessGrants.Select(g => new[]
            {
                Text(g.GetValueOrDefault("reference")), Text(g.GetValueOrDefault("granteeName")), Text(g.GetValueOrDefault("what")),
                $"{Text(g.GetValueOrDefault("grantedAt"))} by {Text(g.GetValueOrDefault("grantedByName"))}", Text(g.GetValueOrDefault("until")),
                g.GetValueOrDefault("revokedAt") is null ? "STILL OPEN" : $"{Text(g.GetValueOrDefault("revokedAt"))} by {Text(g.GetValueOrDefault("revokedByName"))}",
            }));
        }

        md.AppendLine("## Audit rows").AppendLine();
        md.AppendLine($"Canonical form `{audit.Canonical}`; the scope's chain has {Number(audit.Chain.Count)} rows, head `{audit.Head}`.").AppendLine();
        Table(md, ["#", "At", "Who", "Action", "Subject", "Before", "After", "Hash"], audit.Rows.Select(r => new[]
        {
            Number(r.Sequence), r.At, $"{r.ActorName} ({r.Platform})", r.Action, r.Subject, r.Before ?? "-", r.After ?? "-", r.Hash,
        }));
        return md.ToString();
    }

    public static string ToMarkdown(PlanReviewExport export)
    {
        var md = new StringBuilder();
        var review = export.Review;
        var signOff = export.SignOff;
        var figures = export.Figures;
        md.AppendLine($"# Incident-response plan review signed off {signOff.At[..10]}").AppendLine();
        md.AppendLine($"Exported {export.ExportedAt} by {Inline(export.ExportedBy.Name)} ({Code(export.ExportedBy.Id)}); schema `{export.Schema}`.").AppendLine();
        md.AppendLine("## Sign-off").AppendLine();
        Table(md, ["Field", "Value"], [
            ["Signed off by", $"{signOff.By.Name} ({signOff.By.Id})"],
            ["Signed off at", signOff.At],
            ["Decision", signOff.DecisionText],
            ["Notes", signOff.Notes ?? "-"],
            ["Next review due", signOff.NextReviewDue ?? "-"],
            ["Review", $"{review.Kind} ({review.Key}), asked of {review.Owner.Name} at {review.RequestedAt}"],
            ["Period", $"{review.PeriodFrom} to {review.PeriodTo}"],
        ]);
        md.AppendLine("## The period in figures").AppendLine();
        static string Time(long? seconds) => seconds is { } s ? Workflows.TimeFormat.Duration(TimeSpan.FromSeconds(s)) : "not enough marked moments";
        Table(md, ["Figure", "Value"], [
            ["Incidents", Number(figures.Incidents)],
            ["Exercises", Number(figures.Exercises)],
            .. figures.BySeverity.Select(s => new[] { $"SEV{s.Key}", Number(s.Value) }),
            ["Median time to detect", Time(figures.MedianTimeToDetectSeconds)],
            ["Median time to contain", Time(figures.MedianTimeToContainSeconds)],
            ["Median time to recover", Time(figures.MedianTimeToRecoverSeconds)],
            ["Action items closed", Number(figures.ActionItemsClosed)],
            ["Action items overdue at sign-off", Number(figures.ActionItemsOverdue)],
            ["Action items open, not yet due", Number(figures.ActionItemsOpenNotYetDue)],
            ["First principles that failed most", figures.FailedPrinciples.Count == 0 ? "none recorded" : string.Join(", ", figures.FailedPrinciples.Select(p => $"{p.Principle} ({Number(p.Count)})"))],
            ["Lessons of private incidents (not quoted)", Number(figures.PrivateLessons)],
        ]);
        md.AppendLine("## Lessons").AppendLine();
        Table(md, ["Incident", "Lesson"], figures.Lessons.Select(l => new[] { l.Incident, l.Lesson }));
        return md.ToString();
    }

    private static void Table(StringBuilder md, string[] headings, IEnumerable<string[]> rows)
    {
        var any = false;
        foreach (var row in rows)
        {
            if (!any)
            {
                md.Append('|').AppendJoin('|', headings.Select(h => $" {h} ")).AppendLine("|");
                md.Append('|').AppendJoin('|', headings.Select(_ => "---")).AppendLine("|");
                any = true;
            }

            md.Append('|').AppendJoin('|', row.Select(c => $" {Cell(c)} ")).AppendLine("|");
        }

        if (!any)
        {
            md.AppendLine("None.");
        }

        md.AppendLine();
    }

    /// <summary>Text a person typed, kept on one table line and unable to open markup: pipes, tags and line breaks are neutralised.</summary>
    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Inline(string text) => text
        .Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Code(string text) => $"`{text.Replace("`", "'", StringComparison.Ordinal)}`";

    private static string Text(object? value) => value?.ToString() ?? "-";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
