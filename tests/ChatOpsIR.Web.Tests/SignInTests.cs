using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// Sign-in to the web war room against a real OpenID Connect provider, over real HTTP: the person comes from the
/// session, and a forged, expired or missing session, a tampered callback, a replayed or foreign code and a POST
/// without its antiforgery token all change nothing.
/// </summary>
public sealed class SignInTests : IAsyncLifetime
{
    private const string Channel = "war-room";
    private SignInHost _host = null!;

    public async Task InitializeAsync() => _host = await SignInHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_signed_in_person_acts_as_themselves_whatever_name_the_request_carries()
    {
        using var alice = _host.NewClient();
        await alice.SignInAsync("alice");
        var session = await alice.ReadSessionAsync();
        Assert.True(session.GetProperty("signedIn").GetBoolean());
        Assert.Equal("Alice", session.GetProperty("name").GetString());

        var declared = await alice.SendAsync(Channel, "declare Phishing wave sev3", user: "Mallory");
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var messages = await alice.MessagesAsync(Channel);
        Assert.Equal("Alice", messages[0].GetProperty("authorName").GetString());
        Assert.DoesNotContain(messages, m => m.GetProperty("authorName").GetString() == "Mallory");

        var incident = await LatestIncidentAsync(TenantScope.Web);
        Assert.Equal("alice", incident!.Holder(IncidentRoleKind.Commander)!.Id);
    }

    [Fact]
    public async Task Without_a_session_the_api_answers_401_as_json_and_the_page_sends_the_browser_to_the_provider()
    {
        using var anonymous = _host.NewClient();
        var api = await anonymous.Http.GetAsync($"/api/webchat/channels/{Channel}/messages?user=alice");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        var post = await anonymous.SendAsync(Channel, "declare Anonymous sev1", user: "alice", antiforgeryToken: null);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);

        var page = await anonymous.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith(_host.Provider.Issuer.ToString(), page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Null(await LatestIncidentAsync(TenantScope.Web));
    }

    [Fact]
    public async Task A_forged_session_cookie_gets_401_and_changes_nothing()
    {
        using var alice = _host.NewClient();
        await alice.SignInAsync("alice");
        var real = alice.Cookies.GetCookies(_host.BaseAddress)[WebSignIn.SessionCookie]!;

        using var forger = _host.NewClient();
        forger.Cookies.Add(_host.BaseAddress, new Cookie(WebSignIn.SessionCookie, Tamper(real.Value)));
        foreach (Cookie cookie in alice.Cookies.GetCookies(_host.BaseAddress))
        {
            if (cookie.Name != WebSignIn.SessionCookie)
            {
                forger.Cookies.Add(_host.BaseAddress, new Cookie(cookie.Name, cookie.Value));
            }
        }

        var post = await forger.SendAsync(Channel, "declare Forged sev1", antiforgeryToken: alice.AntiforgeryToken);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forger.Http.GetAsync($"/api/webchat/channels/{Channel}/messages")).StatusCode);

        Assert.Empty(await alice.MessagesAsync(Channel));
        Assert.Null(await LatestIncidentAsync(TenantScope.Web));
    }

    [Fact]
    public async Task An_expired_session_gets_401_and_changes_nothing()
    {
        using var alice = _host.NewClient();
        await alice.SignInAsync("alice");
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(Channel, "note Before the session ends")).StatusCode);

        _host.App.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        var post = await alice.SendAsync(Channel, "declare After the session ended sev1");
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.Http.GetAsync("/api/webchat/channels")).StatusCode);

        using var again = _host.NewClient();
        await again.SignInAsync("alice");
        var texts = (await again.MessagesAsync(Channel)).Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Contains("note Before the session ends", texts);
        Assert.DoesNotContain(texts, t => t!.Contains("After the session ended", StringComparison.Ordinal));
        Assert.Null(await LatestIncidentAsync(TenantScope.Web));
    }

    [Fact]
    public async Task A_callback_with_a_wrong_state_is_refused_and_signs_nobody_in()
    {
        using var alice = _host.NewClient();
        var callback = await alice.LoginAtProviderAsync(await alice.StartAsync(), "alice");
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        query["state"] = "CfDJ8forged-state";
        var forged = new UriBuilder(callback) { Query = query.ToString() }.Uri;

        var response = await alice.Http.GetAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.Http.GetAsync("/api/webchat/session")).StatusCode);
    }

    [Fact]
    public async Task A_code_issued_for_another_sign_in_attempt_is_refused()
    {
        // The victim's sign-in reaches the provider; its code is taken to the attacker's own attempt, whose state and
        // PKCE verifier are the attacker's. The provider refuses the code for the wrong verifier, so this never reaches
        // the nonce check: A_callback_with_the_nonce_cookie_of_another_attempt_fails_the_nonce_check covers that.
        using var victim = _host.NewClient();
        var victimCallback = await victim.LoginAtProviderAsync(await victim.StartAsync(), "alice");
        using var attacker = _host.NewClient();
        var attackerCallback = await attacker.LoginAtProviderAsync(await attacker.StartAsync(), "mallory");

        var code = System.Web.HttpUtility.ParseQueryString(victimCallback.Query)["code"];
        var query = System.Web.HttpUtility.ParseQueryString(attackerCallback.Query);
        query["code"] = code;
        var replayed = await attacker.Http.GetAsync(new UriBuilder(attackerCallback) { Query = query.ToString() }.Uri);

        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.Http.GetAsync("/api/webchat/session")).StatusCode);
    }

    [Fact]
    public async Task A_callback_with_the_nonce_cookie_of_another_attempt_fails_the_nonce_check()
    {
        // A genuine sign-in whose callback carries its own state and correlation cookie (so the state check passes and
        // the code is redeemed with its own PKCE verifier), but the nonce cookie of another attempt in place of its own:
        // the ID token's nonce then matches no cookie, and only the nonce check can refuse it.
        var failures = RecordSignInFailures();
        using var other = _host.NewClient();
        await other.StartAsync();
        var othersNonce = Assert.Single(NonceCookies(other));

        using var alice = _host.NewClient();
        var callback = await alice.LoginAtProviderAsync(await alice.StartAsync(), "alice");
        var swapped = await CallBackAsync(callback, alice.Cookies.GetAllCookies().Where(c => !IsNonce(c)).Append(othersNonce));

        Assert.Equal(HttpStatusCode.BadRequest, swapped.StatusCode);
        Assert.IsType<OpenIdConnectProtocolInvalidNonceException>(Assert.Single(failures));
        Assert.DoesNotContain(swapped.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(WebSignIn.SessionCookie, StringComparison.Ordinal));

        // The same steps with the attempt's own nonce cookie sign in: the swapped cookie alone made the difference.
        using var bob = _host.NewClient();
        var bobsCallback = await bob.LoginAtProviderAsync(await bob.StartAsync(), "bob");
        var own = await CallBackAsync(bobsCallback, bob.Cookies.GetAllCookies());
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Contains(own.Headers.GetValues("Set-Cookie"), c => c.StartsWith(WebSignIn.SessionCookie, StringComparison.Ordinal));
        Assert.Single(failures);
    }

    [Fact]
    public async Task A_code_from_another_issuer_is_refused()
    {
        // A second provider that knows the same client and signs with the same development keys, but is not the
        // configured issuer, issues a code for this client; it is put into a real callback of the host's own attempt.
        await using var other = await OidcProviderProcess.StartAsync(_host.Callback);
        using var client = _host.NewClient();
        var callback = await client.LoginAtProviderAsync(await client.StartAsync(), "alice");

        var verifier = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var foreign = new Uri(other.Issuer, $"auth?client_id={OidcProviderProcess.ClientId}&redirect_uri={Uri.EscapeDataString(_host.Callback.ToString())}&response_type=code&scope=openid&state=s1&nonce=n1&code_challenge={challenge}&code_challenge_method=S256");
        var foreignCallback = await client.LoginAtProviderAsync(foreign, "alice");
        var foreignQuery = System.Web.HttpUtility.ParseQueryString(foreignCallback.Query);
        Assert.Equal(other.Issuer.ToString().TrimEnd('/'), foreignQuery["iss"]);

        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        query["code"] = foreignQuery["code"];
        query["iss"] = foreignQuery["iss"];
        var response = await client.Http.GetAsync(new UriBuilder(callback) { Query = query.ToString() }.Uri);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/webchat/session")).StatusCode);
    }

    [Fact]
    public async Task A_post_without_a_valid_antiforgery_token_gets_400_and_nothing_is_written()
    {
        using var alice = _host.NewClient();
        await alice.SignInAsync("alice");

        var missing = await alice.SendAsync(Channel, "declare No token sev1", antiforgeryToken: null);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("antiforgery", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var bob = _host.NewClient();
        await bob.SignInAsync("bob");
        var someoneElses = await alice.SendAsync(Channel, "declare Bob's token sev1", antiforgeryToken: bob.AntiforgeryToken);
        Assert.Equal(HttpStatusCode.BadRequest, someoneElses.StatusCode);

        var action = await alice.Http.PostAsJsonAsync($"/api/webchat/channels/{Channel}/actions", new { verb = "cmd.run", data = new Dictionary<string, string> { ["line"] = "declare Via a card sev1" } });
        Assert.Equal(HttpStatusCode.BadRequest, action.StatusCode);

        Assert.Empty(await alice.MessagesAsync(Channel));
        var timeline = await alice.Http.GetFromJsonAsync<JsonElement>($"/api/webchat/channels/{Channel}/timeline");
        Assert.Equal(JsonValueKind.Null, timeline.GetProperty("incident").ValueKind);
        Assert.Null(await LatestIncidentAsync(TenantScope.Web));

        // The same session with its token is accepted: the refusals above were for the token alone.
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(Channel, "declare With the token sev3")).StatusCode);
        Assert.NotNull(await LatestIncidentAsync(TenantScope.Web));
    }

    [Fact]
    public async Task The_user_parameter_cannot_read_another_persons_private_replies()
    {
        using var bob = _host.NewClient();
        await bob.SignInAsync("bob");
        Assert.Equal(HttpStatusCode.OK, (await bob.SendAsync(Channel, "frobnicate")).StatusCode);
        var bobs = await bob.MessagesAsync(Channel);
        Assert.Contains(bobs, m => m.GetProperty("isPrivate").GetBoolean() && m.GetProperty("text").GetString()!.Contains("frobnicate", StringComparison.Ordinal));

        using var alice = _host.NewClient();
        await alice.SignInAsync("alice");
        var asBob = await alice.MessagesAsync(Channel, user: "bob");
        Assert.DoesNotContain(asBob, m => m.GetProperty("isPrivate").GetBoolean());
        Assert.DoesNotContain(asBob, m => m.GetProperty("text").GetString()!.Contains("frobnicate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_handler_keeps_its_checks_of_issuer_audience_nonce_state_and_pkce()
    {
        var oidc = _host.App.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(WebSignIn.ProviderScheme);
        Assert.True(oidc.UsePkce);
        Assert.Equal("code", oidc.ResponseType);
        Assert.True(oidc.TokenValidationParameters.ValidateIssuer);
        Assert.True(oidc.TokenValidationParameters.ValidateAudience);
        Assert.True(oidc.TokenValidationParameters.ValidateLifetime);
        Assert.True(oidc.ProtocolValidator.RequireNonce);
        Assert.True(oidc.ProtocolValidator.RequireState);
        Assert.False(oidc.SaveTokens);

        using var alice = _host.NewClient();
        await alice.SignInAsync("alice");
        var cookie = alice.Cookies.GetCookies(_host.BaseAddress)[WebSignIn.SessionCookie]!;
        Assert.True(cookie.HttpOnly);
    }

    /// <summary>Why each sign-in callback failed, as the handler tells its OnRemoteFailure event.</summary>
    private ConcurrentQueue<Exception?> RecordSignInFailures()
    {
        var failures = new ConcurrentQueue<Exception?>();
        var events = _host.App.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(WebSignIn.ProviderScheme).Events;
        var answer = events.OnRemoteFailure;
        events.OnRemoteFailure = context =>
        {
            failures.Enqueue(context.Failure);
            return answer(context);
        };
        return failures;
    }

    private static bool IsNonce(Cookie cookie) => cookie.Name.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal);

    private static IEnumerable<Cookie> NonceCookies(SignInClient client) => client.Cookies.GetAllCookies().Where(IsNonce);

    /// <summary>Follows a callback with exactly <paramref name="cookies"/>, as a browser holding them would send it.</summary>
    private static async Task<HttpResponseMessage> CallBackAsync(Uri callback, IEnumerable<Cookie> cookies)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, callback);
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        return await http.SendAsync(request);
    }

    private async Task<Incident?> LatestIncidentAsync(TenantScope scope)
    {
        await using var services = _host.App.Services.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<IIncidentStore>().FindLatestIncidentAsync(scope, Channel, CancellationToken.None);
    }

    private static string Tamper(string value)
    {
        var middle = value.Length / 2;
        return string.Concat(value.AsSpan(0, middle), value[middle] == 'A' ? "B" : "A", value.AsSpan(middle + 1));
    }
}
