using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIR.Data;

internal sealed class EfSignedInPeople(ChatOpsDbContext db) : ISignedInPeople
{
    /// <summary>How often an unchanged person's last-seen time is written; a new name or e-mail is written at once.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(1);

    public Task SaveAsync(SignedInPerson person, CancellationToken cancellationToken)
    {
        var seen = WebPersonRecord.From(person);
        return UniqueRows.SaveAsync(
            db,
            db.WebPeople.Where(p => p.Scope == person.Scope && p.UserId == person.UserId),
            seen,
            stored => stored.Refresh(seen, RefreshEvery),
            cancellationToken);
    }

    public async Task<IReadOnlyList<SignedInPerson>> FindAsync(TenantScope scope, string nameOrEmail, int limit, CancellationToken cancellationToken)
    {
        var key = WebPersonRecord.Key(nameOrEmail);
        var found = await db.WebPeople.AsNoTracking()
            .Where(p => p.Scope == scope && (p.NameKey == key || p.EmailKey == key))
            .OrderByDescending(p => p.LastSeenAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return found.Select(p => p.ToPerson()).ToList();
    }
}
