using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.FollowUps;

public enum FollowUpOutcome
{
    /// <summary>Sent now, by this run.</summary>
    Sent = 0,

    /// <summary>Sent already, or being sent by another run whose claim is within its lease.</summary>
    AlreadyHandled = 1,

    /// <summary>The recipient cannot be reached; recorded so it is not tried every minute.</summary>
    Unreachable = 2,
}

/// <summary>What became of a follow-up; <see cref="Reason"/> says why the recipient could not be reached.</summary>
public readonly record struct FollowUpResult(FollowUpOutcome Outcome, string? Reason = null);

/// <summary>
/// Claim as pending → send → mark sent, the way every follow-up is delivered (see <see cref="FollowUpDelivery"/>).
/// A failed send releases the claim so the job's retry (or the next sweep) sends it; a crash leaves it pending, and a
/// run after <see cref="FollowUpDelivery.Lease"/> takes it over.
/// </summary>
public sealed class FollowUpClaims(IFollowUpStore store, TimeProvider clock)
{
    /// <summary>Claims older than this (and still pending) may be taken over.</summary>
    public DateTime StaleBefore(DateTime now) => now - FollowUpDelivery.Lease;

    /// <summary>True when the follow-up was sent, or is held by a run within its lease: nothing to queue for it.</summary>
    public Task<bool> IsHandledAsync(Guid subjectId, string occurrence, CancellationToken cancellationToken) =>
        store.IsClaimedAsync(subjectId, occurrence, StaleBefore(clock.GetUtcNow().UtcDateTime), cancellationToken);

    public async Task<FollowUpResult> DeliverAsync(TenantScope scope, Guid subjectId, string occurrence, string recipientId, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // The look first only spares the database a refused insert; the claim itself is what guarantees once.
        var claim = new FollowUpDelivery(scope, subjectId, occurrence, recipientId, now);
        if (await store.IsClaimedAsync(subjectId, occurrence, StaleBefore(now), cancellationToken)
            || !await store.TryClaimAsync(claim, StaleBefore(now), cancellationToken))
        {
            return new(FollowUpOutcome.AlreadyHandled);
        }

        try
        {
            await send(cancellationToken);
        }
        catch (DirectMessageUnavailableException ex)
        {
            // Nothing a retry would change (not installed, no way to reach the person): settled, so it is not tried every minute.
            await store.MarkSentAsync(claim, clock.GetUtcNow().UtcDateTime, unreachable: true, CancellationToken.None);
            return new(FollowUpOutcome.Unreachable, ex.Message);
        }
        catch (Exception)
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }

        // A crash (or a lost database) between the send above and this mark is the one way a follow-up goes out twice:
        // the claim stays pending and is taken over after the lease.
        await store.MarkSentAsync(claim, clock.GetUtcNow().UtcDateTime, unreachable: false, CancellationToken.None);
        return new(FollowUpOutcome.Sent);
    }
}
