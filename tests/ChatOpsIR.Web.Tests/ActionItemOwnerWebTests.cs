using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>Issue 16 in the web war room: the owner of a new action item finds it at once among their private messages; `action A1 kind` sets its kind.</summary>
public sealed class ActionItemOwnerWebTests
{
    [Fact]
    public async Task The_commander_sets_the_kind_and_a_bystander_is_refused()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "kind-room", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "kind-room", "Bob");
        await alice.SendAsync("declare Laptop theft sev2");
        await alice.SendAsync("action @Olga +7d Train the service desk on lost devices");

        var refused = await bob.SendAsync("action A1 kind training");
        Assert.True(refused.IsError);
        Assert.Equal("Only Olga (the owner of A1), the incident commander (Alice), a deputy or an incident manager can set the kind of A1.", refused.Text);

        var set = await alice.SendAsync("action A1 kind training");
        Assert.False(set.IsError, set.Text);
        Assert.False(set.IsPrivate);
        Assert.Equal("A1 is now of kind Training (set by Alice): Train the service desk on lost devices", set.Text);
    }
}
