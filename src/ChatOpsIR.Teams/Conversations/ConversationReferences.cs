using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

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

/// <summary>Where conversation references are kept.</summary>
public interface IConversationReferenceStore
{
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken);

    Task<ConversationReference?> FindAsync(string tenantId, string conversationId, CancellationToken cancellationToken);

    /// <summary>The bot's 1:1 chat with a person (by their Teams id), for direct messages such as reminders.</summary>
    Task<ConversationReference?> FindPersonalAsync(string tenantId, string userId, CancellationToken cancellationToken);

    /// <summary>The tenant's most recently used conversation, whose serviceUrl and bot id can open a 1:1 chat.</summary>
    Task<ConversationReference?> FindLatestAsync(string tenantId, CancellationToken cancellationToken);
}

/// <summary>
/// Conversation references in the database (Core's address book), so they survive restarts and every host sees them;
/// one that says nothing new since this process saved it is not written again (<see cref="ConversationReferenceCache"/>).
/// </summary>
public sealed class StoredConversationReferenceStore(IConversationAddressBook addresses, ConversationReferenceCache saved) : IConversationReferenceStore
{
    public const string PersonalKind = "personal";

    public async Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        if (!saved.NeedsSaving(reference))
        {
            return;
        }

        await addresses.SaveAsync(
            new ConversationAddress(TenantScope.Teams(reference.TenantId), Platform.Teams, reference.ConversationId, reference.UpdatedAt.UtcDateTime)
            {
                Kind = reference.ConversationType,
                ServiceEndpoint = reference.ServiceUrl,
                BotId = reference.BotId,
                UserId = reference.UserId,
                UserDirectoryId = reference.UserAadObjectId,
                TeamId = reference.TeamId,
                ChannelId = reference.ChannelId,
            },
            cancellationToken);
        saved.Saved(reference);
    }

    public async Task<ConversationReference?> FindAsync(string tenantId, string conversationId, CancellationToken cancellationToken) =>
        ToReference(tenantId, await addresses.FindAsync(TenantScope.Teams(tenantId), Platform.Teams, conversationId, cancellationToken));

    public async Task<ConversationReference?> FindPersonalAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        ToReference(tenantId, await addresses.FindPersonalAsync(TenantScope.Teams(tenantId), Platform.Teams, userId, PersonalKind, cancellationToken));

    public async Task<ConversationReference?> FindLatestAsync(string tenantId, CancellationToken cancellationToken) =>
        ToReference(tenantId, await addresses.FindLatestAsync(TenantScope.Teams(tenantId), Platform.Teams, cancellationToken));

    private static ConversationReference? ToReference(string tenantId, ConversationAddress? address) =>
        address is null || address.ServiceEndpoint is null || address.BotId is null
            ? null
            : new ConversationReference(
                tenantId,
                address.ConversationId,
                address.Kind,
                address.ServiceEndpoint,
                address.BotId,
                address.UserId,
                address.UserDirectoryId,
                address.TeamId,
                address.ChannelId,
                new DateTimeOffset(address.UpdatedAt, TimeSpan.Zero));
}
