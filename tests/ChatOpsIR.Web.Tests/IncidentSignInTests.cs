using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The incident list and its page with sign-in on, against a real OpenID Connect provider: the session says who asks, a
/// `user` parameter naming someone else changes nothing, and nobody without a session reads anything.
/// </summary>
public sealed class IncidentSignInTests : IAsyncLifetime
{
    private SignInHost _host = null!;

    public async Task InitializeAsync() => _host = await SignInHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_list_is_the_signed_in_persons_and_a_user_parameter_borrows_nobody_elses_view()
    {
        using var alice = _host.NewClient();
        await alice.SignInAsync("alice");
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync("hr-case", "declare Mailbox read by a colleague sev2 private")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync("phish-room", "declare Phishing wave on finance sev3")).StatusCode);

        var mine = (await alice.Http.GetFromJsonAsync<JsonObject>("/api/incidents"))!;
        Assert.Equal(2, mine["total"]!.GetValue<int>());
        var id = mine["open"]!.AsArray().Single(i => i!["private"]!.GetValue<bool>())!["id"]!.GetValue<Guid>();

        using var bob = _host.NewClient();
        await bob.SignInAsync("bob");
        var theirs = await bob.Http.GetAsync("/api/incidents?user=Alice");
        var body = await theirs.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.Contains("Phishing wave on finance", body);
        Assert.DoesNotContain("Mailbox", body);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"/api/incidents/{id}?user=Alice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"/api/incidents/{id}/export?format=json&user=Alice")).StatusCode);

        using var anonymous = _host.NewClient();
        var api = await anonymous.Http.GetAsync("/api/incidents");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var page = await anonymous.Http.GetAsync("/incidents");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith(_host.Provider.Issuer.ToString(), page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
