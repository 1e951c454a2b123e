using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Data.Tests;

/// <summary>Access grants on SQLite in-process and on a real PostgreSQL server: kept as recorded, numbered once per incident, audited by their reference.</summary>
public class AccessGrantStoreTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private static readonly ChatUser Alice = new("U0001", "alice");
    private static readonly ChatUser Bob = new("U0002", "bob");
    private static readonly CancellationToken None = CancellationToken.None;

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    private static async Task<Incident> DeclareAsync(StoreFixture fixture, string channel)
    {
        await using var unit = fixture.Begin();
        var number = await unit.Store.NextIncidentNumberAsync(TenantScope.Web, None);
        var (incident, entry) = Incident.Declare(TenantScope.Web, number, "Ransomware", 2, ExerciseKind.None, Platform.Web, channel, null, Alice, T0);
        unit.Store.Add(incident);
        unit.Store.Add(entry);
        await unit.Store.SaveChangesAsync(None);
        return incident;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_grant_and_its_revocation_come_back_as_recorded_with_an_audit_subject_naming_it(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var declared = await DeclareAsync(fixture, "war-room");
        await using (var unit = fixture.Begin())
        {
            var incident = (await unit.Store.FindIncidentByIdAsync(TenantScope.Web, declared.Id, None))!;
            var number = await unit.Store.NextAccessGrantNumberAsync(TenantScope.Web, incident.Id, None);
            unit.Store.Add(new AccessGrant(incident, number, Bob, "Domain Admin on CORP", T0.AddHours(8), Alice, T0));
            await unit.Store.SaveChangesAsync(None);
        }

        await using (var unit = fixture.Begin())
        {
            var incident = (await unit.Store.FindIncidentByIdAsync(TenantScope.Web, declared.Id, None))!;
            var grant = (await unit.Store.FindAccessGrantAsync(TenantScope.Web, incident.Id, 1, None))!;
            grant.Revoke(Alice, "removed from Domain Admins", T0.AddHours(3));
            await unit.Store.SaveChangesAsync(None);
        }

        await using var read = fixture.Begin();
        var kept = Assert.Single(await read.Store.GetAccessGrantsAsync(TenantScope.Web, declared.Id, None));
        Assert.Equal(("G1", "U0002", "bob", "Domain Admin on CORP"), (kept.Reference, kept.GranteeId, kept.GranteeName, kept.What));
        Assert.Equal((T0, T0.AddHours(8), T0.AddHours(3)), (kept.GrantedAt, kept.Until!.Value, kept.RevokedAt!.Value));
        Assert.Equal(DateTimeKind.Utc, kept.GrantedAt.Kind);
        Assert.Equal(("U0001", "removed from Domain Admins"), (kept.RevokedById, kept.RevokeNote));
        Assert.Equal(TimeSpan.FromHours(3), kept.OpenFor(T0.AddDays(5)));
        Assert.Equal(2, await read.Store.NextAccessGrantNumberAsync(TenantScope.Web, declared.Id, None));
        Assert.Empty(await read.Store.GetAccessGrantsAsync(TenantScope.Teams("other"), declared.Id, None));

        var audit = (await read.Audit.ForIncidentAsync(TenantScope.Web, declared.Id, None)).Where(r => r.Action.StartsWith("access-grant.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["access-grant.added", "access-grant.changed"], audit.Select(r => r.Action));
        Assert.All(audit, r => Assert.Equal("INC-0001/G1", r.Subject));
        Assert.Contains("removed from Domain Admins", audit[1].After);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_grants_recorded_at_once_cannot_share_a_number(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var declared = await DeclareAsync(fixture, "war-room");
        await using var first = fixture.Begin();
        await using var second = fixture.Begin();
        var one = (await first.Store.FindIncidentByIdAsync(TenantScope.Web, declared.Id, None))!;
        var other = (await second.Store.FindIncidentByIdAsync(TenantScope.Web, declared.Id, None))!;

        // Both read the next number before either saves, as two people typing at the same moment would.
        var numbers = await Task.WhenAll(
            first.Store.NextAccessGrantNumberAsync(TenantScope.Web, one.Id, None),
            second.Store.NextAccessGrantNumberAsync(TenantScope.Web, other.Id, None));
        Assert.Equal([1, 1], numbers);
        first.Store.Add(new AccessGrant(one, numbers[0], Bob, "Domain Admin on CORP", null, Alice, T0));
        second.Store.Add(new AccessGrant(other, numbers[1], Alice, "Firewall change rights", null, Bob, T0));

        var saves = new[] { first.Store.SaveChangesAsync(None), second.Store.SaveChangesAsync(None) };
        var refused = 0;
        foreach (var save in saves)
        {
            try
            {
                await save;
            }
            catch (StoreConflictException)
            {
                refused++;
            }
        }

        Assert.Equal(1, refused);

        // The refused one runs again on fresh state, as CommandService does, and gets the next number.
        await using (var retry = fixture.Begin())
        {
            var incident = (await retry.Store.FindIncidentByIdAsync(TenantScope.Web, declared.Id, None))!;
            retry.Store.Add(new AccessGrant(incident, await retry.Store.NextAccessGrantNumberAsync(TenantScope.Web, incident.Id, None), Alice, "Firewall change rights", null, Bob, T0));
            await retry.Store.SaveChangesAsync(None);
        }

        await using var read = fixture.Begin();
        Assert.Equal(["G1", "G2"], (await read.Store.GetAccessGrantsAsync(TenantScope.Web, declared.Id, None)).Select(g => g.Reference));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_reminder_finds_open_grants_of_ended_incidents_and_overdue_ones_of_open_incidents(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var ended = await DeclareAsync(fixture, "room-ended");
        var overdue = await DeclareAsync(fixture, "room-overdue");
        var fine = await DeclareAsync(fixture, "room-fine");
        var allRevoked = await DeclareAsync(fixture, "room-revoked");
        await using (var unit = fixture.Begin())
        {
            async Task<Incident> Load(Incident i) => (await unit.Store.FindIncidentByIdAsync(TenantScope.Web, i.Id, None))!;
            var e = await Load(ended);
            unit.Store.Add(new AccessGrant(e, 1, Bob, "VPN admin", null, Alice, T0));
            unit.Store.Add(e.Resolve(Alice, null, Platform.Web, T0.AddHours(1)));
            unit.Store.Add(new AccessGrant(await Load(overdue), 1, Bob, "Domain Admin", T0.AddHours(2), Alice, T0));
            unit.Store.Add(new AccessGrant(await Load(fine), 1, Bob, "Domain Admin", T0.AddDays(2), Alice, T0));
            var r = await Load(allRevoked);
            var revoked = new AccessGrant(r, 1, Bob, "Backup admin", null, Alice, T0);
            revoked.Revoke(Alice, null, T0.AddHours(1));
            unit.Store.Add(revoked);
            unit.Store.Add(r.Resolve(Alice, null, Platform.Web, T0.AddHours(1)));
            await unit.Store.SaveChangesAsync(None);
        }

        var followUps = fixture.Get<IServiceScopeFactory>().CreateScope().ServiceProvider.GetRequiredService<IFollowUpStore>();
        var due = await followUps.FindIncidentsWithAccessToRevokeAsync(T0.AddHours(3), None);
        Assert.Equal(new[] { ended.Id, overdue.Id }.Order(), due.Order());
        Assert.Equal("VPN admin", Assert.Single(await followUps.GetOpenAccessGrantsAsync(ended.Id, None)).What);
        Assert.Empty(await followUps.GetOpenAccessGrantsAsync(allRevoked.Id, None));
    }
}
