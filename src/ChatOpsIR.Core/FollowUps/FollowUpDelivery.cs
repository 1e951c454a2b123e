namespace ChatOpsIR.Core.FollowUps;

/// <summary>
/// A follow-up that has been sent (or is being sent): one row per subject and occurrence, kept unique by the database,
/// so a reminder is never sent twice — not by a retried job, not by a second host, not after a restart.
/// </summary>
public sealed class FollowUpDelivery
{
    public const int MaxOccurrenceLength = 120;

    private FollowUpDelivery()
    {
        Scope = string.Empty;
        Occurrence = string.Empty;
        RecipientId = string.Empty;
    }

    public FollowUpDelivery(string scope, Guid subjectId, string occurrence, string recipientId, DateTime claimedAt)
    {
        Id = Guid.NewGuid();
        Scope = scope;
        SubjectId = subjectId;
        Occurrence = occurrence;
        RecipientId = recipientId;
        ClaimedAt = claimedAt;
    }

    public Guid Id { get; private set; }
    public string Scope { get; private set; }

    /// <summary>The action item (or other record) the follow-up is about.</summary>
    public Guid SubjectId { get; private set; }

    /// <summary>Which follow-up: "due:2026-12-01", "overdue:2026-12-01#2", "escalation:2026-12-01"…</summary>
    public string Occurrence { get; private set; }

    public string RecipientId { get; private set; }
    public DateTime ClaimedAt { get; private set; }
}
