using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.SlowWork;

namespace ChatOpsIR.Core.Ports;

/// <summary>Work items stored by <see cref="IIncidentStore.Add(WorkItem)"/>, claimed and completed by the run that does them.</summary>
public interface IWorkItemStore
{
    Task<WorkItem?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Claims an unfinished item for one run (counting the attempt): true when it was free or its claim was older than
    /// <paramref name="staleBefore"/>. Two runs racing get one true.
    /// </summary>
    Task<bool> TryClaimAsync(Guid id, Guid claimToken, DateTime now, DateTime staleBefore, CancellationToken cancellationToken);

    /// <summary>Records the war-room channel created for the item, while the claim is held.</summary>
    Task RecordChannelAsync(Guid id, Guid claimToken, string channelId, string channelName, string? channelUrl, CancellationToken cancellationToken);

    Task CompleteAsync(Guid id, Guid claimToken, DateTime at, CancellationToken cancellationToken);

    /// <summary>Gives the claim back after a failed run, so a retry can take it at once.</summary>
    Task ReleaseAsync(Guid id, Guid claimToken, CancellationToken cancellationToken);

    /// <summary>Unfinished items nobody holds (or whose claim went stale), with fewer than <paramref name="maxAttempts"/> tries.</summary>
    Task<IReadOnlyList<Guid>> FindDueAsync(DateTime staleBefore, int maxAttempts, int limit, CancellationToken cancellationToken);
}

/// <summary>Runs a stored work item in the background, on whichever host picks it up (Hangfire behind this port).</summary>
public interface IWorkScheduler
{
    Task EnqueueWorkAsync(Guid workItemId, CancellationToken cancellationToken);
}

/// <summary>
/// A war-room channel as the platform knows it. <see cref="Label"/> names it in a sentence ("channel #inc-…");
/// <see cref="Note"/> says why the room is of another kind than asked for (a group chat where no private channel could be made).
/// </summary>
public sealed record WarRoomChannel(string Id, string Name, string Label, string? Url = null)
{
    public string? Note { get; init; }
}

/// <summary>
/// The platform refused to open the war room; the message says why, in the platform's words, for the requester.
/// <see cref="DeclareHere"/>: a channel cannot be opened from where the command came, so the incident is declared there.
/// </summary>
public sealed class WarRoomUnavailableException(string message, bool declareHere = false, Exception? inner = null) : Exception(message, inner)
{
    public bool DeclareHere { get; } = declareHere;
}

/// <summary>
/// The platform's part of opening a war room (`declare … new-channel`); the flow itself is Core's
/// (<see cref="WarRoomWorkflow"/>). One per platform that can create channels; its presence is what lets the command stage
/// the work. Every member may throw <see cref="WarRoomUnavailableException"/> with a message for the requester.
/// </summary>
public interface IWarRoomChannels : IPlatformService
{
    /// <summary>
    /// Creates the war-room channel; <paramref name="isPrivate"/> for a private incident (only invited people may enter).
    /// A platform that cannot make a private one refuses with <see cref="WarRoomUnavailableException"/> rather than open
    /// a channel others can read.
    /// </summary>
    Task<WarRoomChannel> CreateChannelAsync(WorkItem item, string title, bool isPrivate, CancellationToken cancellationToken);

    /// <summary>A channel created before (by an earlier run of the same item), as <see cref="CreateChannelAsync"/> would describe it.</summary>
    WarRoomChannel Describe(string id, string name, string? url, bool isPrivate);

    /// <summary>Adds the declarer to the channel (a no-op where the platform adds members otherwise).</summary>
    Task InviteAsync(WorkItem item, WarRoomChannel channel, CancellationToken cancellationToken);

    /// <summary>Posts the incident's card in the channel and pins it where the platform pins.</summary>
    Task PostIncidentAsync(WorkItem item, WarRoomChannel channel, BotReply declared, CancellationToken cancellationToken);

    /// <summary>Tells the conversation the command came from where the war room is.</summary>
    Task TellOpenedAsync(WorkItem item, WarRoomChannel channel, string title, BotReply declared, CancellationToken cancellationToken);
}

/// <summary>Answers a command later, at the reply address its adapter gave (the answer to a backfill, a war room's problems).</summary>
public interface IDeferredReply : IPlatformService
{
    Task SendAsync(string replyAddress, BotReply reply, CancellationToken cancellationToken);
}
