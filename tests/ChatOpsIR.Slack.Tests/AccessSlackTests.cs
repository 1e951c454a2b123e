using System.Text.Json.Nodes;

namespace ChatOpsIR.Slack.Tests;

/// <summary>`access` from a Slack slash command: the grant and its revocation go to the channel, the list and the errors to the person, and `resolve` warns of what is still open.</summary>
public sealed class AccessSlackTests
{
    private const string Bob = "U0002";

    private static string Seen(JsonObject reply) => SlackApp.Text(reply);

    [Fact]
    public async Task Access_is_granted_listed_revoked_and_warned_about_at_resolve_from_slack()
    {
        await using var app = await SlackApp.StartAsync();
        await app.CommandAsync("declare Leaked API key sev2");

        var granted = await app.CommandAsync("access grant <@U0002|bob> Domain Admin on CORP until +8h");
        Assert.Equal("in_channel", granted["response_type"]!.GetValue<string>());
        Assert.Contains("Access G1 granted · INC-0001", Seen(granted));
        Assert.Contains("Domain Admin on CORP", Seen(granted));
        Assert.Contains("access revoked G1", Seen(granted));
        await app.CommandAsync("access grant <@U0002|bob> VPN admin", user: Bob);

        app.App.Clock.Advance(TimeSpan.FromHours(2));
        var list = await app.CommandAsync("access", user: Bob);
        Assert.Equal("ephemeral", list["response_type"]!.GetValue<string>());
        Assert.Contains("Access grants · INC-0001", Seen(list));
        Assert.Contains("2 open, 0 revoked.", Seen(list));
        Assert.Contains("Domain Admin on CORP", Seen(list));
        Assert.Contains("open 2h", Seen(list));

        var missing = await app.CommandAsync("access revoked G9");
        Assert.Equal("ephemeral", missing["response_type"]!.GetValue<string>());
        Assert.Contains("There is no G9 in INC-0001.", Seen(missing));

        var revoked = await app.CommandAsync("access revoked G1 removed from Domain Admins");
        Assert.Equal("in_channel", revoked["response_type"]!.GetValue<string>());
        Assert.Contains("Access G1 revoked · INC-0001", Seen(revoked));
        Assert.Contains("removed from Domain Admins", Seen(revoked));

        var resolved = await app.CommandAsync("resolve Key rotated");
        Assert.Contains("1 grant is still open: G2 VPN admin", Seen(resolved));
        Assert.Contains("`access revoked G2`", Seen(resolved).Replace("\\u0060", "`", StringComparison.Ordinal));
    }
}
