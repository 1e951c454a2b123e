using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

internal sealed class EfConversationAddressBook(ChatOpsDbContext db) : IConversationAddressBook
{
    public async Task SaveAsync(ConversationAddress address, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await db.ConversationAddresses.FirstOrDefaultAsync(
                a => a.Scope == address.Scope && a.Platform == address.Platform && a.ConversationId == address.ConversationId, cancellationToken);
            if (stored is null)
            {
                db.ConversationAddresses.Add(address);
            }
            else
            {
                stored.CopyFrom(address);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 3 && (ex is DbUpdateConcurrencyException || EfIncidentStore.IsUniqueViolation(ex)))
            {
                // Another host stored the same conversation at the same moment: refresh theirs instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    public Task<ConversationAddress?> FindAsync(string scope, Platform platform, string conversationId, CancellationToken cancellationToken) =>
        db.ConversationAddresses.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Scope == scope && a.Platform == platform && a.ConversationId == conversationId, cancellationToken);

    public Task<ConversationAddress?> FindPersonalAsync(string scope, Platform platform, string userId, string personalKind, CancellationToken cancellationToken) =>
        db.ConversationAddresses.AsNoTracking()
            .Where(a => a.Scope == scope && a.Platform == platform && a.UserId == userId && a.Kind == personalKind)
            .OrderByDescending(a => a.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
