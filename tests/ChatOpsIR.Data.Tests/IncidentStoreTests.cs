using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Data.Tests;

/// <summary>The same repository tests on SQLite in-process and on a real PostgreSQL server.</summary>
public class IncidentStoreTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private static readonly ChatUser Alice = new("U0001", "alice");
    private static readonly CancellationToken None = CancellationToken.None;

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    private static async Task<Incident> DeclareAsync(StoreFixture fixture, string scope, string channel, string title = "Ransomware")
    {
        await using var unit = fixture.Begin();
        var tenant = TenantScope.Parse(scope);
        var number = await unit.Store.NextIncidentNumberAsync(tenant, None);
        var (incident, entry) = Incident.Declare(tenant, number, title, 2, ExerciseKind.None, Platform.Slack, channel, null, Alice, T0);
        unit.Store.Add(incident);
        unit.Store.Add(entry);
        await unit.Store.SaveChangesAsync(None);
        return incident;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_incident_and_its_roles_come_back_as_saved(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var declared = await DeclareAsync(fixture, "slack:T0001", "C0001");

        await using var unit = fixture.Begin();
        var found = await unit.Store.FindOpenIncidentAsync(TenantScope.Slack("T0001"), "C0001", None);
        Assert.NotNull(found);
        Assert.Equal(declared.Id, found.Id);
        Assert.Equal("INC-0001", found.Reference);
        Assert.Equal(T0, found.DeclaredAt);
        Assert.Equal(DateTimeKind.Utc, found.DeclaredAt.Kind);
        Assert.True(found.IsCommander(Alice));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task One_workspace_never_sees_another_workspaces_incidents(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var mine = await DeclareAsync(fixture, "slack:T0001", "C0001");

        await using var unit = fixture.Begin();
        Assert.Null(await unit.Store.FindOpenIncidentAsync(TenantScope.Slack("T0002"), "C0001", None));
        Assert.Null(await unit.Store.FindLatestIncidentAsync(TenantScope.Slack("T0002"), "C0001", None));
        Assert.Empty(await unit.Store.GetTimelineAsync(TenantScope.Slack("T0002"), mine.Id, None));
        Assert.Empty(await unit.Store.GetIncidentsDeclaredAsync(TenantScope.Slack("T0002"), T0.AddDays(-1), T0.AddDays(1), None));
        Assert.Equal(1, await unit.Store.NextIncidentNumberAsync(TenantScope.Slack("T0002"), None));
        Assert.Equal(2, await unit.Store.NextIncidentNumberAsync(TenantScope.Slack("T0001"), None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_second_open_incident_in_a_channel_is_refused_by_the_database(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await DeclareAsync(fixture, "web", "war-room");

        await using var unit = fixture.Begin();
        var (second, _) = Incident.Declare(TenantScope.Web, 2, "Another", 3, ExerciseKind.None, Platform.Web, "war-room", null, Alice, T0);
        unit.Store.Add(second);
        await Assert.ThrowsAsync<StoreConflictException>(() => unit.Store.SaveChangesAsync(None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task After_resolving_the_channel_can_hold_a_new_incident(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await DeclareAsync(fixture, "web", "war-room");
        await using (var unit = fixture.Begin())
        {
            var open = (await unit.Store.FindOpenIncidentAsync(TenantScope.Web, "war-room", None))!;
            unit.Store.Add(open.Resolve(Alice, null, Platform.Web, T0.AddHours(1)));
            await unit.Store.SaveChangesAsync(None);
        }

        var next = await DeclareAsync(fixture, "web", "war-room", "Second");
        await using var check = fixture.Begin();
        Assert.Equal(2, next.Number);
        Assert.Equal(next.Id, (await check.Store.FindLatestIncidentAsync(TenantScope.Web, "war-room", None))!.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_latest_incidents_of_many_channels_are_those_each_channel_would_give_alone(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await DeclareAsync(fixture, "web", "resolved-then-new", "First");
        await using (var unit = fixture.Begin())
        {
            var open = (await unit.Store.FindOpenIncidentAsync(TenantScope.Web, "resolved-then-new", None))!;
            unit.Store.Add(open.Resolve(Alice, null, Platform.Web, T0.AddHours(1)));
            await unit.Store.SaveChangesAsync(None);
        }

        await DeclareAsync(fixture, "web", "resolved-then-new", "Second");
        await DeclareAsync(fixture, "web", "one");
        await DeclareAsync(fixture, "slack:T0001", "elsewhere");

        await using var check = fixture.Begin();
        string[] channels = ["resolved-then-new", "one", "quiet", "elsewhere"];
        var latest = await check.Store.FindLatestIncidentsAsync(TenantScope.Web, channels, None);
        Assert.Equal(["one", "resolved-then-new"], latest.Keys.Order());
        foreach (var (channel, incident) in latest)
        {
            Assert.Equal((await check.Store.FindLatestIncidentAsync(TenantScope.Web, channel, None))!.Id, incident.Id);
        }

        Assert.Equal("Second", latest["resolved-then-new"].Title);
        Assert.True(latest["one"].IsCommander(Alice), "roles come with each incident");
        Assert.Empty(await check.Store.FindLatestIncidentsAsync(TenantScope.Web, [], None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_timeline_comes_back_in_the_order_things_happened(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        var incident = await DeclareAsync(fixture, "web", "war-room");
        await using (var unit = fixture.Begin())
        {
            var tracked = (await unit.Store.FindOpenIncidentAsync(TenantScope.Web, "war-room", None))!;
            unit.Store.Add(tracked.AddNote(Alice, "third", Platform.Web, T0.AddMinutes(30), T0.AddMinutes(31)));
            unit.Store.Add(tracked.AddNote(Alice, "first (back-dated)", Platform.Web, T0.AddHours(-3), T0.AddMinutes(32)));
            unit.Store.Add(tracked.AddNote(Alice, "second", Platform.Web, T0.AddMinutes(10), T0.AddMinutes(10)));
            await unit.Store.SaveChangesAsync(None);
        }

        await using var read = fixture.Begin();
        var texts = (await read.Store.GetTimelineAsync(TenantScope.Web, incident.Id, None)).Select(e => e.Text).ToList();
        Assert.Equal(["first (back-dated)", texts[1], "second", "third"], texts);
        Assert.StartsWith("Incident declared", texts[1]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_platform_message_cannot_enter_the_timeline_twice(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await DeclareAsync(fixture, "slack:T0001", "C0001");
        await using (var unit = fixture.Begin())
        {
            var incident = (await unit.Store.FindOpenIncidentAsync(TenantScope.Slack("T0001"), "C0001", None))!;
            unit.Store.Add(incident.AddChatMessage(Alice, "EDR alert", Platform.Slack, T0, T0, "C0001:1732530000.000100"));
            await unit.Store.SaveChangesAsync(None);
        }

        await using var retry = fixture.Begin();
        var again = (await retry.Store.FindOpenIncidentAsync(TenantScope.Slack("T0001"), "C0001", None))!;
        retry.Store.Add(again.AddChatMessage(Alice, "EDR alert", Platform.Slack, T0, T0.AddSeconds(3), "C0001:1732530000.000100"));
        await Assert.ThrowsAsync<StoreConflictException>(() => retry.Store.SaveChangesAsync(None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_delivery_is_recorded_once_with_its_reply(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await using (var unit = fixture.Begin())
        {
            unit.Store.AddDelivery(TenantScope.Slack("T0001"), "Ev0001", "{\"text\":\"first\"}", T0);
            await unit.Store.SaveChangesAsync(None);
        }

        await using var again = fixture.Begin();
        Assert.Equal("{\"text\":\"first\"}", await again.Store.FindDeliveryReplyAsync(TenantScope.Slack("T0001"), "Ev0001", None));
        Assert.Null(await again.Store.FindDeliveryReplyAsync(TenantScope.Slack("T0002"), "Ev0001", None));
        again.Store.AddDelivery(TenantScope.Slack("T0001"), "Ev0001", "{\"text\":\"second\"}", T0);
        await Assert.ThrowsAsync<StoreConflictException>(() => again.Store.SaveChangesAsync(None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_writers_cannot_silently_overwrite_one_incident(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await DeclareAsync(fixture, "web", "war-room");
        await using var first = fixture.Begin();
        await using var second = fixture.Begin();
        var a = (await first.Store.FindOpenIncidentAsync(TenantScope.Web, "war-room", None))!;
        var b = (await second.Store.FindOpenIncidentAsync(TenantScope.Web, "war-room", None))!;

        first.Store.Add(a.ChangeSeverity(Alice, 1, Platform.Web, T0));
        await first.Store.SaveChangesAsync(None);
        second.Store.Add(b.ChangeSeverity(Alice, 4, Platform.Web, T0));
        await Assert.ThrowsAsync<StoreConflictException>(() => second.Store.SaveChangesAsync(None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Evidence_and_action_items_are_numbered_and_kept(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await DeclareAsync(fixture, "web", "war-room");
        await using (var unit = fixture.Begin())
        {
            var incident = (await unit.Store.FindOpenIncidentAsync(TenantScope.Web, "war-room", None))!;
            unit.Store.Add(new Evidence(incident, await unit.Store.NextEvidenceNumberAsync(TenantScope.Web, incident.Id, None), "Disk image", new string('a', 64), null, Alice, T0));
            unit.Store.Add(new ActionItem(incident, await unit.Store.NextActionItemNumberAsync(TenantScope.Web, None), "Rotate keys", Alice, new DateOnly(2026, 12, 1), Alice, T0));
            await unit.Store.SaveChangesAsync(None);
        }

        await using var read = fixture.Begin();
        var open = (await read.Store.FindOpenIncidentAsync(TenantScope.Web, "war-room", None))!;
        var evidence = Assert.Single(await read.Store.GetEvidenceAsync(TenantScope.Web, open.Id, None));
        Assert.Equal("E1", evidence.Reference);
        Assert.Single(evidence.Custody);
        var item = (await read.Store.FindActionItemAsync(TenantScope.Web, 1, None))!;
        Assert.Equal(new DateOnly(2026, 12, 1), item.DueDate);
        Assert.Null(await read.Store.FindActionItemAsync(TenantScope.Teams("other"), 1, None));
        Assert.Equal(2, await read.Store.NextActionItemNumberAsync(TenantScope.Web, None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Open_incidents_and_a_persons_open_items_are_listed_within_the_scope(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await DeclareAsync(fixture, "web", "room-a", "First");
        await DeclareAsync(fixture, "web", "room-b", "Second");
        await DeclareAsync(fixture, "teams:other", "room-a", "Elsewhere");
        await using (var unit = fixture.Begin())
        {
            var incident = (await unit.Store.FindOpenIncidentAsync(TenantScope.Web, "room-a", None))!;
            var bob = new ChatUser("bob", "Bob");
            unit.Store.Add(new ActionItem(incident, 1, "Later", bob, new DateOnly(2026, 12, 9), Alice, T0));
            var done = new ActionItem(incident, 2, "Done already", bob, new DateOnly(2026, 12, 1), Alice, T0);
            done.Complete(bob, T0);
            unit.Store.Add(done);
            unit.Store.Add(new ActionItem(incident, 3, "Sooner", bob, new DateOnly(2026, 12, 2), Alice, T0));
            unit.Store.Add(new ActionItem(incident, 4, "Alice's", Alice, new DateOnly(2026, 12, 2), Alice, T0));
            await unit.Store.SaveChangesAsync(None);
        }

        await using var read = fixture.Begin();
        Assert.Equal(2, (await read.Store.GetOpenIncidentsAsync(TenantScope.Web, 10, None)).Count);
        Assert.Single(await read.Store.GetOpenIncidentsAsync(TenantScope.Web, 1, None));
        Assert.Equal(["Sooner", "Later"], (await read.Store.GetOpenActionItemsOwnedByAsync(TenantScope.Web, "bob", None)).Select(a => a.Title));
        Assert.Empty(await read.Store.GetOpenActionItemsOwnedByAsync(TenantScope.Teams("other"), "bob", None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_conversation_address_is_kept_once_and_refreshed(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await using (var first = fixture.Begin())
        {
            await first.Addresses.SaveAsync(new ConversationAddress(TenantScope.Teams("t1"), Platform.Teams, "a:chat", T0) { Kind = "personal", UserId = "29:alice", ServiceEndpoint = "https://old.example/" }, None);
        }

        await using (var second = fixture.Begin())
        {
            await second.Addresses.SaveAsync(new ConversationAddress(TenantScope.Teams("t1"), Platform.Teams, "a:chat", T0.AddHours(1)) { Kind = "personal", UserId = "29:alice", ServiceEndpoint = "https://new.example/" }, None);
        }

        await using var read = fixture.Begin();
        var found = (await read.Addresses.FindAsync(TenantScope.Teams("t1"), Platform.Teams, "a:chat", None))!;
        Assert.Equal("https://new.example/", found.ServiceEndpoint);
        Assert.Equal(T0.AddHours(1), found.UpdatedAt);
        Assert.Equal("a:chat", (await read.Addresses.FindPersonalAsync(TenantScope.Teams("t1"), Platform.Teams, "29:alice", "personal", None))!.ConversationId);
        Assert.Null(await read.Addresses.FindAsync(TenantScope.Teams("t2"), Platform.Teams, "a:chat", None));
        Assert.Null(await read.Addresses.FindAsync(TenantScope.Teams("t1"), Platform.Slack, "a:chat", None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_conversation_log_hides_private_replies_from_others(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await using (var unit = fixture.Begin())
        {
            await unit.Log.AppendAsync(
            [
                new ConversationMessage(TenantScope.Web, "war-room", "alice", "Alice", false, "declare X", null, null, T0),
                new ConversationMessage(TenantScope.Web, "war-room", "system", "ChatOpsIR", true, "help text", null, "alice", T0),
                new ConversationMessage(TenantScope.Web, "other", "bob", "Bob", false, "hi", null, null, T0.AddMinutes(1)),
            ], None);
        }

        await using var read = fixture.Begin();
        Assert.Equal(2, (await read.Log.ReadAsync(TenantScope.Web, "war-room", "alice", 0, 50, None)).Count);
        var bobSees = await read.Log.ReadAsync(TenantScope.Web, "war-room", "bob", 0, 50, None);
        Assert.Equal("declare X", Assert.Single(bobSees).Text);
        var after = await read.Log.ReadAsync(TenantScope.Web, "war-room", "alice", bobSees[0].Id, 50, None);
        Assert.Equal("help text", Assert.Single(after).Text);
        var channels = await read.Log.ListChannelsAsync(TenantScope.Web, 10, None);
        Assert.Equal(["other", "war-room"], channels.Select(c => c.ChannelId));
    }
}
