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

    /// <summary>The channel's incident is private and whoever chose the message is not in it.</summary>
    Private = 4,
}

/// <summary>What happened to a captured message, and the incident it went to (null without an open incident).</summary>
public sealed record CaptureResult(CaptureOutcome Outcome, string? IncidentReference)
{
    /// <summary>True when the message went to a resolved incident, as a correction made during its post-mortem.</summary>
    public bool AfterResolve { get; init; }
}

/// <summary>
/// Copies a chat message into the open incident's timeline with its original author and time (a Slack shortcut
/// or pin reaction, a Teams message action). The platform's message id is the entry's source key, so a retried
/// delivery or a second pin adds nothing. Someone outside a private incident can neither add to it on purpose nor
/// learn its reference by trying.
/// </summary>
public sealed class TimelineCapture(IIncidentStore store, Access.IncidentPermissions permissions, Audit.AuditActor actor, TimeProvider clock)
{
    /// <summary>A message seen in a channel: copied only when the open incident captures chat.</summary>
    public Task<CaptureResult> CaptureChatAsync(TenantScope scope, Platform platform, string channelId, ChatUser author, string text, DateTime? occurredAt, string sourceKey, CancellationToken cancellationToken) =>
        CopyAsync(scope, platform, channelId, author, text, occurredAt, sourceKey, chosenBy: null, cancellationToken);

    /// <summary>A message <paramref name="chosenBy"/> chose to copy (shortcut, pin reaction, message action) in their channel.</summary>
    public Task<CaptureResult> CaptureAsync(CommandContext chosenBy, ChatUser author, string text, DateTime? occurredAt, string sourceKey, CancellationToken cancellationToken) =>
        CopyAsync(chosenBy.Scope, chosenBy.Platform, chosenBy.ChannelId, author, text, occurredAt, sourceKey, chosenBy, cancellationToken);

    private async Task<CaptureResult> CopyAsync(
        TenantScope scope,
        Platform platform,
        string channelId,
        ChatUser author,
        string text,
        DateTime? occurredAt,
        string sourceKey,
        CommandContext? chosenBy,
        CancellationToken cancellationToken)
    {
        var onlyWhenCapturing = chosenBy is null;
        // Chat capture stops at resolve; a message added on purpose (a pin, a shortcut) still corrects the record until it is closed.
        var incident = onlyWhenCapturing
            ? await store.FindOpenIncidentAsync(scope, channelId, cancellationToken)
            : await store.FindCurrentIncidentAsync(scope, channelId, cancellationToken);
        if (incident is null)
        {
            return new(CaptureOutcome.NoOpenIncident, null);
        }

        if (chosenBy is not null && incident.IsPrivate && !await permissions.CanSeeAsync(chosenBy, incident, cancellationToken))
        {
            return new(CaptureOutcome.Private, null);
        }

        if (onlyWhenCapturing && !incident.CaptureChat)
        {
            return new(CaptureOutcome.CaptureOff, incident.Reference);
        }

        // A message copied on purpose is the chooser's doing; one captured as it was said, its author's.
        actor.Set(chosenBy?.User ?? author, platform);

        // A message whose own time is unknown happened when it reached us.
        var now = clock.GetUtcNow().UtcDateTime;
        store.Add(incident.AddChatMessage(author, text, platform, occurredAt ?? now, now, sourceKey));
        try
        {
            await store.SaveChangesAsync(cancellationToken);
            return new(CaptureOutcome.Added, incident.Reference) { AfterResolve = !incident.IsOpen };
        }
        catch (StoreConflictException)
        {
            store.DiscardChanges();
            return new(CaptureOutcome.AlreadyThere, incident.Reference);
        }
    }

    public static BotReply Describe(CaptureResult result) => result.Outcome switch
    {
        CaptureOutcome.Added => BotReply.Private($"Added to the {result.IncidentReference} timeline, with the message's author and time{(result.AfterResolve ? TimelineEntry.AfterResolveNote : string.Empty)}."),
        CaptureOutcome.AlreadyThere => BotReply.Private($"That message is already in the {result.IncidentReference} timeline."),
        CaptureOutcome.CaptureOff => BotReply.Private($"Chat capture is off for {result.IncidentReference}."),
        CaptureOutcome.Private => BotReply.Error(IncidentLookup.PrivateChannel),
        _ => BotReply.Error("There is no incident in this channel whose timeline can still change, so there is nothing to add to. Declare one first."),
    };
}
