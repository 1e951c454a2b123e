using System.Net;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>`access` typed in the web war room's command box, and the grants in the post-mortem report page.</summary>
public sealed class AccessWebTests
{
    [Fact]
    public async Task Access_from_the_command_box_shows_in_the_channel_the_resolve_warning_and_the_report()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "access-room", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "access-room", "Bob");

        Ok(await alice.SendAsync("declare Ransomware on FS01 sev2"));
        var granted = Ok(await alice.SendAsync("access grant @Bob Domain Admin on CORP"));
        Assert.False(granted.IsPrivate);
        Assert.Equal("Access G1 granted to Bob in INC-0001: Domain Admin on CORP. Record its end with access revoked G1.", granted.Text);
        Ok(await alice.SendAsync("access grant @Carol Backup admin until +1h"));

        // Bob, in the same channel, sees the grant among the channel's messages.
        var seenByBob = (await bob.MessagesAsync()).Select(m => m!["text"]!.GetValue<string>()).ToList();
        Assert.Contains(granted.Text, seenByBob);

        app.Clock.Advance(TimeSpan.FromMinutes(90));
        var list = Ok(await bob.SendAsync("access"));
        Assert.True(list.IsPrivate);
        Assert.Contains("Backup admin — Carol, open 1h 30m (until", list.CardText);
        Assert.Contains("overdue", list.CardText);

        var revoked = Ok(await bob.SendAsync("access revoke G2 account disabled"));
        Assert.Equal("Access G2 of Carol in INC-0001 is recorded as revoked (Backup admin, open 1h 30m).", revoked.Text);

        var twice = await bob.SendAsync("access revoked G2");
        Assert.True(twice.IsError);
        Assert.StartsWith("G2 of INC-0001 was already revoked by Bob", twice.Text);

        var resolved = Ok(await alice.SendAsync("resolve Restored from backup"));
        Assert.StartsWith("INC-0001 resolved. 1 grant is still open: G1 Domain Admin on CORP for Bob since 2026-11-25 10:00 UTC", resolved.Text);
        Assert.Contains("access revoked G1", resolved.CardText);

        Ok(await alice.SendAsync("postmortem"));
        var status = Ok(await alice.SendAsync("report"));
        var path = Regex.Match(status.Card!.ToJsonString(), "/incidents/[0-9a-f-]{36}/report").Value;
        var markdown = await (await app.CreateClient().GetAsync($"{path}?format=md")).Content.ReadAsStringAsync();
        Assert.Contains("## Access granted during the incident", markdown);
        Assert.Contains("Still open: G1 (Domain Admin on CORP, Bob)", markdown);
        Assert.Contains("account disabled", markdown);
        var page = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("STILL OPEN", await page.Content.ReadAsStringAsync());
    }

    private static WebReply Ok(WebReply reply)
    {
        Assert.False(reply.IsError, reply.Text);
        return reply;
    }
}
