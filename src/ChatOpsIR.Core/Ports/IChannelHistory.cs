using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>A message read back from a channel's history, keyed like live capture so nothing is copied twice.</summary>
public sealed record HistoryMessage(string SourceKey, ChatUser Author, string Text, DateTime OccurredAt);

/// <summary>What a history read found, oldest first; <see cref="Truncated"/> when the limit stopped it before <c>to</c>.</summary>
public sealed record HistoryRead(IReadOnlyList<HistoryMessage> Messages, bool Truncated);

/// <summary>A channel's history cannot be read (the app lacks a permission, the channel is gone); the message says what to do.</summary>
public sealed class ChannelHistoryUnavailableException(string message) : Exception(message);

/// <summary>
/// Reads a channel's earlier messages (Slack conversations.history, Microsoft Graph channel messages). One per
/// platform; the bot's own messages and system notices are left out by the adapter.
/// </summary>
public interface IChannelHistory : IPlatformService
{
    /// <summary>What `backfill` answers at once, before the history has been read.</summary>
    string ReadingNotice => "Reading this channel's history… I will tell you what I copied into the timeline.";

    /// <summary>
    /// Messages posted in the context's channel between <paramref name="from"/> and <paramref name="to"/> (UTC), oldest
    /// first. When there are more than <paramref name="limit"/>, the oldest <paramref name="limit"/> are returned with
    /// Truncated set, so `backfill since &lt;the last one&gt;` continues where this read stopped.
    /// </summary>
    Task<HistoryRead> ReadAsync(CommandContext context, DateTime from, DateTime to, int limit, CancellationToken cancellationToken);
}
