using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Core.Tests;

/// <summary>The `access` grammar: grant, revoked (or revoke), a bare list, and what it says to input it cannot use.</summary>
public sealed class AccessGrammarTests
{
    private static T Parse<T>(string line)
        where T : Command
    {
        var result = CommandParser.Parse(line);
        Assert.True(result.Success, result.Error?.Message);
        return Assert.IsType<T>(result.Command);
    }

    private static ParseError Fail(string line)
    {
        var result = CommandParser.Parse(line);
        Assert.False(result.Success);
        return result.Error!;
    }

    [Fact]
    public void A_grant_names_the_person_what_they_got_and_optionally_until_when()
    {
        var grant = Parse<AccessGrantCommand>("access grant @bob Domain Admin on CORP until 18:00");
        Assert.Equal(("bob", "Domain Admin on CORP", "18:00"), (grant.Grantee.Id, grant.What, grant.Until!.Text));

        var twoTokens = Parse<AccessGrantCommand>("access grant @bob VPN admin until 2026-11-26 09:00");
        Assert.Equal(("VPN admin", "2026-11-26 09:00"), (twoTokens.What, twoTokens.Until!.Text));

        var relative = Parse<AccessGrantCommand>("access grant @carol Break-glass account until +4h");
        Assert.Equal(TimeSpan.FromHours(4), relative.Until!.FromNow);

        var open = Parse<AccessGrantCommand>("access grant @bob Access until the audit is over");
        Assert.Equal("Access until the audit is over", open.What);
        Assert.Null(open.Until);

        var named = Parse<AccessGrantCommand>("access INC-0003 grant @bob Domain Admin");
        Assert.Equal(3, named.IncidentNumber);
    }

    [Fact]
    public void A_revocation_takes_the_grant_id_and_an_optional_note_and_a_bare_access_lists()
    {
        var revoked = Parse<AccessRevokeCommand>("access revoked G2 removed from Domain Admins");
        Assert.Equal((2, "removed from Domain Admins"), (revoked.Number, revoked.Note));
        var revoke = Parse<AccessRevokeCommand>("access revoke g12");
        Assert.Equal((12, (string?)null), (revoke.Number, revoke.Note));
        Parse<AccessListCommand>("access");
        Assert.Equal(4, Parse<AccessListCommand>("access INC-0004").IncidentNumber);
    }

    [Theory]
    [InlineData("access grant @bob", "What did bob get?")]
    [InlineData("access grant @bob until 18:00", "What did bob get?")]
    [InlineData("access grant bob Domain Admin", "Who was given access? Name them first (I got `bob`)")]
    [InlineData("access grant @bob Domain Admin until someday", "After `until` comes the time the access should end, and I got `someday`.")]
    [InlineData("access revoked", "Which grant was revoked?")]
    [InlineData("access revoked A1", "Which grant was revoked?")]
    [InlineData("access frobnicate", "`access` takes `grant`, `revoked` or nothing")]
    public void Input_it_cannot_use_gets_a_clear_error_with_the_usage(string line, string expected)
    {
        var error = Fail(line);
        Assert.StartsWith(expected, error.Message);
        Assert.StartsWith("access [INC-n] grant @person <what>", error.Usage);
    }

    [Fact]
    public void What_was_granted_has_a_length_limit()
    {
        var error = Fail("access grant @bob " + new string('x', AccessGrant.MaxWhatLength + 1));
        Assert.Equal($"What was granted is {AccessGrant.MaxWhatLength + 1} characters; keep it under {AccessGrant.MaxWhatLength}.", error.Message);
    }

    [Fact]
    public void Until_lies_ahead_a_time_of_day_passed_today_means_tomorrow()
    {
        var now = new DateTime(2026, 11, 25, 19, 0, 0, DateTimeKind.Utc);
        Assert.True(AccessUntil.TryParse(["18:00"], out var evening));
        Assert.True(evening!.TryResolve(now, TimeZoneInfo.Utc, out var utc, out _));
        Assert.Equal(new DateTime(2026, 11, 26, 18, 0, 0, DateTimeKind.Utc), utc);

        Assert.True(AccessUntil.TryParse(["2026-11-25T09:00Z"], out var past));
        Assert.False(past!.TryResolve(now, TimeZoneInfo.Utc, out _, out var error));
        Assert.StartsWith("2026-11-25T09:00Z has passed.", error);
    }

    [Fact]
    public void Help_explains_access_in_our_words()
    {
        var help = HelpCatalog.Find("access")!;
        Assert.Contains("access revoked G1", help.Details);
        Assert.Contains("direct message", help.Details);
    }
}

/// <summary>
/// `access` end to end through <see cref="CommandService"/> on a real SQLite database and a fake clock: what the channel
/// and the person see, the timeline, the resolve warning, the Revoked button, privacy and metrics.
/// </summary>
public sealed class AccessWorkflowTests : IAsyncLifetime
{
    private static readonly ChatUser Alice = new("alice", "Alice");
    private static readonly ChatUser Bob = new("bob", "Bob");
    private static readonly ChatUser Eve = new("eve", "Eve");
    private const string Channel = "war-room";

    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private ChatOpsAppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new ChatOpsAppFactory(_database);
        _ = _app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    private DateTime Now => _app.Clock.GetUtcNow().UtcDateTime;

    private async Task<BotReply> RunAsync(string line, ChatUser? who = null, string channel = Channel)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommandService>().ExecuteAsync(new CommandContext(TenantScope.Web, Platform.Web, channel, who ?? Alice), line, CancellationToken.None);
    }

    private async Task<BotReply> ExpectAsync(string line, ChatUser? who = null, string channel = Channel)
    {
        var reply = await RunAsync(line, who, channel);
        Assert.False(reply.IsError, $"{line}: {reply.Text}");
        return reply;
    }

    private async Task<BotReply> PressAsync(ChatUser who, Dictionary<string, string> data, string channel = "dm")
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommandService>().ExecuteActionAsync(new CommandContext(TenantScope.Web, Platform.Web, channel, who), AccessGrantVerbs.Revoked, data, CancellationToken.None);
    }

    private async Task<(Incident Incident, IReadOnlyList<AccessGrant> Grants, IReadOnlyList<TimelineEntry> Timeline)> ReadAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        var incident = (await store.FindLatestIncidentAsync(TenantScope.Web, Channel, CancellationToken.None))!;
        return (incident, await store.GetAccessGrantsAsync(TenantScope.Web, incident.Id, CancellationToken.None), await store.GetTimelineAsync(TenantScope.Web, incident.Id, CancellationToken.None));
    }

    private static string Shown(BotReply reply) => reply.Text + " " + Regex.Unescape(JsonSerializer.Serialize(reply.Card, CommandService.ReplyJson));

    [Fact]
    public async Task A_grant_goes_to_the_channel_and_the_timeline_and_its_revocation_says_how_long_it_was_open()
    {
        await ExpectAsync("declare Ransomware on FS01 sev2");
        var granted = await ExpectAsync("access grant @Bob Domain Admin on CORP until +8h");

        Assert.Equal(ReplyAudience.Channel, granted.Audience);
        Assert.StartsWith("Access G1 granted to Bob in INC-0001: Domain Admin on CORP, until 2026-11-25 18:00 UTC.", granted.Text);
        Assert.Contains("access revoked G1", Shown(granted));
        var button = Assert.Single(granted.Card!.Buttons);
        Assert.Equal(("Revoked", "access INC-0001 revoked G1"), (button.Title, button.Data[Cards.CardVerbs.CommandLineKey]));

        _app.Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(20));
        var revoked = await ExpectAsync("access revoked G1 removed from Domain Admins", Bob);
        Assert.Equal(ReplyAudience.Channel, revoked.Audience);
        Assert.Equal("Access G1 of Bob in INC-0001 is recorded as revoked (Domain Admin on CORP, open 3h 20m).", revoked.Text);
        Assert.Contains("removed from Domain Admins", Shown(revoked));

        var (_, grants, timeline) = await ReadAsync();
        var grant = Assert.Single(grants);
        Assert.Equal(("bob", "Bob", Now), (grant.RevokedById, grant.RevokedByName, grant.RevokedAt!.Value));
        var lines = timeline.Where(e => e.Kind == TimelineEntryKind.Access).Select(e => e.Text).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Access G1 granted to Bob by Alice: Domain Admin on CORP, until", lines[0]);
        Assert.Equal("Access G1 of Bob (Domain Admin on CORP) revoked, recorded by Bob; it was open 3h 20m. Note: removed from Domain Admins", lines[1]);
    }

    [Fact]
    public async Task The_list_shows_open_grants_first_with_their_age_and_overdue_ones_then_the_revoked()
    {
        await ExpectAsync("declare Ransomware on FS01 sev2");
        await ExpectAsync("access grant @Bob Backup admin");
        await ExpectAsync("access grant @Carol Domain Admin on CORP until +1h");
        await ExpectAsync("access grant @Dan Firewall rights");
        _app.Clock.Advance(TimeSpan.FromHours(2));
        await ExpectAsync("access revoked G1");

        var list = await ExpectAsync("access");
        Assert.Equal(ReplyAudience.Caller, list.Audience);
        Assert.Equal("Access grants of INC-0001: 2 open (1 overdue), 1 revoked.", list.Text);
        var items = ((Cards.ListElement)list.Card!.Body[0]).Items;
        Assert.Equal(["G2", "G3", "G1"], items.Select(i => i.Label));
        Assert.Equal("Domain Admin on CORP — Carol, open 2h (until 2026-11-25 11:00, overdue)", items[0].Text);
        Assert.Equal("Firewall rights — Dan, open 2h", items[1].Text);
        Assert.Equal("Backup admin — Bob, revoked after 2h (2026-11-25 10:00 → 2026-11-25 12:00)", items[2].Text);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_error_and_changes_nothing()
    {
        await ExpectAsync("declare Ransomware on FS01 sev2");
        await ExpectAsync("access grant @Bob Domain Admin");
        await ExpectAsync("access revoked G1");
        var before = await ReadAsync();

        var missing = await RunAsync("access revoked G7");
        Assert.True(missing.IsError);
        Assert.Equal("There is no G7 in INC-0001. `access` lists its grants.", missing.Text);
        Assert.Contains("access [INC-n] grant @person", Shown(missing));

        var twice = await RunAsync("access revoked G1");
        Assert.True(twice.IsError);
        Assert.StartsWith("G1 of INC-0001 was already revoked by Alice, 2026-11-25 10:00", twice.Text);

        var noWhat = await RunAsync("access grant @Bob");
        Assert.True(noWhat.IsError);
        Assert.StartsWith("What did Bob get?", noWhat.Text);

        var past = await RunAsync("access grant @Bob VPN until 2026-11-24T09:00Z");
        Assert.True(past.IsError);
        Assert.StartsWith("2026-11-24T09:00Z has passed.", past.Text);

        var after = await ReadAsync();
        Assert.Equal(before.Grants.Count, after.Grants.Count);
        Assert.Equal(before.Timeline.Count, after.Timeline.Count);
    }

    [Fact]
    public async Task Resolving_warns_the_commander_of_every_grant_still_open()
    {
        await ExpectAsync("declare Ransomware on FS01 sev2");
        await ExpectAsync("access grant @Bob Domain Admin on CORP");
        await ExpectAsync("access grant @Carol Backup admin");
        await ExpectAsync("access grant @Dan VPN admin");
        await ExpectAsync("access revoked G2");

        var resolved = await ExpectAsync("resolve Restored from backup");
        Assert.Equal(
            "INC-0001 resolved. 2 grants are still open: G1 Domain Admin on CORP for Bob since 2026-11-25 10:00 UTC; G3 VPN admin for Dan since 2026-11-25 10:00 UTC. " +
            "Take the access back and run `access revoked G1` for each when done; until then the commander is reminded daily.",
            resolved.Text);
        Assert.Equal(Cards.CardTone.Warning, resolved.Card!.Tone);
        Assert.Contains("G3 VPN admin for Dan", Shown(resolved));

        // Access is taken back after resolve too: the revocation still goes to the incident.
        await ExpectAsync("access revoked G1");
        await ExpectAsync("access revoked G3");
        Assert.All((await ReadAsync()).Grants, g => Assert.False(g.IsOpen));
    }

    [Fact]
    public async Task Resolving_without_open_grants_says_nothing_of_access()
    {
        await ExpectAsync("declare Ransomware on FS01 sev2");
        var resolved = await ExpectAsync("resolve");
        Assert.Equal("INC-0001 resolved.", resolved.Text);
    }

    [Fact]
    public async Task The_revoked_button_records_the_revocation_once_and_tells_outsiders_of_a_private_incident_nothing()
    {
        await ExpectAsync("declare Insider case private");
        await ExpectAsync("access grant @Bob HR share read");
        var data = new Dictionary<string, string> { [AccessGrantVerbs.IncidentKey] = "1", [AccessGrantVerbs.GrantKey] = "1" };

        var outsider = await PressAsync(Eve, data);
        Assert.True(outsider.IsError);
        Assert.Equal("There is no INC-0001 here. Incident references are counted per workspace.", outsider.Text);
        var typed = await RunAsync("access", Eve);
        Assert.Equal(IncidentLookup.PrivateChannel, typed.Text);
        Assert.DoesNotContain("HR share", Shown(typed));
        Assert.True((await ReadAsync()).Grants.Single().IsOpen);

        var pressed = await PressAsync(Alice, data);
        Assert.False(pressed.IsError, pressed.Text);
        Assert.Equal(ReplyAudience.Caller, pressed.Audience);
        Assert.Equal("Access G1 of Bob in INC-0001 is recorded as revoked (HR share read, open 0s).", pressed.Text);
        var again = await PressAsync(Alice, data);
        Assert.StartsWith("G1 of INC-0001 was already revoked by Alice", again.Text);
        Assert.Single((await ReadAsync()).Timeline, e => e.Text.Contains("revoked, recorded by Alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_grants_recorded_at_the_same_moment_get_their_own_numbers()
    {
        await ExpectAsync("declare Ransomware on FS01 sev2");
        var replies = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => RunAsync($"access grant @Bob Right number {i}")));
        Assert.All(replies, r => Assert.False(r.IsError, r.Text));
        Assert.Equal(["G1", "G2"], (await ReadAsync()).Grants.Select(g => g.Reference));
    }

    [Fact]
    public async Task Metrics_give_the_median_time_to_revoke_and_the_count_still_open()
    {
        await ExpectAsync("declare Ransomware on FS01 sev2");
        await ExpectAsync("access grant @Bob One");
        await ExpectAsync("access grant @Bob Two");
        await ExpectAsync("access grant @Bob Three");
        await ExpectAsync("access grant @Bob Four");
        _app.Clock.Advance(TimeSpan.FromHours(1));
        await ExpectAsync("access revoked G1");
        _app.Clock.Advance(TimeSpan.FromHours(1));
        await ExpectAsync("access revoked G2");
        _app.Clock.Advance(TimeSpan.FromHours(4));
        await ExpectAsync("access revoked G3");

        // A private incident elsewhere is counted, never named.
        await ExpectAsync("declare Insider case private", Eve, "hr-room");
        await ExpectAsync("access grant @Bob HR share read", Eve, "hr-room");

        var metrics = await ExpectAsync("metrics", Bob);
        var facts = ((Cards.FactsElement)metrics.Card!.Body[1]).Facts.ToDictionary(f => f.Title, f => f.Value);
        Assert.Equal("2h (of 3)", facts["Median time to revoke access"]);
        Assert.Equal("2", facts["Access grants still open"]);
        Assert.DoesNotContain("Insider", Shown(metrics));
        Assert.DoesNotContain("HR share", Shown(metrics));
    }
}
