using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>The message history of the web war room's channels.</summary>
public interface IConversationLog
{
    /// <summary>Appends messages in order and saves them.</summary>
    Task AppendAsync(IReadOnlyList<ConversationMessage> messages, CancellationToken cancellationToken);

    /// <summary>Messages after <paramref name="afterId"/> that <paramref name="userId"/> may see, oldest first, at most <paramref name="limit"/> (the latest ones when there are more).</summary>
    Task<IReadOnlyList<ConversationMessage>> ReadAsync(TenantScope scope, string channelId, string userId, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The person who last wrote in the scope's channels under <paramref name="displayName"/> (any case), or null: how a
    /// signed-in person is found by the name others mention them by.
    /// </summary>
    Task<ChatUser?> FindAuthorAsync(TenantScope scope, string displayName, CancellationToken cancellationToken);

    /// <summary>The channels that have messages or incidents, most recently active first.</summary>
    Task<IReadOnlyList<ChannelSummary>> ListChannelsAsync(TenantScope scope, int limit, CancellationToken cancellationToken);
}

public sealed record ChannelSummary(string ChannelId, DateTime LastActivityAt, string? OpenIncident);
