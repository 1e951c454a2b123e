using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Workflows;

public enum CaptureOutcome
{
    Added = 0,
    AlreadyThere = 1,
    NoOpenIncident = 2,
}

/// <summary>
/// Copies a chat message into the open incident's timeline with its original author and time (a Slack shortcut
/// or pin reaction, a Teams message action). The platform's message id is the entry's source key, so a retried
/// delivery or a second pin adds nothing.
/// </summary>
public sealed class TimelineCapture(IIncidentStore store, TimeProvider clock)
{
    public async Task<CaptureOutcome> CaptureAsync(
        string scope,
        Platform platform,
        string channelId,
        ChatUser author,
        string text,
        DateTime occurredAt,
        string sourceKey,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            text = "(message without text)";
        }

        if (await store.FindOpenIncidentAsync(scope, channelId, cancellationToken) is not { } incident)
        {
            return CaptureOutcome.NoOpenIncident;
        }

        store.Add(incident.AddChatMessage(author, text, platform, occurredAt, clock.GetUtcNow().UtcDateTime, sourceKey));
        try
        {
            await store.SaveChangesAsync(cancellationToken);
            return CaptureOutcome.Added;
        }
        catch (StoreConflictException)
        {
            store.DiscardChanges();
            return CaptureOutcome.AlreadyThere;
        }
    }

    public static BotReply Describe(CaptureOutcome outcome) => outcome switch
    {
        CaptureOutcome.Added => BotReply.Private("Added to the incident timeline, with the message's author and time."),
        CaptureOutcome.AlreadyThere => BotReply.Private("That message is already in the timeline."),
        _ => BotReply.Error("There is no open incident in this channel, so there is no timeline to add to. Declare one first."),
    };
}
