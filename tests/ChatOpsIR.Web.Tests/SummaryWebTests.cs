using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>`summary` typed in the web war room's command box: the catch-up card goes to the asker only.</summary>
public sealed class SummaryWebTests
{
    [Fact]
    public async Task Summary_from_the_command_box_is_private_to_the_asker_and_shows_the_record()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "summary-room", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "summary-room", "Bob");

        Ok(await alice.SendAsync("declare Phishing wave sev3"));
        Ok(await alice.SendAsync("role scribe @Carol"));
        Ok(await alice.SendAsync("status 40 mailboxes cleaned"));
        Ok(await alice.SendAsync("action @Carol +1d Block the sender domain"));
        Ok(await alice.SendAsync("note Reported to the mail provider"));
        app.Clock.Advance(TimeSpan.FromDays(3));

        var summary = Ok(await bob.SendAsync("summary"));

        Assert.True(summary.IsPrivate);
        Assert.Equal("Catch-up on INC-0001 (Phishing wave): SEV3 (moderate), open for 3d.", summary.Text);
        Assert.Contains("No deputy yet. No comms yet. No lead yet.", summary.CardText);
        Assert.Contains("40 mailboxes cleaned", summary.CardText);
        Assert.Contains("Posted by Alice at 2026-11-25 10:00.", summary.CardText);
        Assert.Contains("Block the sender domain — Carol, due 2026-11-26 (overdue)", summary.CardText);
        Assert.Contains("Alice: Reported to the mail provider", summary.CardText);

        // Alice, in the same channel, never sees Bob's catch-up among the channel's messages.
        var seenByAlice = (await alice.MessagesAsync()).Select(m => m!["text"]?.GetValue<string>()).ToList();
        Assert.DoesNotContain(summary.Text, seenByAlice);
    }

    private static WebReply Ok(WebReply reply)
    {
        Assert.False(reply.IsError, reply.Text);
        return reply;
    }
}
