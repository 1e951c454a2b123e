namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// Access handed to a responder during an incident (an admin role, a break-glass account, a firewall exception), kept
/// until someone records that it was taken back. Least privilege (CSA CCM SEF-01) asks that broad access given for an
/// incident is revoked promptly afterwards; an open grant is what reminds people of it.
/// </summary>
public sealed class AccessGrant
{
    public const int MaxWhatLength = 300;
    public const int MaxNoteLength = 500;

    private AccessGrant()
    {
        GranteeId = string.Empty;
        GranteeName = string.Empty;
        What = string.Empty;
        GrantedById = string.Empty;
        GrantedByName = string.Empty;
    }

    public AccessGrant(Incident incident, int number, ChatUser grantee, string what, DateTime? until, ChatUser grantedBy, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        Id = Guid.NewGuid();
        IncidentId = incident.Id;
        Scope = incident.Scope;
        Number = number;
        GranteeId = grantee.Id;
        GranteeName = grantee.DisplayName;
        What = Clip(what, MaxWhatLength);
        GrantedById = grantedBy.Id;
        GrantedByName = grantedBy.DisplayName;
        GrantedAt = now;
        Until = until;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public TenantScope Scope { get; private set; }

    /// <summary>Sequential per incident: G1, G2…</summary>
    public int Number { get; private set; }

    public string Reference => $"G{Number}";
    public string GranteeId { get; private set; }
    public string GranteeName { get; private set; }

    /// <summary>What was granted, as the person typed it ("Domain Admin on CORP").</summary>
    public string What { get; private set; }

    public string GrantedById { get; private set; }
    public string GrantedByName { get; private set; }
    public DateTime GrantedAt { get; private set; }

    /// <summary>When the access was meant to end, if anyone said; past it, an open grant is overdue.</summary>
    public DateTime? Until { get; private set; }

    public DateTime? RevokedAt { get; private set; }
    public string? RevokedById { get; private set; }
    public string? RevokedByName { get; private set; }
    public string? RevokeNote { get; private set; }

    public bool IsOpen => RevokedAt is null;

    /// <summary>Still open after the moment it was meant to end.</summary>
    public bool IsOverdue(DateTime now) => IsOpen && Until is { } until && until < now;

    /// <summary>How long the access was (or has been, while open) in place.</summary>
    public TimeSpan OpenFor(DateTime now) => (RevokedAt ?? now) - GrantedAt;

    public void Revoke(ChatUser by, string? note, DateTime now)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"{Reference} is already revoked.");
        }

        RevokedAt = now;
        RevokedById = by.Id;
        RevokedByName = by.DisplayName;
        RevokeNote = string.IsNullOrWhiteSpace(note) ? null : Clip(note, MaxNoteLength);
    }

    private static string Clip(string text, int length)
    {
        text = text.Trim();
        return text.Length > length ? text[..length] : text;
    }
}
