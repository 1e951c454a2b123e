using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Data.Tests;

/// <summary>An item of evidence and its chain of custody come back from SQLite and PostgreSQL exactly as they were recorded.</summary>
public class EvidenceStoreTests
{
    private static readonly DateTime T0 = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ChatUser Alice = new("U0001", "Alice");
    private static readonly ChatUser Olga = new("U0002", "Olga");
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string Hash = new('d', 64);

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    /// <summary>INC-0001 declared by Alice in the web war room, with E1 recorded by her.</summary>
    private static async Task RecordAsync(StoreFixture fixture, EvidenceFile? file)
    {
        await using var unit = fixture.Begin();
        var (incident, entry) = Incident.Declare(TenantScope.Web, 1, "Laptop theft", 2, ExerciseKind.None, Platform.Web, "war-room", null, Alice, T0);
        unit.Store.Add(incident);
        unit.Store.Add(entry);
        unit.Store.Add(new Evidence(incident, 1, "Memory image of FS01", Hash, null, file, Alice, T0));
        await unit.Store.SaveChangesAsync(None);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Custody_steps_file_details_and_state_round_trip_in_order(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await RecordAsync(fixture, new EvidenceFile("fs01-memory.raw", 8_589_934_592, "application/octet-stream", Olga));

        // Each step in its own unit of work, as commands take them, all in the same second.
        foreach (var step in new Func<Evidence, CustodyEntry>[]
        {
            e => e.Store(Alice, "Locker 4", T0.AddMinutes(1)),
            e => e.Transfer(Alice, Olga, "For imaging", T0.AddMinutes(1)),
            e => e.Verify(Olga, new string('e', 64), T0.AddMinutes(1)),
            e => e.Supersede(Olga, "Replaced by E2", T0.AddMinutes(1)),
            e => e.Release(Olga, "Returned to the owner", T0.AddMinutes(1)),
        })
        {
            await using var unit = fixture.Begin();
            var incident = (await unit.Store.FindIncidentAsync(TenantScope.Web, 1, None))!;
            step((await unit.Store.FindEvidenceAsync(TenantScope.Web, incident.Id, 1, None))!);
            await unit.Store.SaveChangesAsync(None);
        }

        await using var read = fixture.Begin();
        var open = (await read.Store.FindIncidentAsync(TenantScope.Web, 1, None))!;
        Assert.Null(await read.Store.FindEvidenceAsync(TenantScope.Web, open.Id, 2, None));
        Assert.Null(await read.Store.FindEvidenceAsync(TenantScope.Slack("T1"), open.Id, 1, None));
        var item = Assert.Single(await read.Store.GetEvidenceAsync(TenantScope.Web, open.Id, None));
        Assert.Equal((EvidenceState.Released, "U0002", "Olga", "Locker 4", "Replaced by E2"), (item.State, item.HolderId, item.HolderName, item.StoredAt, item.SupersededReason));
        Assert.Equal(("fs01-memory.raw", 8_589_934_592L, "application/octet-stream", "U0002", "Olga"), (item.FileName, item.FileSize, item.ContentType, item.SharedById, item.SharedByName));
        Assert.Equal(
            [CustodyStep.Collected, CustodyStep.Stored, CustodyStep.Transferred, CustodyStep.Verified, CustodyStep.Superseded, CustodyStep.Released],
            item.Custody.Select(c => c.Step));
        var transfer = item.Custody[2];
        Assert.Equal(("U0001", "Alice", "U0002", "Olga", "For imaging", "U0001"), (transfer.FromId, transfer.FromName, transfer.ToId, transfer.ToName, transfer.Note, transfer.ById));
        var verify = item.Custody[3];
        Assert.Equal((VerificationResult.Mismatch, new string('e', 64), "Olga"), (verify.Result, verify.Sha256, verify.RecordedBy));
        Assert.Equal(T0.AddMinutes(1), verify.At);
        Assert.Equal(DateTimeKind.Utc, verify.At.Kind);
        Assert.Equal(Hash, item.Sha256);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_people_taking_a_step_with_the_same_item_at_once_cannot_both_win(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await RecordAsync(fixture, null);

        await using var first = fixture.Begin();
        await using var second = fixture.Begin();
        var incidentId = (await first.Store.FindIncidentAsync(TenantScope.Web, 1, None))!.Id;
        var mine = (await first.Store.FindEvidenceAsync(TenantScope.Web, incidentId, 1, None))!;
        var theirs = (await second.Store.FindEvidenceAsync(TenantScope.Web, incidentId, 1, None))!;
        mine.Transfer(Alice, Olga, "For imaging", T0);
        theirs.DisposeOf(Alice, "Shredded", T0);
        await first.Store.SaveChangesAsync(None);
        await Assert.ThrowsAsync<StoreConflictException>(() => second.Store.SaveChangesAsync(None));
    }
}
