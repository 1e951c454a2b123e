using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.SlowWork;

/// <summary>
/// Decides which commands are slow work on this platform and stages them: `declare … new-channel` where the platform can
/// create channels (an <see cref="IWarRoomChannels"/> is registered for it; from a conversation that cannot have one, see
/// <see cref="CommandContext.CanOpenChannel"/>, the incident is declared there instead), `backfill` where it can read
/// history (an <see cref="IChannelHistory"/>). The item is saved with the command's answer, so what the platform was
/// told is never lost.
/// </summary>
public sealed class SlowWorkIntake(IIncidentStore store, IEnumerable<IWarRoomChannels> warRooms, IEnumerable<IChannelHistory> histories, TimeProvider clock)
{
    private readonly PlatformServices<IWarRoomChannels> _warRooms = new(warRooms);
    private readonly PlatformServices<IChannelHistory> _histories = new(histories);

    /// <summary>The staging workflow for <paramref name="command"/>, or null when it is not slow work here.</summary>
    public Func<(BotReply Reply, WorkItem Item)>? PlanFor(CommandContext context, Command command, string line)
    {
        if (context.ReplyAddress is not { Length: > 0 and <= WorkItem.MaxReplyAddressLength } address || line.Length > WorkItem.MaxLineLength)
        {
            return null;
        }

        switch (command)
        {
            case DeclareCommand { OpensChannel: true } declare when _warRooms.For(context.Platform) is not null:
                return context.CanOpenChannel
                    ? () => Stage(context, WorkKind.OpenWarRoom, line, address,
                        BotReply.Private($"Opening a war-room channel for “{declare.Title}”. I will post the incident there and tell this channel where it is."))
                    : () => Stage(context, WorkKind.DeclareHere, line, address,
                        BotReply.Private($"Declaring “{declare.Title}” here: no war-room channel can be opened from this conversation."));
            case BackfillCommand when _histories.For(context.Platform) is { } history:
                return () => Stage(context, WorkKind.Backfill, line, address, BotReply.Private(history.ReadingNotice));
            default:
                return null;
        }
    }

    private (BotReply, WorkItem) Stage(CommandContext context, WorkKind kind, string line, string address, BotReply reply)
    {
        var item = new WorkItem(context, kind, line, address, clock.GetUtcNow().UtcDateTime);
        store.Add(item);
        return (reply with { Staged = kind }, item);
    }
}
