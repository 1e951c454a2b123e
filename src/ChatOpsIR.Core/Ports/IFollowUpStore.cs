using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>What the follow-up jobs read and the claims that keep each follow-up to one delivery. Jobs act across scopes; each record carries its own.</summary>
public interface IFollowUpStore
{
    /// <summary>Ids of open action items due on or before <paramref name="dueOnOrBefore"/>, in every scope.</summary>
    /// <summary>Also the open items handed over since <paramref name="handedOverSince"/>, whatever their due date.</summary>
    Task<IReadOnlyList<Guid>> FindOpenActionItemsDueByAsync(DateOnly dueOnOrBefore, DateTime handedOverSince, CancellationToken cancellationToken);

    Task<ActionItem?> FindActionItemAsync(Guid id, CancellationToken cancellationToken);

    Task<Incident?> FindIncidentAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Ids of incidents resolved in [<paramref name="resolvedFrom"/>, <paramref name="resolvedTo"/>] that have no post-mortem, in every scope.</summary>
    Task<IReadOnlyList<Guid>> FindResolvedWithoutPostMortemAsync(DateTime resolvedFrom, DateTime resolvedTo, CancellationToken cancellationToken);

    /// <summary>Incident ids of unpublished post-mortems last changed before <paramref name="updatedBefore"/> (and after <paramref name="updatedAfter"/>), in every scope.</summary>
    Task<IReadOnlyList<Guid>> FindIdlePostMortemsAsync(DateTime updatedAfter, DateTime updatedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Ids of incidents, in every scope, with access still to take back: an open grant of an incident no longer open, or
    /// one past its <see cref="AccessGrant.Until"/> at <paramref name="now"/>.
    /// </summary>
    Task<IReadOnlyList<Guid>> FindIncidentsWithAccessToRevokeAsync(DateTime now, CancellationToken cancellationToken);

    /// <summary>The grants of an incident not revoked yet, by number.</summary>
    Task<IReadOnlyList<AccessGrant>> GetOpenAccessGrantsAsync(Guid incidentId, CancellationToken cancellationToken);

    Task<PostMortems.PostMortem?> FindPostMortemAsync(Guid incidentId, CancellationToken cancellationToken);

    /// <summary>True when the follow-up was sent (or given up as unreachable), or is claimed since <paramref name="staleBefore"/>.</summary>
    Task<bool> IsClaimedAsync(Guid subjectId, string occurrence, DateTime staleBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Records the delivery as pending and saves it, or takes over a pending claim made before <paramref name="staleBefore"/>
    /// (by a host that died before it sent or marked it), in one statement, so only one run can take it. False when the
    /// follow-up was sent, or is claimed within its lease (by this host or another).
    /// </summary>
    Task<bool> TryClaimAsync(FollowUpDelivery delivery, DateTime staleBefore, CancellationToken cancellationToken);

    /// <summary>Marks a claim this run still holds as sent (or unreachable) at <paramref name="at"/>.</summary>
    Task MarkSentAsync(FollowUpDelivery claim, DateTime at, bool unreachable, CancellationToken cancellationToken);

    /// <summary>Forgets a claim whose message could not be sent, so a later run sends it (only while this run holds it).</summary>
    Task ReleaseAsync(FollowUpDelivery claim, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the delivery records that can no longer matter: claimed before <paramref name="claimedBefore"/>, or about
    /// an action item done, a plan review recorded or a post-mortem published before <paramref name="closedBefore"/>.
    /// Returns how many.
    /// </summary>
    Task<int> DeleteOldDeliveriesAsync(DateTime claimedBefore, DateTime closedBefore, CancellationToken cancellationToken);
}
