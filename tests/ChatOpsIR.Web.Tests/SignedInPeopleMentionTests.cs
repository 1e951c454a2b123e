using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// With sign-in, `@Name` reaches someone who signed in but never wrote in the war room (their account, as the provider
/// vouches for it), and a name two people signed in under is refused with a request for the e-mail.
/// </summary>
public sealed class SignedInPeopleMentionTests : IAsyncLifetime
{
    private const string Channel = "hr-case";
    private SignInHost _host = null!;

    public async Task InitializeAsync() => _host = await SignInHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_person_who_only_signed_in_is_invited_by_name_as_their_account()
    {
        using var alice = _host.NewClient();
        await alice.SignInAsync("alice@contoso");
        using var bob = _host.NewClient();
        await bob.SignInAsync("bob@contoso");

        var bobRecorded = Assert.Single(await FindAsync("bob@contoso.test"));
        Assert.Equal(("bob@contoso", "Bob"), (bobRecorded.UserId, bobRecorded.DisplayName));

        Assert.False(await IsErrorAsync(await alice.SendAsync(Channel, "declare Mailbox read by a colleague sev2 private")));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"/api/webchat/channels/{Channel}/messages")).StatusCode);

        Assert.False(await IsErrorAsync(await alice.SendAsync(Channel, "invite @Bob")));
        Assert.True((await LatestIncidentAsync())!.IsMember("bob@contoso", null), "the account the provider vouches for is let in, not a name");
        Assert.Equal(HttpStatusCode.OK, (await bob.Http.GetAsync($"/api/webchat/channels/{Channel}/messages")).StatusCode);
    }

    [Fact]
    public async Task A_name_two_people_signed_in_under_is_refused_until_named_by_email()
    {
        using var alice = _host.NewClient();
        await alice.SignInAsync("alice@contoso");
        foreach (var account in new[] { "bob@contoso", "bob@fabrikam" })
        {
            using var bob = _host.NewClient();
            await bob.SignInAsync(account);
        }

        Assert.False(await IsErrorAsync(await alice.SendAsync(Channel, "declare Badge cloned sev3 private")));
        var ambiguous = await LastReplyAsync(await alice.SendAsync(Channel, "invite @Bob"));
        Assert.True(ambiguous.GetProperty("isError").GetBoolean());
        var text = ambiguous.GetProperty("text").GetString()!;
        Assert.Contains("bob@contoso.test", text, StringComparison.Ordinal);
        Assert.Contains("bob@fabrikam.test", text, StringComparison.Ordinal);
        Assert.Contains("e-mail", text, StringComparison.Ordinal);
        Assert.DoesNotContain((await LatestIncidentAsync())!.Members, m => m.UserId.StartsWith("bob", StringComparison.Ordinal));

        Assert.False(await IsErrorAsync(await alice.SendAsync(Channel, "invite @bob@fabrikam.test")));
        var incident = (await LatestIncidentAsync())!;
        Assert.True(incident.IsMember("bob@fabrikam", null));
        Assert.False(incident.IsMember("bob@contoso", null));
    }

    private async Task<IReadOnlyList<SignedInPerson>> FindAsync(string nameOrEmail)
    {
        await using var services = _host.App.Services.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<ISignedInPeople>().FindAsync(TenantScope.Web, nameOrEmail, 10, CancellationToken.None);
    }

    private async Task<Incident?> LatestIncidentAsync()
    {
        await using var services = _host.App.Services.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<IIncidentStore>().FindLatestIncidentAsync(TenantScope.Web, Channel, CancellationToken.None);
    }

    private static async Task<JsonElement> LastReplyAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var messages = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").EnumerateArray().ToList();
        return messages.Last(m => m.GetProperty("fromBot").GetBoolean());
    }

    private static async Task<bool> IsErrorAsync(HttpResponseMessage response) => (await LastReplyAsync(response)).GetProperty("isError").GetBoolean();
}
