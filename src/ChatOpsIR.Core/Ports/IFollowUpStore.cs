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

    Task<PostMortems.PostMortem?> FindPostMortemAsync(Guid incidentId, CancellationToken cancellationToken);

    Task<bool> IsClaimedAsync(Guid subjectId, string occurrence, CancellationToken cancellationToken);

    /// <summary>Records the delivery and saves it. False when it was already recorded (by this host or another).</summary>
    Task<bool> TryClaimAsync(FollowUpDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Forgets a claim whose message could not be sent, so a later run sends it.</summary>
    Task ReleaseAsync(Guid deliveryId, CancellationToken cancellationToken);
}
