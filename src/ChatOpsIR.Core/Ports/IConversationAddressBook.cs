using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>Durable conversation addresses, one per (scope, platform, conversation).</summary>
public interface IConversationAddressBook
{
    /// <summary>Adds the address or refreshes the stored one, and saves.</summary>
    Task SaveAsync(ConversationAddress address, CancellationToken cancellationToken);

    Task<ConversationAddress?> FindAsync(TenantScope scope, Platform platform, string conversationId, CancellationToken cancellationToken);

    /// <summary>The most recently used conversation of a scope on a platform (its endpoint and bot id open a 1:1 chat).</summary>
    Task<ConversationAddress?> FindLatestAsync(TenantScope scope, Platform platform, CancellationToken cancellationToken);

    /// <summary>The most recently used 1:1 conversation with a person, for direct messages.</summary>
    Task<ConversationAddress?> FindPersonalAsync(TenantScope scope, Platform platform, string userId, string personalKind, CancellationToken cancellationToken);
}
