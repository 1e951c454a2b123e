using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.FollowUps;

/// <summary>
/// One follow-up's delivery: one row per subject and occurrence, kept unique by the database. It is claimed as pending
/// before the message is sent and marked sent after, so a reminder is sent once — not twice by a retried job, a second
/// host or a restart, and not lost when a host dies between the claim and the send: a pending claim older than
/// <see cref="Lease"/> is taken over by a later run (atomically, by one host only) and sent then.
/// </summary>
/// <remarks>
/// What remains is a double send when a host dies (or loses the database) after the platform accepted the message and
/// before the mark is saved: the next run after the lease sends it again. Chat APIs offer no idempotency key for a post,
/// so at-least-once, with that window as small as one database write, is the honest guarantee.
/// </remarks>
public sealed class FollowUpDelivery
{
    public const int MaxOccurrenceLength = 120;

    /// <summary>
    /// How long a pending claim belongs to the host that made it. Longer than the slowest send (a platform call is tried
    /// up to four times and a Retry-After is honoured up to two minutes; a direct message takes two calls), so a slow
    /// host is not mistaken for a dead one; short enough that a lost reminder goes out within the quarter hour.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Delivery records are kept this long (then deleted by the daily clean-up). It outlives <see cref="MaxAge"/>, so a
    /// record is never gone while its follow-up could still come due and be sent a second time.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(400);

    /// <summary>A follow-up whose moment is further back than this is not sent any more (a newer one is, if any).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(365);

    private FollowUpDelivery()
    {
        Occurrence = string.Empty;
        RecipientId = string.Empty;
    }

    public FollowUpDelivery(TenantScope scope, Guid subjectId, string occurrence, string recipientId, DateTime claimedAt)
    {
        Id = Guid.NewGuid();
        ClaimToken = Guid.NewGuid();
        Scope = scope;
        SubjectId = subjectId;
        Occurrence = occurrence;
        RecipientId = recipientId;
        ClaimedAt = claimedAt;
    }

    public Guid Id { get; private set; }
    public TenantScope Scope { get; private set; }

    /// <summary>The action item (or other record) the follow-up is about.</summary>
    public Guid SubjectId { get; private set; }

    /// <summary>Which follow-up: "due:2026-12-01", "overdue:2026-12-01#2", "escalation:2026-12-01"…</summary>
    public string Occurrence { get; private set; }

    public string RecipientId { get; private set; }

    /// <summary>When the current claim was made (or taken over).</summary>
    public DateTime ClaimedAt { get; private set; }

    /// <summary>Who holds the claim: a host that took over a stale claim writes its own, so only it can mark or release it.</summary>
    public Guid ClaimToken { get; private set; }

    /// <summary>How many times the claim was taken over from a host that did not finish.</summary>
    public int TakeOvers { get; private set; }

    /// <summary>When the platform accepted the message, or when it was given up as unreachable; null while pending.</summary>
    public DateTime? SentAt { get; private set; }

    /// <summary>The recipient could not be reached (not installed, no chat with the bot); not tried again.</summary>
    public bool Unreachable { get; private set; }
}
