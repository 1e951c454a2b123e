using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// `backfill` through the whole host on SQLite. The web war room has no chat history of its own, so these tests give
/// it one (a channel-history port answering from a list) to drive Core's backfill the way Slack and Teams do.
/// </summary>
public class BackfillTests
{
    private static readonly DateTime Start = ChatOpsAppFactory.DefaultStart.UtcDateTime;

    [Fact]
    public async Task The_web_war_room_says_it_has_no_chat_history_to_copy()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "room", "Alice");
        await alice.SendAsync("declare Suspicious logins sev3");

        var reply = await alice.SendAsync("backfill");
        Assert.True(reply.IsError);
        Assert.Contains("The web war room keeps commands only", reply.Text);
    }

    [Fact]
    public async Task Earlier_messages_are_copied_once_with_their_authors_and_times()
    {
        var history = new ListHistory(
        [
            new("web:m1", new ChatUser("bob", "Bob"), "Saw the first odd login from 203.0.113.9", Start.AddMinutes(-50)),
            new("web:m2", new ChatUser("carol", "Carol"), "Resetting the account now", Start.AddMinutes(-20)),
            new("web:m3", new ChatUser("bob", "Bob"), "   ", Start.AddMinutes(-10)),
        ]);
        using var database = TestDatabase.Sqlite();
        await using var app = WithHistory(new ChatOpsAppFactory(database), history);
        var alice = new WebChatClient(app.CreateClient(), "room", "Alice");
        await alice.SendAsync("declare Suspicious logins sev3");
        await alice.SendAsync("mark first-activity at 09:00");

        var first = await alice.SendAsync("backfill");
        Assert.False(first.IsError, first.Text);
        Assert.True(first.IsPrivate);
        Assert.Contains("Copied 3 messages from 2026-11-24 09:00 to 2026-11-25 10:00 UTC into the INC-0001 timeline", first.Text);
        Assert.Equal((Start.AddHours(-25), Start), history.LastWindow); // a day before the first malicious activity, until now

        var entries = (await alice.TimelineAsync())["entries"]!.AsArray().Select(e => e!.ToJsonString()).ToList();
        var odd = entries.FindIndex(e => e.Contains("Saw the first odd login", StringComparison.Ordinal));
        var reset = entries.FindIndex(e => e.Contains("Resetting the account now", StringComparison.Ordinal));
        Assert.True(odd >= 0 && reset > odd, string.Join('\n', entries));
        Assert.Contains("Carol", entries[reset]);
        Assert.Contains(entries, e => e.Contains("(message without text)", StringComparison.Ordinal));

        // Again, with one more message in the channel: only that one is added.
        history.Messages.Add(new("web:m4", new ChatUser("bob", "Bob"), "Account locked", Start.AddMinutes(-5)));
        var second = await alice.SendAsync("backfill");
        Assert.Contains("Copied 1 message from", second.Text);
        Assert.Contains("3 were already there", second.Text);
        var third = await alice.SendAsync("backfill");
        Assert.Contains("All 4 messages from", third.Text);
        Assert.Equal(entries.Count + 1, (await alice.TimelineAsync())["entries"]!.AsArray().Count);
    }

    [Fact]
    public async Task Since_reads_further_back_and_a_full_read_says_how_to_continue()
    {
        var history = new ListHistory(Enumerable.Range(0, 3).Select(i => new HistoryMessage($"web:x{i}", new ChatUser("bob", "Bob"), $"msg {i}", Start.AddMinutes(-300 + i))).ToList()) { Truncate = true };
        using var database = TestDatabase.Sqlite();
        await using var app = WithHistory(new ChatOpsAppFactory(database), history);
        var alice = new WebChatClient(app.CreateClient(), "room", "Alice");
        await alice.SendAsync("declare Data exfiltration sev1");

        var reply = await alice.SendAsync("backfill since 2026-11-25T05:00Z");
        Assert.Equal(new DateTime(2026, 11, 25, 5, 0, 0, DateTimeKind.Utc), history.LastWindow.From);
        Assert.Contains($"I stopped after the first {Core.Workflows.TimelineBackfill.MaxMessages} messages, at 2026-11-25 05:02.", reply.Text);
        // The war room's message text is plain: Core's code markers are dropped, the command itself stays.
        Assert.Contains("Run backfill since 2026-11-25T05:02Z to copy the rest.", reply.Text);
        Assert.DoesNotContain("`", reply.Text);

        var future = await alice.SendAsync("backfill since 2026-11-25T11:30Z");
        Assert.True(future.IsError);
    }

    [Fact]
    public async Task A_history_the_app_may_not_read_is_explained_and_changes_nothing()
    {
        var history = new ListHistory([]) { Refuse = "I may not read this channel's history: add the channels:history scope and reinstall the app." };
        using var database = TestDatabase.Sqlite();
        await using var app = WithHistory(new ChatOpsAppFactory(database), history);
        var alice = new WebChatClient(app.CreateClient(), "room", "Alice");
        await alice.SendAsync("declare Data exfiltration sev1");
        var before = (await alice.TimelineAsync())["entries"]!.AsArray().Count;

        var reply = await alice.SendAsync("backfill");
        Assert.True(reply.IsError);
        Assert.Contains("add the channels:history scope", reply.Text);
        Assert.Equal(before, (await alice.TimelineAsync())["entries"]!.AsArray().Count);

        var nothingHere = await new WebChatClient(app.CreateClient(), "empty-room", "Alice").SendAsync("backfill");
        Assert.Contains("There is no open incident in this channel", nothingHere.Text);
    }

    [Theory]
    [InlineData("backfill", true)]
    [InlineData("backfill since 07:30", true)]
    [InlineData("backfill since 2026-11-24T22:00Z", true)]
    [InlineData("backfill yesterday", false)]
    [InlineData("backfill since", false)]
    public void The_grammar_takes_backfill_with_an_optional_since(string line, bool ok)
    {
        var parsed = CommandParser.Parse(line);
        Assert.Equal(ok, parsed.Success);
        if (!ok)
        {
            Assert.Contains("backfill since 08:00", parsed.Error!.Message);
        }
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithHistory(ChatOpsAppFactory app, ListHistory history) =>
        app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IChannelHistory>(history)));

    /// <summary>A channel history answering from a list, recording the window it was asked for.</summary>
    private sealed class ListHistory(List<HistoryMessage> messages) : IChannelHistory
    {
        public List<HistoryMessage> Messages { get; } = messages;

        public bool Truncate { get; init; }

        public string? Refuse { get; init; }

        public (DateTime From, DateTime To) LastWindow { get; private set; }

        public Platform Platform => Platform.Web;

        public Task<HistoryRead> ReadAsync(CommandContext context, DateTime from, DateTime to, int limit, CancellationToken cancellationToken)
        {
            LastWindow = (from, to);
            if (Refuse is not null)
            {
                throw new ChannelHistoryUnavailableException(Refuse);
            }

            return Task.FromResult(new HistoryRead(Messages.Where(m => m.OccurredAt >= from && m.OccurredAt <= to).OrderBy(m => m.OccurredAt).ToList(), Truncate));
        }
    }
}
