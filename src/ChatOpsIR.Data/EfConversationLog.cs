using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

internal sealed class EfConversationLog(ChatOpsDbContext db) : IConversationLog
{
    public async Task AppendAsync(IReadOnlyList<ConversationMessage> messages, CancellationToken cancellationToken)
    {
        // Added one by one so that identity values follow the order of the conversation.
        foreach (var message in messages)
        {
            db.ConversationMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ConversationMessage>> ReadAsync(TenantScope scope, string channelId, string userId, long afterId, int limit, CancellationToken cancellationToken)
    {
        var latest = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.Scope == scope && m.ChannelId == channelId && m.Id > afterId && (m.VisibleToUserId == null || m.VisibleToUserId == userId))
            .OrderByDescending(m => m.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        latest.Reverse();
        return latest;
    }

    public async Task<ChatUser?> FindAuthorAsync(TenantScope scope, string displayName, CancellationToken cancellationToken)
    {
        var name = displayName.Trim().ToLowerInvariant();
        var author = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.Scope == scope && !m.FromBot && m.AuthorName.ToLower() == name)
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.AuthorId, m.AuthorName })
            .FirstOrDefaultAsync(cancellationToken);
        return author is null ? null : new ChatUser(author.AuthorId, author.AuthorName);
    }

    public async Task<IReadOnlyList<ChannelSummary>> ListChannelsAsync(TenantScope scope, int limit, CancellationToken cancellationToken)
    {
        var fromMessages = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.Scope == scope)
            .GroupBy(m => m.ChannelId)
            .Select(g => new { ChannelId = g.Key, Last = g.Max(m => m.PostedAt) })
            .ToListAsync(cancellationToken);
        var open = await db.Incidents.AsNoTracking()
            .Where(i => i.Scope == scope && i.Status == IncidentStatus.Open)
            .Select(i => new { i.ChannelId, i.Number, i.Title, i.DeclaredAt })
            .ToListAsync(cancellationToken);

        return fromMessages.Select(m => m.ChannelId)
            .Union(open.Select(o => o.ChannelId))
            .Select(channel =>
            {
                var incident = open.FirstOrDefault(o => o.ChannelId == channel);
                var last = fromMessages.FirstOrDefault(m => m.ChannelId == channel)?.Last ?? incident!.DeclaredAt;
                var label = incident is null ? null : $"{Incident.FormatReference(incident.Number)} {incident.Title}";
                return new ChannelSummary(channel, last, label);
            })
            .OrderByDescending(c => c.LastActivityAt)
            .Take(limit)
            .ToList();
    }
}
