using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Workflows;

public enum CaptureOutcome
{
    Added = 0,
    AlreadyThere = 1,
    NoOpenIncident = 2,
    CaptureOff = 3,
}

/// <summary>What happened to a captured message, and the incident it went to (null without an open incident).</summary>
public sealed record CaptureResult(CaptureOutcome Outcome, string? IncidentReference);

/// <summary>
/// Copies a chat message into the open incident's timeline with its original author and time (a Slack shortcut
/// or pin reaction, a Teams message action). The platform's message id is the entry's source key, so a retried
/// delivery or a second pin adds nothing.
/// </summary>
public sealed class TimelineCapture(IIncidentStore store, TimeProvider clock)
{
    /// <summary>A message seen in a channel: copied only when the open incident captures chat.</summary>
    public Task<CaptureResult> CaptureChatAsync(string scope, Platform platform, string channelId, ChatUser author, string text, DateTime occurredAt, string sourceKey, CancellationToken cancellationToken) =>
        CopyAsync(scope, platform, channelId, author, text, occurredAt, sourceKey, onlyWhenCapturing: true, cancellationToken);

    /// <summary>A message someone chose to copy (shortcut, pin reaction, message action).</summary>
    public Task<CaptureResult> CaptureAsync(string scope, Platform platform, string channelId, ChatUser author, string text, DateTime occurredAt, string sourceKey, CancellationToken cancellationToken) =>
        CopyAsync(scope, platform, channelId, author, text, occurredAt, sourceKey, onlyWhenCapturing: false, cancellationToken);

    private async Task<CaptureResult> CopyAsync(
        string scope,
        Platform platform,
        string channelId,
        ChatUser author,
        string text,
        DateTime occurredAt,
        string sourceKey,
        bool onlyWhenCapturing,
        CancellationToken cancellationToken)
    {
        if (await store.FindOpenIncidentAsync(scope, channelId, cancellationToken) is not { } incident)
        {
            return new(CaptureOutcome.NoOpenIncident, null);
        }

        if (onlyWhenCapturing && !incident.CaptureChat)
        {
            return new(CaptureOutcome.CaptureOff, incident.Reference);
        }

        store.Add(incident.AddChatMessage(author, text, platform, occurredAt, clock.GetUtcNow().UtcDateTime, sourceKey));
        try
        {
            await store.SaveChangesAsync(cancellationToken);
            return new(CaptureOutcome.Added, incident.Reference);
        }
        catch (StoreConflictException)
        {
            store.DiscardChanges();
            return new(CaptureOutcome.AlreadyThere, incident.Reference);
        }
    }

    public static BotReply Describe(CaptureResult result) => result.Outcome switch
    {
        CaptureOutcome.Added => BotReply.Private($"Added to the {result.IncidentReference} timeline, with the message's author and time."),
        CaptureOutcome.AlreadyThere => BotReply.Private($"That message is already in the {result.IncidentReference} timeline."),
        CaptureOutcome.CaptureOff => BotReply.Private($"Chat capture is off for {result.IncidentReference}."),
        _ => BotReply.Error("There is no open incident in this channel, so there is no timeline to add to. Declare one first."),
    };
}
