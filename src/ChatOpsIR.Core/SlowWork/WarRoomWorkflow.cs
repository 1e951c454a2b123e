using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.SlowWork;

/// <summary>
/// `declare … new-channel`, once for every platform: create the channel (or reuse the one a previous run created), invite
/// the declarer, declare the incident there (once, however often this runs: the delivery id is the work item's), post
/// and pin its card, and tell the channel the command came from where the war room is. The platform's part sits behind
/// <see cref="IWarRoomChannels"/>; problems go back to the requester through <see cref="IDeferredReply"/>.
/// </summary>
public sealed class WarRoomWorkflow(IWorkItemStore items, CommandService commands, IEnumerable<IWarRoomChannels> platforms, IEnumerable<IDeferredReply> replies)
{
    private readonly PlatformServices<IWarRoomChannels> _platforms = new(platforms);
    private readonly PlatformServices<IDeferredReply> _replies = new(replies);

    /// <summary>
    /// Said beside an incident declared with new-channel where no channel can be opened
    /// (<see cref="CommandContext.CanOpenChannel"/> false; only Teams chats say so).
    /// </summary>
    public const string NoChannelHereNote =
        "A group chat or a 1:1 chat has no team to add a channel to, so the incident lives in this chat. To get a separate war-room channel, declare with new-channel in a channel of a team that has ChatOpsIR.";

    public static string DeliveryId(Guid workItemId) => $"work:{workItemId:N}";

    public async Task OpenAsync(WorkItem item, Guid claim, CancellationToken cancellationToken)
    {
        var platform = _platforms.For(item.Platform)
            ?? throw new InvalidOperationException($"No war-room channels are registered for {item.Platform}.");
        var reply = ReplyFor(item);
        if (await ReadDeclareAsync(item, reply, cancellationToken) is not { } declare)
        {
            return;
        }

        WarRoomChannel channel;
        if (item.CreatedChannelId is { } createdId)
        {
            channel = platform.Describe(createdId, item.CreatedChannelName ?? createdId, item.CreatedChannelUrl, declare.Private);
        }
        else
        {
            try
            {
                channel = await platform.CreateChannelAsync(item, declare.Title, declare.Private, cancellationToken);
            }
            catch (WarRoomUnavailableException ex) when (ex.DeclareHere)
            {
                await DeclareHereAsync(item, declare, ex.Message, reply, cancellationToken);
                return;
            }
            catch (WarRoomUnavailableException ex)
            {
                await reply.SendAsync(item.ReplyAddress, BotReply.Error(ex.Message), cancellationToken);
                return;
            }

            // Recorded before anything else, so a run after a crash finds the channel instead of creating a second one.
            await items.RecordChannelAsync(item.Id, claim, channel.Id, channel.Name, channel.Url, cancellationToken);
        }

        await platform.InviteAsync(item, channel, cancellationToken);

        var context = item.Context() with { ChannelId = channel.Id, ChannelName = channel.Name, DeliveryId = DeliveryId(item.Id) };
        var declared = await commands.ExecuteAsync(context, item.Line, cancellationToken);
        if (declared.IsError)
        {
            await reply.SendAsync(item.ReplyAddress, BotReply.Error($"The {channel.Label} was created, but the incident could not be declared there: {declared.Text}"), cancellationToken);
            return;
        }

        try
        {
            await platform.PostIncidentAsync(item, channel, declared, cancellationToken);
        }
        catch (WarRoomUnavailableException ex)
        {
            await reply.SendAsync(item.ReplyAddress, BotReply.Error(ex.Message), cancellationToken);
            return;
        }

        if (declare.Private)
        {
            // Nothing of a private incident is said where it came from: only the declarer hears where its room is.
            var note = channel.Note is { } why ? $" {why}" : string.Empty;
            await reply.SendAsync(item.ReplyAddress, BotReply.Private($"Your private {channel.Label} is open and you are in it. Only the people you `invite` there see the incident.{note}"), cancellationToken);
            return;
        }

        await platform.TellOpenedAsync(item, channel, declare.Title, declared, cancellationToken);
    }

    /// <summary>`declare … new-channel` from a conversation no channel can be opened from (<see cref="WorkKind.DeclareHere"/>).</summary>
    public async Task DeclareHereAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var reply = ReplyFor(item);
        if (await ReadDeclareAsync(item, reply, cancellationToken) is { } declare)
        {
            await DeclareHereAsync(item, declare, NoChannelHereNote, reply, cancellationToken);
        }
    }

    private IDeferredReply ReplyFor(WorkItem item) =>
        _replies.For(item.Platform)
        ?? throw new InvalidOperationException($"No deferred reply is registered for {item.Platform}.");

    /// <summary>The item's declare command, or null once the requester was told it could not be read.</summary>
    private static async Task<DeclareCommand?> ReadDeclareAsync(WorkItem item, IDeferredReply reply, CancellationToken cancellationToken)
    {
        if (CommandParser.Parse(item.Line).Command is DeclareCommand declare)
        {
            return declare;
        }

        await reply.SendAsync(item.ReplyAddress, BotReply.Error("That declare command could not be read again; type it once more."), cancellationToken);
        return null;
    }

    /// <summary>
    /// No channel can be opened from where the command came: the incident is declared there instead (an incident must
    /// not wait on a war room), with a note saying why there is no war room.
    /// </summary>
    private async Task DeclareHereAsync(WorkItem item, DeclareCommand declare, string problem, IDeferredReply reply, CancellationToken cancellationToken)
    {
        var declared = await commands.ExecuteAsync(item.Context() with { DeliveryId = DeliveryId(item.Id) }, declare.WithoutNewChannel(), cancellationToken);
        if (!declared.Replayed)
        {
            await reply.SendAsync(item.ReplyAddress, declared, cancellationToken);
        }

        if (!declared.IsError)
        {
            await reply.SendAsync(item.ReplyAddress, BotReply.Private(problem), cancellationToken);
        }
    }
}
