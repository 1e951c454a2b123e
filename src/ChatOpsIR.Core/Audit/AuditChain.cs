using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsIR.Core.Audit;

/// <summary>What walking a chain found: intact up to its head, or the first row that does not hold.</summary>
public sealed record AuditVerification(bool Intact, int Checked, long? BrokenAt, string? Problem, string Head)
{
    public string Describe() => Intact
        ? $"The audit trail is intact: {Checked} rows, head {Head}."
        : $"The audit trail is broken at row {BrokenAt}: {Problem} {Checked} rows before it hold.";
}

/// <summary>One place in a scope's chain without the row's content.</summary>
public sealed record AuditLink(long Sequence, string PreviousHash, string Hash);

/// <summary>
/// The hash chain of a scope's audit rows: <c>hash = SHA-256(previous hash ‖ canonical row)</c>, the first row after
/// <see cref="Genesis"/>. Changing a row changes its hash; removing one leaves a gap in the sequence; moving one breaks the
/// link to the row before it. The canonical form is versioned and written out field by field with each value's length,
/// so no two different rows can read the same, and a copy kept elsewhere can be checked without this code.
/// </summary>
public static class AuditChain
{
    public const string Version = "chatopsir-audit-v1";

    /// <summary>The "previous hash" of a scope's first row.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Every field an auditor relies on, in a fixed order; not <see cref="AuditRecord.Id"/>, which is the database's.</summary>
    public static string Canonical(AuditRecord row)
    {
        var text = new StringBuilder(Version).Append('\n');
        void Field(string name, string? value)
        {
            // A missing value is told apart from an empty one.
            text.Append(name).Append('=').Append(value is null ? "-" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
        }

        Field("scope", row.Scope.ToString());
        Field("sequence", row.Sequence?.ToString(CultureInfo.InvariantCulture));
        Field("at", row.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        Field("actor", row.ActorId);
        Field("actorName", row.ActorName);
        Field("platform", row.Platform.ToString().ToLowerInvariant());
        Field("action", row.Action);
        Field("subject", row.Subject);
        Field("incident", row.IncidentId?.ToString("D"));
        Field("before", row.Before);
        Field("after", row.After);
        return text.ToString();
    }

    public static string HashOf(string previousHash, AuditRecord row) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + Canonical(row))));

    /// <summary>
    /// Walks a scope's linked rows in sequence order and names the first that does not hold: a gap (a row removed), a row
    /// that does not follow the one before (moved or replaced), or a row whose content no longer gives its hash (changed).
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditRecord> linkedInSequenceOrder)
    {
        var walk = new Walk();
        foreach (var row in linkedInSequenceOrder)
        {
            if (!walk.Step(row))
            {
                break;
            }
        }

        return walk.Result;
    }

    /// <summary>As <see cref="Verify"/>, reading the rows as they come (a long chain is never held in memory).</summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditRecord> linkedInSequenceOrder, CancellationToken cancellationToken)
    {
        var walk = new Walk();
        await foreach (var row in linkedInSequenceOrder.WithCancellation(cancellationToken))
        {
            if (!walk.Step(row))
            {
                break;
            }
        }

        return walk.Result;
    }

    private sealed class Walk
    {
        private string _previous = Genesis;
        private long _expected = 1;
        private int _checked;
        private AuditVerification? _broken;

        public AuditVerification Result => _broken ?? new(true, _checked, null, null, _previous);

        /// <summary>Checks the next row; false once the chain is broken (there is nothing more to learn after that).</summary>
        public bool Step(AuditRecord row)
        {
            var problem = row.Sequence != _expected
                ? row.Sequence > _expected
                    ? $"row {_expected} is missing (the next row is {row.Sequence})."
                    : $"row {row.Sequence} comes again after row {_expected - 1}: rows were reordered or copied."
                : row.PreviousHash != _previous
                    ? $"row {_expected} does not follow row {_expected - 1}: it was moved, or the row before it was replaced."
                    : row.Hash != HashOf(_previous, row)
                        ? $"row {_expected} was changed after it was written."
                        : null;
            if (problem is not null)
            {
                _broken = new(false, _checked, _expected, problem, _previous);
                return false;
            }

            _previous = row.Hash!;
            _expected++;
            _checked++;
            return true;
        }
    }
}
