using System.Collections.Concurrent;

namespace ChatOpsIR.Teams.Conversations;

/// <summary>
/// What the bot needs to write into a conversation later, without an incoming activity (PROTOCOLS 2.4): where the
/// Connector for it lives, which conversation, in which tenant, and as which bot.
/// </summary>
public sealed record ConversationReference(
    string TenantId,
    string ConversationId,
    string? ConversationType,
    string ServiceUrl,
    string BotId,
    string? UserId,
    string? UserAadObjectId,
    string? TeamId,
    string? ChannelId,
    DateTimeOffset UpdatedAt);

/// <summary>
/// Where conversation references are kept. The default keeps them in memory (lost on restart, not shared between
/// hosts); a durable implementation belongs in the data layer and replaces this registration.
/// </summary>
public interface IConversationReferenceStore
{
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken);

    Task<ConversationReference?> FindAsync(string tenantId, string conversationId, CancellationToken cancellationToken);
}

public sealed class InMemoryConversationReferenceStore : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<(string Tenant, string Conversation), ConversationReference> _references = new();

    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        _references[(reference.TenantId, reference.ConversationId)] = reference;
        return Task.CompletedTask;
    }

    public Task<ConversationReference?> FindAsync(string tenantId, string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_references.TryGetValue((tenantId, conversationId), out var reference) ? reference : null);
}
