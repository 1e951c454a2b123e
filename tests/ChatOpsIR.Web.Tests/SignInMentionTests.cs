using System.Net.Http.Json;
using System.Text.Json;

namespace ChatOpsIR.Web.Tests;

/// <summary>With sign-in, `@Bob` names Bob's account (the `sub` the provider vouches for), so what he is given is his.</summary>
public sealed class SignInMentionTests : IAsyncLifetime
{
    private const string Channel = "mention-room";
    private SignInHost _host = null!;

    public async Task InitializeAsync() => _host = await SignInHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_role_given_by_mention_reaches_the_signed_in_person()
    {
        using var alice = _host.NewClient();
        await alice.SignInAsync("alice@contoso");
        using var bob = _host.NewClient();
        await bob.SignInAsync("bob@contoso");

        Assert.False(await IsErrorAsync(await alice.SendAsync(Channel, "declare Token theft sev2")));
        Assert.False(await IsErrorAsync(await bob.SendAsync(Channel, "note Seen the same token from two countries")));
        Assert.True(await IsErrorAsync(await bob.SendAsync(Channel, "mark detected")), "a bystander may not mark moments");

        Assert.False(await IsErrorAsync(await alice.SendAsync(Channel, "role scribe @Bob")));
        Assert.False(await IsErrorAsync(await bob.SendAsync(Channel, "mark detected")), "the scribe is the signed-in Bob");
    }

    private static async Task<bool> IsErrorAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var messages = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").EnumerateArray().ToList();
        return messages.Last(m => m.GetProperty("fromBot").GetBoolean()).GetProperty("isError").GetBoolean();
    }
}
