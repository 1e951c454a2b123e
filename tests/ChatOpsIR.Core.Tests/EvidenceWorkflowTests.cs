using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using static ChatOpsIR.Core.Tests.PermissionWorld;

namespace ChatOpsIR.Core.Tests;

/// <summary>
/// The chain of custody through the command service on a real database: each step, who may take it, what a released
/// item still allows, verification, superseding, and the two forms. The cast is the permission tests': Alice commands,
/// Dave is her deputy, Olga is handed items, Bob only watches, Mia is an incident manager.
/// </summary>
public sealed class EvidenceWorkflowTests : IAsyncLifetime
{
    private static readonly string Hash = new('a', 64);
    private static readonly string Other = new('b', 64);

    private readonly PermissionWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private Task<BotReply> RunAsync(string channel, ChatUser who, string line) => _world.RunAsync(channel, who, line);

    private Task<BotReply> PressAsync(string channel, ChatUser who, string verb, Dictionary<string, string> data) => _world.PressAsync(channel, who, verb, data);

    private Task<BotReply> ExpectAsync(string channel, ChatUser who, string line) => _world.ExpectAsync(channel, who, line);

    /// <summary>An incident commanded by Alice with Dave as deputy, and E1 recorded by Alice (with <paramref name="hash"/>).</summary>
    private async Task<string> StageAsync(string? hash = null, bool isPrivate = false)
    {
        var channel = "ev-" + Guid.NewGuid().ToString("N")[..8];
        await ExpectAsync(channel, Alice, $"declare Laptop theft sev2{(isPrivate ? " private" : string.Empty)}");
        await ExpectAsync(channel, Alice, "role deputy @Dave");
        await ExpectAsync(channel, Alice, $"evidence Disk image of laptop L-042 {hash}".TrimEnd());
        return channel;
    }

    private async Task<Evidence> ItemAsync(int number = 1)
    {
        await using var scope = _world.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        var incident = (await store.FindIncidentAsync(TenantScope.Web, 1, CancellationToken.None))!;
        return (await store.GetEvidenceAsync(TenantScope.Web, incident.Id, CancellationToken.None)).Single(e => e.Number == number);
    }

    private async Task<IReadOnlyList<TimelineEntry>> TimelineAsync()
    {
        await using var scope = _world.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        var incident = (await store.FindIncidentAsync(TenantScope.Web, 1, CancellationToken.None))!;
        return await store.GetTimelineAsync(TenantScope.Web, incident.Id, CancellationToken.None);
    }

    private static string Texts(Card card) => string.Join('\n', card.Body.SelectMany(e => e switch
    {
        TextElement t => [t.Text],
        FactsElement f => f.Facts.Select(x => $"{x.Title}: {x.Value}"),
        ListElement l => l.Items.Select(i => $"{i.Label} {i.Text} {i.Detail}"),
        _ => [],
    }));

    [Fact]
    public async Task Each_step_adds_to_the_chain_the_timeline_and_the_channel_and_a_released_item_can_only_be_verified()
    {
        var channel = await StageAsync(Hash);

        var stored = await ExpectAsync(channel, Alice, "evidence stored E1 Evidence locker 4, shelf B");
        Assert.Equal(ReplyAudience.Channel, stored.Audience);
        Assert.Equal("INC-0001: Evidence E1: Stored at Evidence locker 4, shelf B by Alice.", stored.Text);
        Assert.Contains("Stored at: Evidence locker 4, shelf B", Texts(stored.Card!));

        var handed = await ExpectAsync(channel, Alice, "evidence transfer E1 @Olga For imaging at the lab");
        Assert.Equal("INC-0001: Evidence E1: Handed from Alice to Olga by Alice: For imaging at the lab. Olga is told by direct message.", handed.Text);
        Assert.Contains("Held by: Olga", Texts(handed.Card!));

        var verified = await ExpectAsync(channel, Bob, $"evidence verify E1 {Hash}");
        Assert.Contains("it matches the recorded SHA-256", verified.Text);
        Assert.Equal(CardTone.Good, verified.Card!.Tone);

        var released = await ExpectAsync(channel, Olga, "evidence release E1 Returned to the owner");
        Assert.Equal("RELEASED", released.Card!.Badge);

        var refused = await RunAsync(channel, Alice, "evidence transfer E1 @Dave Second opinion");
        Assert.True(refused.IsError);
        Assert.StartsWith("E1 was released on ", refused.Text);
        Assert.Contains("it can still be verified (`evidence verify E1 <sha256>`) and viewed (`evidence E1`), nothing else.", refused.Text);
        Assert.True((await RunAsync(channel, Alice, "evidence dispose E1 Shredded")).IsError);
        await ExpectAsync(channel, Alice, $"evidence verify E1 {Hash}");

        var item = await ItemAsync();
        Assert.Equal(EvidenceState.Released, item.State);
        Assert.Equal(
            [CustodyStep.Collected, CustodyStep.Stored, CustodyStep.Transferred, CustodyStep.Verified, CustodyStep.Released, CustodyStep.Verified],
            item.Custody.Select(c => c.Step));
        Assert.Equal([1, 2, 3, 4, 5, 6], item.Custody.Select(c => c.Sequence));
        var transfer = item.Custody.Single(c => c.Step == CustodyStep.Transferred);
        Assert.Equal(("alice", "olga", "For imaging at the lab", "alice"), (transfer.FromId, transfer.ToId, transfer.Note, transfer.ById));

        var timeline = (await TimelineAsync()).Where(e => e.Kind == TimelineEntryKind.Evidence).Select(e => e.Text).ToList();
        Assert.Equal(6, timeline.Count);
        Assert.Contains("Evidence E1: Released by Olga: Returned to the owner.", timeline);

        // The whole chain on the item's card, and the list with its state.
        var shown = await ExpectAsync(channel, Bob, "evidence E1");
        Assert.Equal(ReplyAudience.Caller, shown.Audience);
        var card = Texts(shown.Card!);
        Assert.Contains("Handed from Alice to Olga by Alice: For imaging at the lab", card);
        Assert.Contains("Released by Olga: Returned to the owner", card);
        Assert.Contains("State: released", card);
        var list = await ExpectAsync(channel, Bob, "evidence list");
        Assert.Contains("Disk image of laptop L-042 — released, last held by Olga", Texts(list.Card!));
    }

    [Fact]
    public async Task The_new_holder_is_told_at_once_by_direct_message_with_the_incident_reference()
    {
        var channel = await StageAsync(Hash);
        await ExpectAsync(channel, Alice, "evidence transfer E1 @Olga For imaging at the lab");

        await using var scope = _world.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IConversationLog>();
        var toOlga = (await log.ReadAsync(TenantScope.Web, channel, "olga", 0, 100, CancellationToken.None)).Where(m => m.VisibleToUserId == "olga").ToList();
        var told = Assert.Single(toOlga);
        Assert.Equal("You now hold evidence E1 of INC-0001 (Laptop theft), handed over by Alice: For imaging at the lab", told.Text);
        Assert.DoesNotContain(await log.ReadAsync(TenantScope.Web, channel, "bob", 0, 100, CancellationToken.None), m => m.VisibleToUserId == "olga");
    }

    [Fact]
    public async Task Storing_handing_over_ending_and_superseding_are_for_the_holder_and_the_command_team()
    {
        var channel = await StageAsync(Hash);
        var before = await ItemAsync();

        var refused = await RunAsync(channel, Bob, "evidence transfer E1 @Bob I will take it");
        Assert.True(refused.IsError);
        Assert.Equal(ReplyAudience.Caller, refused.Audience);
        Assert.Equal("Only Alice (who holds E1), the incident commander (Alice), a deputy or an incident manager can hand E1 to someone else.", refused.Text);
        foreach (var line in new[] { "evidence stored E1 My desk", "evidence release E1 To me", "evidence dispose E1 Binned", "evidence supersede E1 Not needed" })
        {
            var answer = await RunAsync(channel, Bob, line);
            Assert.True(answer.IsError, line);
            Assert.StartsWith("Only Alice (who holds E1), ", answer.Text);
        }

        var after = await ItemAsync();
        Assert.Equal(before.Custody.Count, after.Custody.Count);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);

        // The holder, the deputy and an incident manager may; anyone who sees the incident verifies.
        await ExpectAsync(channel, Dave, "evidence transfer E1 @Olga For imaging");
        await ExpectAsync(channel, Olga, "evidence stored E1 Lab safe 2");
        await ExpectAsync(channel, Mia, "evidence transfer E1 @Bob Courier to the insurer");
        await ExpectAsync(channel, Bob, "evidence stored E1 Courier bag 7731");
        await ExpectAsync(channel, Sam, $"evidence verify E1 {Hash}");
        Assert.Equal("bob", (await ItemAsync()).HolderId);
    }

    [Fact]
    public async Task A_different_hash_is_a_mismatch_warning_and_a_first_hash_becomes_the_items()
    {
        var channel = await StageAsync(Hash);
        var mismatch = await ExpectAsync(channel, Alice, $"evidence verify E1 {Other}");
        Assert.Equal(ReplyAudience.Channel, mismatch.Audience);
        Assert.Equal(CardTone.Attention, mismatch.Card!.Tone);
        Assert.Contains("hash MISMATCH found by Alice", mismatch.Text);
        Assert.Contains($"Recorded SHA-256 {Hash}, now {Other}", mismatch.Text);
        Assert.Contains((await TimelineAsync()).Select(e => e.Text), t => t.Contains("MISMATCH", StringComparison.Ordinal));
        var item = await ItemAsync();
        Assert.Equal(Hash, item.Sha256);
        Assert.Equal(VerificationResult.Mismatch, item.Custody.Single(c => c.Step == CustodyStep.Verified).Result);

        await ExpectAsync(channel, Alice, "evidence Firewall export of 3 December");
        var first = await ExpectAsync(channel, Bob, $"evidence verify E2 {Other}");
        Assert.Contains($"no hash had been recorded; Bob recorded SHA-256 {Other} as its hash", first.Text);
        Assert.Equal(Other, (await ItemAsync(2)).Sha256);
        Assert.Contains("hash verified by Bob, it matches", (await ExpectAsync(channel, Bob, $"evidence verify E2 {Other}")).Text);
    }

    [Fact]
    public async Task A_superseded_item_stays_in_the_record_marked_with_its_reason()
    {
        var channel = await StageAsync(Hash);
        var superseded = await ExpectAsync(channel, Alice, "evidence supersede E1 Replaced by a full disk image");
        Assert.Equal("SUPERSEDED", superseded.Card!.Badge);

        var again = await RunAsync(channel, Alice, "evidence supersede E1 Twice");
        Assert.False(again.IsError);
        Assert.Equal("E1 is superseded already: Replaced by a full disk image", again.Text);

        var item = await ItemAsync();
        Assert.Equal("Replaced by a full disk image", item.SupersededReason);
        Assert.Contains("(superseded)", Texts((await ExpectAsync(channel, Bob, "evidence list")).Card!));
        Assert.Contains("Superseded: Replaced by a full disk image", Texts((await ExpectAsync(channel, Bob, "evidence E1")).Card!));
    }

    [Fact]
    public async Task An_unknown_item_or_a_person_already_holding_it_is_answered_and_nothing_changes()
    {
        var channel = await StageAsync(Hash);
        var unknown = await RunAsync(channel, Alice, "evidence transfer E9 @Olga For imaging");
        Assert.True(unknown.IsError);
        Assert.Equal("There is no E9 in INC-0001. `evidence list INC-0001` shows its items.", unknown.Text);
        Assert.Equal("There is no E4 in INC-0001. `evidence list INC-0001` shows its items.", (await RunAsync(channel, Bob, "evidence E4")).Text);

        var same = await RunAsync(channel, Alice, "evidence transfer E1 @Alice Keeping it");
        Assert.Equal("Alice holds E1 already.", same.Text);
        Assert.Single((await ItemAsync()).Custody);
    }

    [Fact]
    public async Task Handing_an_item_of_a_private_incident_to_an_outsider_lets_them_in()
    {
        var channel = await StageAsync(Hash, isPrivate: true);
        Assert.True((await RunAsync(channel, Olga, "evidence E1")).IsError);

        var handed = await ExpectAsync(channel, Alice, "evidence transfer E1 @Olga For imaging");
        Assert.Contains("Olga was let into this private incident", handed.Text);
        Assert.Contains("Held by: Olga", Texts((await ExpectAsync(channel, Olga, "evidence E1")).Card!));
    }

    [Fact]
    public async Task The_record_form_records_an_item_where_it_is_kept_and_names_a_wrong_field()
    {
        var channel = "ev-form";
        await ExpectAsync(channel, Alice, "declare Laptop theft sev2");
        var form = await ExpectAsync(channel, Bob, "evidence");
        Assert.Equal(ReplyAudience.Caller, form.Audience);
        Assert.Equal(
            [EvidenceVerbs.DescriptionInput, EvidenceVerbs.HashInput, EvidenceVerbs.LocationInput],
            form.Card!.Body.OfType<InputElement>().Select(i => i.Id));
        var submit = Assert.Single(form.Card.Buttons);
        Assert.Equal(EvidenceVerbs.Record, submit.Verb);

        var wrong = await PressAsync(channel, Bob, submit.Verb, new(submit.Data) { [EvidenceVerbs.DescriptionInput] = "USB stick", [EvidenceVerbs.HashInput] = "not-a-hash" });
        Assert.True(wrong.IsError);
        Assert.Equal([EvidenceVerbs.HashInput], wrong.FieldErrors!.Keys);

        var recorded = await PressAsync(channel, Bob, submit.Verb, new(submit.Data)
        {
            [EvidenceVerbs.DescriptionInput] = "USB stick found in the lobby",
            [EvidenceVerbs.HashInput] = Hash.ToUpperInvariant(),
            [EvidenceVerbs.LocationInput] = "Locker 2",
        });
        Assert.False(recorded.IsError, recorded.Text);
        Assert.Equal("Evidence E1 recorded for INC-0001: USB stick found in the lobby", recorded.Text);
        var item = await ItemAsync();
        Assert.Equal((Hash, "Locker 2", "bob"), (item.Sha256, item.StoredAt, item.HolderId));
        Assert.Equal([CustodyStep.Collected, CustodyStep.Stored], item.Custody.Select(c => c.Step));
    }

    [Fact]
    public async Task The_item_cards_button_opens_the_custody_step_form_which_records_the_step()
    {
        var channel = await StageAsync(Hash);
        var shown = await ExpectAsync(channel, Alice, "evidence E1");
        var button = Assert.Single(shown.Card!.Buttons);
        Assert.Equal(EvidenceVerbs.Step, button.Verb);

        var form = await PressAsync(channel, Alice, button.Verb, new(button.Data));
        Assert.Equal("Record a custody step for E1.", form.Text);
        var save = Assert.Single(form.Card!.Buttons);
        Assert.Contains(form.Card.Body.OfType<InputElement>(), i => i.Id == EvidenceVerbs.PersonInput && i.Kind == InputKind.Person);

        var missing = await PressAsync(channel, Alice, save.Verb, new(save.Data) { [EvidenceVerbs.StepInput] = "transfer", [EvidenceVerbs.PersonInput] = "@Olga" });
        Assert.Equal([EvidenceVerbs.DetailsInput], missing.FieldErrors!.Keys);
        var badHash = await PressAsync(channel, Alice, save.Verb, new(save.Data) { [EvidenceVerbs.StepInput] = "verify", [EvidenceVerbs.HashInput] = "1234" });
        Assert.Equal([EvidenceVerbs.HashInput], badHash.FieldErrors!.Keys);

        var handed = await PressAsync(channel, Alice, save.Verb, new(save.Data)
        {
            [EvidenceVerbs.StepInput] = "transfer",
            [EvidenceVerbs.PersonInput] = "@Olga",
            [EvidenceVerbs.DetailsInput] = "For imaging",
        });
        Assert.False(handed.IsError, handed.Text);
        Assert.Equal("olga", (await ItemAsync()).HolderId);

        // Bob may press the button, but the form refuses what only the holder and the command team may record.
        var refused = await PressAsync(channel, Bob, save.Verb, new(save.Data) { [EvidenceVerbs.StepInput] = "dispose", [EvidenceVerbs.DetailsInput] = "Binned" });
        Assert.StartsWith("Only Olga (who holds E1), ", refused.Text);
    }
}
