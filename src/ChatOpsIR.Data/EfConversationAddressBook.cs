using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

internal sealed class EfConversationAddressBook(ChatOpsDbContext db) : IConversationAddressBook
{
    /// <summary>How often an unchanged conversation's last-seen time is written; every activity refreshes the address.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(1);

    public Task SaveAsync(ConversationAddress address, CancellationToken cancellationToken) =>
        UniqueRows.SaveAsync(
            db,
            db.ConversationAddresses.Where(a => a.Scope == address.Scope && a.Platform == address.Platform && a.ConversationId == address.ConversationId),
            address,
            stored => stored.Refresh(address, RefreshEvery),
            cancellationToken);

    public Task<ConversationAddress?> FindAsync(TenantScope scope, Platform platform, string conversationId, CancellationToken cancellationToken) =>
        db.ConversationAddresses.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Scope == scope && a.Platform == platform && a.ConversationId == conversationId, cancellationToken);

    public Task<ConversationAddress?> FindLatestAsync(TenantScope scope, Platform platform, CancellationToken cancellationToken) =>
        db.ConversationAddresses.AsNoTracking()
            .Where(a => a.Scope == scope && a.Platform == platform && a.ServiceEndpoint != null && a.BotId != null)
            .OrderByDescending(a => a.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<ConversationAddress?> FindPersonalAsync(TenantScope scope, Platform platform, string userId, string personalKind, CancellationToken cancellationToken) =>
        db.ConversationAddresses.AsNoTracking()
            .Where(a => a.Scope == scope && a.Platform == platform && a.UserId == userId && a.Kind == personalKind)
            .OrderByDescending(a => a.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
