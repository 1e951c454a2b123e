using System.Security.Cryptography;
using System.Text;
using ChatOpsIR.Teams.Protocol;

namespace ChatOpsIR.Teams;

/// <summary>How Teams conversations and messages are named to Core: the channel an incident belongs to, and the dedupe and source keys of deliveries and messages.</summary>
public static class TeamsKeys
{
    private const int MaxKeyLength = 300;

    /// <summary>What dedupe and source keys of Teams start with (they are keys of messages, not Core scopes).</summary>
    private const string KeyPrefix = "teams";

    /// <summary>
    /// The channel an incident belongs to: the Teams channel for channel posts (all threads of a channel share its
    /// incident), else the chat, without any <c>;messageid=</c> thread suffix.
    /// </summary>
    public static string ChannelOf(Activity activity)
    {
        if (activity.Conversation?.ConversationType == "channel" && activity.ChannelData?.Channel?.Id is { Length: > 0 } channel)
        {
            return channel;
        }

        return ConversationRoot(activity.Conversation?.Id ?? string.Empty);
    }

    /// <summary>A conversation id without its <c>;messageid=</c> thread suffix.</summary>
    public static string ConversationRoot(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread >= 0 ? conversationId[..thread] : conversationId;
    }

    /// <summary>The dedupe key of one activity: Teams sends an activity again with the same id in the same conversation.</summary>
    public static string Delivery(string conversationId, string activityId) => Bounded($"{KeyPrefix}:{conversationId}:{activityId}");

    /// <summary>
    /// The timeline source key of a Teams message: the same for live capture, "Add to timeline" and backfill, so one
    /// message is never copied twice. <paramref name="channel"/> is <see cref="ChannelOf"/>; the message id is Teams' own.
    /// </summary>
    public static string Source(string channel, string messageId) => Bounded($"{KeyPrefix}:{channel}:{messageId}");

    /// <summary>Keeps a dedupe or source key within the stored length: long keys become a hash of themselves.</summary>
    private static string Bounded(string key) =>
        key.Length <= MaxKeyLength ? key : $"{KeyPrefix}:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
