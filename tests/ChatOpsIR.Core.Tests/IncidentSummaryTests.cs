using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Core.Tests;

/// <summary>
/// `summary`: the catch-up card for someone joining late, built from the record: roles (and which are missing), key
/// moments, the last status, open work, notification clocks and the latest timeline entries; private like `timeline`.
/// </summary>
public sealed class IncidentSummaryTests : IAsyncLifetime
{
    private const string Channel = "war-summary";
    private static readonly ChatUser Alice = new("alice", "Alice");
    private static readonly ChatUser Dave = new("dave", "Dave");
    private static readonly ChatUser Sam = new("sam", "Sam");
    private static readonly ChatUser Olga = new("olga", "Olga");
    private static readonly ChatUser Bob = new("bob", "Bob");

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

    [Fact]
    public async Task A_latecomer_sees_roles_missing_moments_last_status_open_work_and_the_latest_entries()
    {
        await ExpectAsync("declare Ransomware on FS01 sev2");
        await ExpectAsync("role deputy @Dave");
        await ExpectAsync("mark detected");
        _app.Clock.Advance(TimeSpan.FromMinutes(30));
        await ExpectAsync("mark contained");
        await ExpectAsync("status Contained; restoring file shares from backup");
        await ExpectAsync("action @Olga tomorrow Rotate the service keys");
        await ExpectAsync("access grant @Bob Domain Admin on CORP");
        await ExpectAsync("evidence Memory image of FS01", Olga);
        for (var i = 1; i <= 10; i++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(1));
            await ExpectAsync($"note Checked host {i}", Sam);
        }

        _app.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(10));
        var reply = await ExpectAsync("summary", Bob);

        Assert.Equal(ReplyAudience.Caller, reply.Audience);
        Assert.Equal("Catch-up on INC-0001 (Ransomware on FS01): SEV2 (high), open for 2d.", reply.Text);
        var card = reply.Card!;
        Assert.Equal("Catch-up · INC-0001 Ransomware on FS01", card.Title);
        Assert.Null(card.Badge);
        Assert.Contains(new Fact("Reference", "INC-0001"), Facts(card));
        Assert.Contains(new Fact("Open for", "2d"), Facts(card));

        var roles = Section(card, "Roles");
        Assert.Equal([new Fact("Commander", "Alice"), new Fact("Deputy", "Dave")], roles.OfType<FactsElement>().Single().Facts);
        Assert.StartsWith("No scribe yet. No comms yet. No lead yet.", roles.OfType<TextElement>().Single().Text);

        var moments = Section(card, "Key moments").OfType<FactsElement>().Single().Facts;
        Assert.Contains(new Fact("Detected", "2026-11-25 10:00"), moments);
        Assert.Contains(new Fact("Contained", "2026-11-25 10:30"), moments);
        Assert.Contains(new Fact("Time to contain", "30m"), moments);

        var status = Section(card, "Last status").OfType<TextElement>().Select(t => t.Text).ToList();
        Assert.Equal(["Contained; restoring file shares from backup", "Posted by Alice at 2026-11-25 10:30."], status);

        var work = Section(card, "Open action items (1, 1 overdue)");
        var item = Assert.Single(work.OfType<ListElement>().Single().Items);
        Assert.Equal(("A1", "Rotate the service keys — Olga, due 2026-11-26 (overdue)"), (item.Label, item.Text));
        Assert.Contains(new Fact("Open access grants", "1 (`access` lists them)"), Facts(card));
        Assert.Contains(new Fact("Evidence", "1 item (`evidence list`)"), Facts(card));
        Assert.Empty(Section(card, "Notification clocks"));

        var latest = Section(card, "Latest 8 of ");
        var entries = latest.OfType<ListElement>().Single().Items;
        Assert.Equal(8, entries.Count);
        Assert.Equal(("2026-11-25 10:40", "Sam: Checked host 10"), (entries[^1].Label, entries[^1].Text));
        Assert.Equal("Sam: Checked host 3", entries[0].Text);
        Assert.Contains(card.Buttons, b => b.Data.GetValueOrDefault(CardVerbs.CommandLineKey) == "timeline INC-0001");
    }

    [Fact]
    public async Task The_number_of_entries_can_be_asked_for_up_to_fifty_and_a_bad_number_is_explained()
    {
        await ExpectAsync("declare Phishing wave sev3");
        for (var i = 1; i <= 55; i++)
        {
            _app.Clock.Advance(TimeSpan.FromSeconds(30));
            await ExpectAsync($"note Mailbox {i} cleaned");
        }

        var three = await ExpectAsync("summary 3");
        Assert.Equal(["Alice: Mailbox 53 cleaned", "Alice: Mailbox 54 cleaned", "Alice: Mailbox 55 cleaned"], Entries(three.Card!, "Latest 3 of 56").Select(e => e.Text));

        var many = await ExpectAsync("summary 500");
        Assert.Equal(50, Entries(many.Card!, "Latest 50 of 56").Count);
        Assert.Contains(many.Card!.Body.OfType<TextElement>(), t => t.Text == "A summary shows at most 50 entries; `timeline INC-0001` shows the rest.");

        var byReference = await ExpectAsync("summary INC-0001 20", Bob, "elsewhere");
        Assert.Equal(20, Entries(byReference.Card!, "Latest 20 of 56").Count);
        var referenceLast = await ExpectAsync("summary 12 INC-1", Bob, "elsewhere");
        Assert.Equal(12, Entries(referenceLast.Card!, "Latest 12 of 56").Count);

        var zero = await RunAsync("summary 0");
        Assert.True(zero.IsError);
        Assert.Contains("give a number from 1 to 50 (got `0`)", zero.Text);
        var words = await RunAsync("summary everything please");
        Assert.True(words.IsError);
        Assert.Contains("how many timeline entries to show, from 1 to 50 (got `everything please`)", words.Text);
        Assert.Contains("summary [INC-n] [lines]", Shown(words));

        var help = await ExpectAsync("help summary");
        Assert.Contains("only you see the answer", Shown(help));
    }

    [Fact]
    public async Task A_fresh_incident_says_what_is_not_there_yet_and_clocks_appear_once_impact_names_the_data()
    {
        await ExpectAsync("declare Leaked customer export sev1 tabletop");
        var fresh = await ExpectAsync("summary");
        var card = fresh.Card!;
        Assert.Equal("EXERCISE", card.Badge);
        Assert.StartsWith("No deputy yet. No scribe yet. No comms yet. No lead yet.", Section(card, "Roles").OfType<TextElement>().Single().Text);
        Assert.StartsWith("None marked yet.", Section(card, "Key moments").OfType<TextElement>().Single().Text);
        Assert.StartsWith("Not posted yet.", Section(card, "Last status").OfType<TextElement>().Single().Text);
        Assert.Empty(Section(card, "Open action items (0)").OfType<ListElement>().Single().Items);
        Assert.Contains(new Fact("Evidence", "None recorded"), Facts(card));
        Assert.Empty(Section(card, "Notification clocks"));

        await ExpectAsync("postmortem");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
            var incident = (await store.FindIncidentAsync(TenantScope.Web, 1, CancellationToken.None))!;
            var postMortem = (await store.FindPostMortemAsync(TenantScope.Web, incident.Id, CancellationToken.None))!;
            postMortem.Answer(PostMortemSection.Impact, new Dictionary<string, string> { [PostMortemQuestions.ImpactData] = "personal" }, Alice, _app.Clock.GetUtcNow().UtcDateTime);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        _app.Clock.Advance(TimeSpan.FromHours(10));
        var clocks = Section((await ExpectAsync("summary")).Card!, "Notification clocks").OfType<ListElement>().Single().Items;
        var gdpr = Assert.Single(clocks);
        Assert.Equal("GDPR Art. 33", gdpr.Label);
        Assert.Contains("by 2026-11-28 10:00 (62 h 0 min left); counted from the declaration until `mark detected`", gdpr.Text);
    }

    [Fact]
    public async Task A_private_incident_is_summarised_for_its_people_only_and_a_stranger_learns_nothing()
    {
        await ExpectAsync("declare Insider copying payroll files private");
        await ExpectAsync("status Laptop seized");

        var inChannel = await RunAsync("summary", Bob);
        var elsewhere = await RunAsync("summary INC-0001", Bob, "elsewhere");
        Assert.True(inChannel.IsError);
        Assert.Equal(IncidentLookup.PrivateChannel, inChannel.Text);
        Assert.True(elsewhere.IsError);
        Assert.StartsWith("There is no INC-0001 here.", elsewhere.Text);
        foreach (var refused in new[] { inChannel, elsewhere })
        {
            Assert.DoesNotContain("payroll", Shown(refused), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Laptop seized", Shown(refused));
        }

        var own = await ExpectAsync("summary INC-0001", Alice, "dm-alice");
        Assert.Equal("PRIVATE", own.Card!.Badge);
        Assert.Equal("Laptop seized", Section(own.Card!, "Last status").OfType<TextElement>().First().Text);
        Assert.Equal(ReplyAudience.Caller, own.Audience);
    }

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

    private static string Shown(BotReply reply) =>
        reply.Text + " " + System.Text.RegularExpressions.Regex.Unescape(System.Text.Json.JsonSerializer.Serialize(reply.Card, CommandService.ReplyJson));

    private static List<Fact> Facts(Card card) => card.Body.OfType<FactsElement>().SelectMany(f => f.Facts).ToList();

    /// <summary>The elements under the heading that starts with <paramref name="heading"/>, up to the next heading; empty when there is no such heading.</summary>
    private static List<CardElement> Section(Card card, string heading) => card.Body
        .SkipWhile(e => e is not TextElement { Style: TextStyle.Heading } h || !h.Text.StartsWith(heading, StringComparison.Ordinal))
        .Skip(1)
        .TakeWhile(e => e is not TextElement { Style: TextStyle.Heading })
        .ToList();

    private static IReadOnlyList<ListItem> Entries(Card card, string heading) => Section(card, heading).OfType<ListElement>().Single().Items;
}
