using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Teams;

public enum CaptureOutcome
{
    Added = 0,
    AlreadyAdded = 1,
    NoOpenIncident = 2,
}

public sealed record CaptureResult(CaptureOutcome Outcome, string? IncidentReference);

/// <summary>
/// Copies a chat message into the open incident's timeline with its author and the time it was posted. The source
/// key (conversation + message id) is unique per incident, so copying the same message again adds nothing.
/// </summary>
/// <remarks>
/// This is a thin stand-in: Core has no chat-capture workflow in this tree yet. When one lands, this class should
/// call it instead of staging the entry itself.
/// </remarks>
public sealed class TeamsMessageCapture(IIncidentStore store, TimeProvider clock)
{
    public async Task<CaptureResult> CaptureAsync(string scope, string channelId, string sourceKey, ChatUser author, DateTime postedAtUtc, string text, CancellationToken cancellationToken)
    {
        if (await store.FindOpenIncidentAsync(scope, channelId, cancellationToken) is not { } incident)
        {
            return new CaptureResult(CaptureOutcome.NoOpenIncident, null);
        }

        var timeline = await store.GetTimelineAsync(scope, incident.Id, cancellationToken);
        if (timeline.Any(e => e.SourceKey == sourceKey))
        {
            return new CaptureResult(CaptureOutcome.AlreadyAdded, incident.Reference);
        }

        store.Add(new TimelineEntry(incident, TimelineEntryKind.ChatMessage, text, author, Platform.Teams, postedAtUtc, clock.GetUtcNow().UtcDateTime, sourceKey: sourceKey));
        try
        {
            await store.SaveChangesAsync(cancellationToken);
            return new CaptureResult(CaptureOutcome.Added, incident.Reference);
        }
        catch (StoreConflictException)
        {
            // Two copies of the same message at once: the unique index kept one.
            store.DiscardChanges();
            return new CaptureResult(CaptureOutcome.AlreadyAdded, incident.Reference);
        }
    }
}
