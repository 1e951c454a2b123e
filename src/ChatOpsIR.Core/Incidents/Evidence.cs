namespace ChatOpsIR.Core.Incidents;

/// <summary>Where an item of evidence stands: with a holder, handed back out of our custody, or destroyed.</summary>
public enum EvidenceState
{
    Held = 0,
    Released = 1,
    Disposed = 2,
}

/// <summary>
/// The file an item of evidence was taken from, when it came from a message with a file: its name, size in bytes,
/// type, and who shared it. Only what the platform said about the file; its content stays where it was shared.
/// </summary>
public sealed record EvidenceFile(string FileName, long? Size, string? ContentType, ChatUser? SharedBy);

/// <summary>
/// An item of evidence with its hash and its chain of custody: every step taken with it (collected, stored, handed
/// over, verified, released, disposed of, superseded), who took it, and when. Items are never deleted; once released or
/// disposed of, only verification is still recorded.
/// </summary>
public sealed class Evidence
{
    public const int MaxDescriptionLength = 1000;
    public const int MaxFileNameLength = 500;
    public const int MaxContentTypeLength = 200;
    private readonly List<CustodyEntry> _custody = [];

    private Evidence()
    {
        Description = string.Empty;
        CollectedById = string.Empty;
        CollectedByName = string.Empty;
    }

    public Evidence(Incident incident, int number, string description, string? sha256, string? link, ChatUser collectedBy, DateTime now)
        : this(incident, number, description, sha256, link, null, collectedBy, now)
    {
    }

    public Evidence(Incident incident, int number, string description, string? sha256, string? link, EvidenceFile? file, ChatUser collectedBy, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Id = Guid.NewGuid();
        IncidentId = incident.Id;
        Scope = incident.Scope;
        Number = number;
        Description = Clip(description, MaxDescriptionLength);
        Sha256 = sha256?.ToLowerInvariant();
        Link = link;
        CollectedById = collectedBy.Id;
        CollectedByName = collectedBy.DisplayName;
        CollectedAt = now;
        HolderId = collectedBy.Id;
        HolderName = collectedBy.DisplayName;
        ConcurrencyStamp = Guid.NewGuid();
        if (file is not null)
        {
            FileName = Clip(file.FileName, MaxFileNameLength);
            FileSize = file.Size is >= 0 ? file.Size : null;
            ContentType = file.ContentType is { Length: > 0 } type ? Clip(type, MaxContentTypeLength) : null;
            SharedById = file.SharedBy?.Id;
            SharedByName = file.SharedBy?.DisplayName;
        }

        _custody.Add(new CustodyEntry(this, CustodyStep.Collected, collectedBy, now) { Note = Sha256 is null ? null : "Hash recorded at collection" });
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public TenantScope Scope { get; private set; }

    /// <summary>Sequential per incident: E1, E2…</summary>
    public int Number { get; private set; }

    public string Reference => FormatReference(Number);
    public string Description { get; private set; }
    public string? Sha256 { get; private set; }
    public string? Link { get; private set; }
    public string CollectedById { get; private set; }
    public string CollectedByName { get; private set; }
    public DateTime CollectedAt { get; private set; }

    /// <summary>Who holds the item now (the collector until it is handed over); null on items recorded before custody was tracked.</summary>
    public string? HolderId { get; private set; }

    public string? HolderName { get; private set; }

    /// <summary>Where the item is kept, as last recorded by `evidence stored`.</summary>
    public string? StoredAt { get; private set; }

    public EvidenceState State { get; private set; }

    /// <summary>Set when the item was superseded (by a better copy, a corrected description); it stays in the record, marked.</summary>
    public DateTime? SupersededAt { get; private set; }

    public string? SupersededReason { get; private set; }

    public string? FileName { get; private set; }

    /// <summary>The file's size in bytes, as the platform reported it.</summary>
    public long? FileSize { get; private set; }

    public string? ContentType { get; private set; }
    public string? SharedById { get; private set; }
    public string? SharedByName { get; private set; }

    /// <summary>Changes with every step, so two people taking a step with the same item at once cannot both win.</summary>
    public Guid ConcurrencyStamp { get; private set; }

    /// <summary>The chain of custody in the order it was recorded.</summary>
    public IReadOnlyList<CustodyEntry> Custody => _custody.OrderBy(c => c.Sequence).ToList();

    /// <summary>Who holds the item now.</summary>
    public ChatUser Holder => new(HolderId ?? CollectedById, HolderName ?? CollectedByName);

    /// <summary>True while it is in our custody: it can be stored, handed over, released, disposed of or superseded.</summary>
    public bool InCustody => State == EvidenceState.Held;

    public bool IsSuperseded => SupersededAt is not null;

    public static string FormatReference(int number) => $"E{number}";

    /// <summary>Where the item is now kept.</summary>
    public CustodyEntry Store(ChatUser by, string where, DateTime now)
    {
        EnsureInCustody();
        StoredAt = Clip(where, CustodyEntry.MaxTextLength);
        return Add(new CustodyEntry(this, CustodyStep.Stored, by, now) { Location = StoredAt });
    }

    /// <summary>The item passes from its holder to <paramref name="to"/>, for <paramref name="reason"/>.</summary>
    public CustodyEntry Transfer(ChatUser by, ChatUser to, string reason, DateTime now)
    {
        EnsureInCustody();
        var from = Holder;
        HolderId = to.Id;
        HolderName = to.DisplayName;
        return Add(new CustodyEntry(this, CustodyStep.Transferred, by, now)
        {
            FromId = from.Id,
            FromName = from.DisplayName,
            ToId = to.Id,
            ToName = to.DisplayName,
            Note = Clip(reason, CustodyEntry.MaxTextLength),
        });
    }

    /// <summary>
    /// A hash of the item as it is now, compared with the recorded one. With none recorded, this one becomes the item's
    /// hash. Allowed at any time, also after release or disposal.
    /// </summary>
    public CustodyEntry Verify(ChatUser by, string sha256, DateTime now)
    {
        var hash = sha256.ToLowerInvariant();
        VerificationResult result;
        if (Sha256 is null)
        {
            Sha256 = hash;
            result = VerificationResult.FirstHash;
        }
        else
        {
            result = string.Equals(Sha256, hash, StringComparison.Ordinal) ? VerificationResult.Match : VerificationResult.Mismatch;
        }

        return Add(new CustodyEntry(this, CustodyStep.Verified, by, now) { Sha256 = hash, Result = result });
    }

    /// <summary>The item leaves our custody: returned to its owner, handed to the police, and so on.</summary>
    public CustodyEntry Release(ChatUser by, string note, DateTime now)
    {
        EnsureInCustody();
        State = EvidenceState.Released;
        return Add(new CustodyEntry(this, CustodyStep.Released, by, now) { Note = Clip(note, CustodyEntry.MaxTextLength) });
    }

    /// <summary>The item is destroyed (wiped, shredded), and how.</summary>
    public CustodyEntry DisposeOf(ChatUser by, string note, DateTime now)
    {
        EnsureInCustody();
        State = EvidenceState.Disposed;
        return Add(new CustodyEntry(this, CustodyStep.Disposed, by, now) { Note = Clip(note, CustodyEntry.MaxTextLength) });
    }

    /// <summary>The item is replaced in the record (a better copy, a corrected description) and stays in it, marked.</summary>
    public CustodyEntry Supersede(ChatUser by, string reason, DateTime now)
    {
        EnsureInCustody();
        if (IsSuperseded)
        {
            throw new InvalidOperationException($"{Reference} is superseded already.");
        }

        SupersededAt = now;
        SupersededReason = Clip(reason, CustodyEntry.MaxTextLength);
        return Add(new CustodyEntry(this, CustodyStep.Superseded, by, now) { Note = SupersededReason });
    }

    private void EnsureInCustody()
    {
        if (!InCustody)
        {
            throw new InvalidOperationException($"{Reference} is {State.ToString().ToLowerInvariant()}; its custody has ended.");
        }
    }

    private CustodyEntry Add(CustodyEntry entry)
    {
        _custody.Add(entry);
        ConcurrencyStamp = Guid.NewGuid();
        return entry;
    }

    private static string Clip(string text, int max)
    {
        text = text.Trim();
        return text.Length > max ? text[..max] : text;
    }
}

/// <summary>What a step of the chain of custody did.</summary>
public enum CustodyStep
{
    Collected = 0,
    Stored = 1,
    Transferred = 2,
    Verified = 3,
    Released = 4,
    Disposed = 5,
    Superseded = 6,
}

/// <summary>What a verification found.</summary>
public enum VerificationResult
{
    None = 0,
    Match = 1,
    Mismatch = 2,

    /// <summary>No hash had been recorded; the one given became the item's hash.</summary>
    FirstHash = 3,
}

/// <summary>One step of an item's chain of custody: what was done, by whom, and who held the item after it.</summary>
public sealed class CustodyEntry
{
    public const int MaxTextLength = 1000;

    private CustodyEntry()
    {
        HolderId = string.Empty;
        HolderName = string.Empty;
        Action = string.Empty;
    }

    internal CustodyEntry(Evidence evidence, CustodyStep step, ChatUser by, DateTime at)
    {
        Id = Guid.NewGuid();
        EvidenceId = evidence.Id;
        Sequence = evidence.Custody.Count + 1;
        Step = step;
        var holder = step == CustodyStep.Collected ? by : evidence.Holder;
        HolderId = holder.Id;
        HolderName = holder.DisplayName;
        ById = by.Id;
        ByName = by.DisplayName;
        Action = step.Describe();
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid EvidenceId { get; private set; }

    /// <summary>The step's place in the item's chain (1 for its collection), so steps taken in the same second keep their order.</summary>
    public int Sequence { get; private set; }

    public CustodyStep Step { get; private set; }

    /// <summary>Who held the item when the step was recorded (for a hand-over, the one who took it).</summary>
    public string HolderId { get; private set; }

    public string HolderName { get; private set; }

    /// <summary>Who recorded the step; null on steps recorded before custody was tracked (the holder then recorded it).</summary>
    public string? ById { get; private set; }

    public string? ByName { get; private set; }

    /// <summary>The step in a few words ("Collected and recorded", "Handed over").</summary>
    public string Action { get; private set; }

    public string? FromId { get; init; }
    public string? FromName { get; init; }
    public string? ToId { get; init; }
    public string? ToName { get; init; }

    /// <summary>Where the item was stored.</summary>
    public string? Location { get; init; }

    /// <summary>Why, how or to whom: the reason of a hand-over, the manner of a disposal, the recipient of a release.</summary>
    public string? Note { get; init; }

    /// <summary>The hash given to a verification.</summary>
    public string? Sha256 { get; init; }

    public VerificationResult Result { get; init; }
    public DateTime At { get; private set; }

    /// <summary>The name of who recorded the step.</summary>
    public string RecordedBy => ByName ?? HolderName;

    /// <summary>The step in one line, without its time: "Handed from Alice to Olga by Alice: for imaging".</summary>
    public string Summary()
    {
        var what = Step switch
        {
            CustodyStep.Collected => $"Collected by {RecordedBy}",
            CustodyStep.Stored => $"Stored at {Location} by {RecordedBy}",
            CustodyStep.Transferred => $"Handed from {FromName} to {ToName} by {RecordedBy}",
            CustodyStep.Verified => $"Hash checked by {RecordedBy}: {Result.Describe()}",
            CustodyStep.Released => $"Released by {RecordedBy}",
            CustodyStep.Disposed => $"Disposed of by {RecordedBy}",
            CustodyStep.Superseded => $"Superseded by {RecordedBy}",
            _ => $"{Action} ({RecordedBy})",
        };
        return Note is { Length: > 0 } note && Step != CustodyStep.Collected ? $"{what}: {note}" : what;
    }
}

public static class CustodyWords
{
    /// <summary>The step in a few words.</summary>
    public static string Describe(this CustodyStep step) => step switch
    {
        CustodyStep.Collected => "Collected and recorded",
        CustodyStep.Stored => "Stored",
        CustodyStep.Transferred => "Handed over",
        CustodyStep.Verified => "Hash verified",
        CustodyStep.Released => "Released",
        CustodyStep.Disposed => "Disposed of",
        CustodyStep.Superseded => "Superseded",
        _ => step.ToString(),
    };

    public static string Describe(this VerificationResult result) => result switch
    {
        VerificationResult.Match => "match",
        VerificationResult.Mismatch => "MISMATCH",
        VerificationResult.FirstHash => "no hash was recorded; this one is now the item's hash",
        _ => "not checked",
    };

    /// <summary>"in custody", "released", "disposed of", with "superseded" when it is.</summary>
    public static string Describe(this Evidence item)
    {
        var state = item.State switch
        {
            EvidenceState.Released => "released",
            EvidenceState.Disposed => "disposed of",
            _ => "in custody",
        };
        return item.IsSuperseded ? $"{state}, superseded" : state;
    }
}
