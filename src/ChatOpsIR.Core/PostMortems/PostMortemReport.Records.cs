using ChatOpsIR.Core.Cards;
using System.Globalization;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>The parts of the report about the record itself: evidence and its custody, access grants, the audit trail.</summary>
public static partial class PostMortemReport
{
    /// <summary>Each item of evidence with its hash, state and file, then every step of its chain of custody.</summary>
    private static void Evidence(PostMortemDocument document, IReportWriter writer)
    {
        if (document.Evidence.Count == 0)
        {
            return;
        }

        var zone = document.TimeZone;
        writer.Heading("Evidence and chain of custody", 2);
        foreach (var item in document.Evidence.OrderBy(e => e.Number))
        {
            writer.Heading($"{item.Reference}: {item.Description}", 3);
            var facts = new List<(string, string)>
            {
                ("SHA-256", item.Sha256 ?? "not recorded"),
                ("State", item.Describe()),
                (item.InCustody ? "Held by" : "Last held by", item.Holder.DisplayName),
                ("Collected", $"{TimeFormat.Moment(item.CollectedAt, zone)} by {item.CollectedByName}"),
            };
            if (item.StoredAt is { } where)
            {
                facts.Add(("Stored at", where));
            }

            facts.AddRange(EvidenceCards.FileFacts(item).Select(f => (f.Title, f.Value)));
            if (item.SupersededReason is { } reason)
            {
                facts.Add(("Superseded", reason));
            }

            writer.Facts(facts);
            if (item.Link is { Length: > 0 } link)
            {
                writer.Link("Where it is kept", link);
            }

            writer.Table(
                ["Time", "Step", "Who", "From → to", "Where", "Reason", "Verification"],
                item.Custody.Select(c => (IReadOnlyList<string>)
                [
                    TimeFormat.Moment(c.At, zone),
                    c.Step.Describe(),
                    c.RecordedBy,
                    c.Step == CustodyStep.Transferred ? $"{c.FromName} → {c.ToName}" : c.HolderName,
                    c.Location ?? string.Empty,
                    c.Note ?? string.Empty,
                    c.Step == CustodyStep.Verified ? $"{c.Result.Describe()} ({c.Sha256})" : string.Empty,
                ]));
        }
    }

    /// <summary>Access granted during the incident: who got what, when, until when, when it was taken back; open grants flagged.</summary>
    private static void AccessGrants(PostMortemDocument document, IReportWriter writer)
    {
        if (document.AccessGrants.Count == 0)
        {
            return;
        }

        var (zone, now) = (document.TimeZone, document.GeneratedAt);
        var open = document.AccessGrants.Where(g => g.IsOpen).OrderBy(g => g.Number).ToList();
        writer.Heading("Access granted during the incident", 2);
        if (open.Count > 0)
        {
            writer.Paragraph($"Still open: {string.Join(", ", open.Select(g => $"{g.Reference} ({g.What}, {g.GranteeName})"))}. Least privilege asks for access given for an incident to be taken back once it is over.", ReportTone.Warning);
        }

        writer.Table(["Grant", "Given to", "Access", "Granted", "Until", "Revoked", "Open for"], document.AccessGrants.OrderBy(g => g.Number).Select(g => (IReadOnlyList<string>)
        [
            g.Reference,
            g.GranteeName,
            g.What,
            $"{TimeFormat.Moment(g.GrantedAt, zone)} by {g.GrantedByName}",
            g.Until is { } until ? TimeFormat.Moment(until, zone) + (g.IsOverdue(now) ? " (passed)" : string.Empty) : "not said",
            g.RevokedAt is { } revoked ? $"{TimeFormat.Moment(revoked, zone)} by {g.RevokedByName}{(g.RevokeNote is { } note ? $": {note}" : string.Empty)}" : "STILL OPEN",
            TimeFormat.Duration(g.OpenFor(now)) + (g.IsOpen ? " and counting" : string.Empty),
        ]));
    }

    /// <summary>Whether the record this report was written from is the record as it was made: the audit trail's verification.</summary>
    private static void AuditTrail(PostMortemDocument document, IReportWriter writer)
    {
        if (document.Audit is not { } audit)
        {
            return;
        }

        writer.Heading("Audit trail", 2);
        var verification = audit.Verification;
        writer.Paragraph(
            verification.Intact
                ? $"Every change to this incident's record is in the audit trail, and the trail verifies: all {verification.Checked.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} rows of the workspace's chain are unchanged and in order."
                : $"{verification.Describe()} The record may have been changed outside ChatOpsIR: compare with an export or the heads in the host log.",
            verification.Intact ? ReportTone.Good : ReportTone.Warning);
        var facts = new List<(string, string)> { ("Changes on record", audit.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)) };
        if (audit.Pending > 0)
        {
            facts.Add(("Not yet in the chain", $"{audit.Pending.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} (linked within a minute)"));
        }

        facts.Add(("Chain head", verification.Head));
        facts.Add(("Check again", "audit verify in chat; export for a copy to check offline"));
        writer.Facts(facts);
    }
}
