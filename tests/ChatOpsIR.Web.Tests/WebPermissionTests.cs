using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// Permissions seen in the web war room: a refused command or button is shown to the person who tried only
/// (<c>isPrivate</c>), names who may, and leaves the incident and its timeline as they were.
/// </summary>
public sealed class WebPermissionTests
{
    [Fact]
    public async Task A_bystanders_refused_command_is_seen_by_them_only_and_changes_nothing()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "perm-room", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "perm-room", "Bob");
        await alice.SendAsync("declare Credential stuffing on the VPN sev2");
        var before = (await alice.TimelineAsync()).ToJsonString();

        var refused = await bob.SendAsync("sev 1");

        Assert.True(refused.IsError);
        Assert.True(refused.IsPrivate);
        Assert.Equal("Only the incident commander (Alice), a deputy or an incident manager can change the severity of INC-0001.", refused.Text);
        Assert.Contains(await bob.MessagesAsync(), m => Text(m).Contains("can change the severity", StringComparison.Ordinal));
        Assert.DoesNotContain(await alice.MessagesAsync(), m => Text(m).Contains("can change the severity", StringComparison.Ordinal));
        Assert.Equal(before, (await alice.TimelineAsync()).ToJsonString());
    }

    [Fact]
    public async Task A_refused_reminder_button_is_private_and_a_deputy_may_then_do_what_the_commander_does()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "perm-buttons", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "perm-buttons", "Bob");
        var dave = new WebChatClient(app.CreateClient(), "perm-buttons", "Dave");
        await alice.SendAsync("declare Credential stuffing on the VPN sev2");
        await alice.SendAsync("action @Olga +7d Turn on MFA for every VPN account");

        var done = await bob.PressAsync("reminder.done", new() { ["item"] = "1" });
        Assert.True(done.IsPrivate);
        Assert.Equal("Only Olga (the owner of A1), the incident commander (Alice), a deputy or an incident manager can close A1.", done.Text);
        Assert.DoesNotContain(await alice.MessagesAsync(), m => Text(m).Contains("can close A1", StringComparison.Ordinal));

        Assert.False((await alice.SendAsync("role deputy @Dave")).IsError);
        var closed = await dave.PressAsync("reminder.done", new() { ["item"] = "1" });
        Assert.False(closed.IsError, closed.Text);
        var resolved = await dave.SendAsync("resolve Blocked at the gateway");
        Assert.False(resolved.IsError, resolved.Text);
        Assert.Equal("resolved", (await alice.TimelineAsync())["incident"]!["status"]!.GetValue<string>());
    }

    private static string Text(JsonNode? message) => message?["text"]?.GetValue<string>() ?? string.Empty;
}
