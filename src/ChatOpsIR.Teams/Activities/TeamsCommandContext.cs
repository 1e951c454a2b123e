using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Teams.Activities;

/// <summary>What Core is told about a Teams turn: everything a command needs to know about who, where and how to answer later travels in the <see cref="CommandContext"/>.</summary>
public static class TeamsCommandContext
{
    /// <summary>
    /// The context of <paramref name="turn"/> (a message adds the people Teams identified in its line). A channel of a
    /// team can have a war-room channel opened beside it; a group chat or 1:1 chat belongs to no team, so it cannot.
    /// </summary>
    public static CommandContext For(TeamsTurn turn)
    {
        var activity = turn.Activity;
        var team = activity.ChannelData?.Team;
        var inChannel = turn.ConversationType == "channel";
        return new CommandContext(turn.Scope, Platform.Teams, turn.ChannelKey, new ChatUser(turn.UserId, turn.UserName))
        {
            ChannelName = activity.ChannelData?.Channel?.Name,
            DeliveryId = turn.ActivityId is { } id ? TeamsKeys.Delivery(turn.ConversationId, id) : null,
            ReplyAddress = new TeamsReplyAddress(
                turn.TenantId,
                turn.ServiceUrl,
                turn.ConversationId,
                turn.ActivityId,
                turn.BotId,
                turn.ConversationType,
                team?.AadGroupId is { Length: > 0 } group ? group : null,
                inChannel && team?.Id is { Length: > 0 } teamId ? teamId : null).Write(),
            CanOpenChannel = inChannel && (team?.AadGroupId is { Length: > 0 } || team?.Id is { Length: > 0 }),

            // Teams bots have no ephemeral replies: outside a 1:1 chat, everyone in the conversation reads the answer.
            SharedReplies = turn.ConversationType != "personal",
            TimeZone = turn.Zone,
            UserDirectoryId = Guid.TryParse(activity.From?.AadObjectId, out var objectId) ? objectId.ToString("D") : null,
        };
    }
}
