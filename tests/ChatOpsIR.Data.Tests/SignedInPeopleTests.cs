using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Data.Tests;

/// <summary>The web war room's signed-in people on SQLite and PostgreSQL: one row per account, found by name or e-mail in any case, per scope.</summary>
public class SignedInPeopleTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private static readonly CancellationToken None = CancellationToken.None;

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_person_is_found_by_name_or_email_in_any_case_within_their_scope_only(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await using (var unit = fixture.Begin())
        {
            await unit.People.SaveAsync(new SignedInPerson(TenantScope.Web, "oid-bob", "Bob Stone", "Bob@Contoso.test", T0), None);
            await unit.People.SaveAsync(new SignedInPerson(TenantScope.Teams("contoso"), "oid-bob-2", "Bob Stone", "bob@contoso.test", T0), None);
        }

        await using var check = fixture.Begin();
        Assert.Equal("oid-bob", Assert.Single(await check.People.FindAsync(TenantScope.Web, "bob stone", 5, None)).UserId);
        Assert.Equal("oid-bob", Assert.Single(await check.People.FindAsync(TenantScope.Web, "BOB@contoso.test", 5, None)).UserId);
        Assert.Equal("oid-bob-2", Assert.Single(await check.People.FindAsync(TenantScope.Teams("contoso"), "Bob Stone", 5, None)).UserId);
        Assert.Empty(await check.People.FindAsync(TenantScope.Slack("T0001"), "Bob Stone", 5, None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Signing_in_again_keeps_one_row_with_the_latest_name(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await using (var unit = fixture.Begin())
        {
            await unit.People.SaveAsync(new SignedInPerson(TenantScope.Web, "oid-bob", "Bob", "bob@contoso.test", T0), None);
        }

        await using (var unit = fixture.Begin())
        {
            await unit.People.SaveAsync(new SignedInPerson(TenantScope.Web, "oid-bob", "Robert", "bob@contoso.test", T0.AddMinutes(5)), None);
        }

        await using var check = fixture.Begin();
        var bob = Assert.Single(await check.People.FindAsync(TenantScope.Web, "bob@contoso.test", 5, None));
        Assert.Equal(("Robert", T0.AddMinutes(5)), (bob.DisplayName, bob.LastSeenAt));
        Assert.Empty(await check.People.FindAsync(TenantScope.Web, "Bob", 5, None));
    }
}
