using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The real host on a loopback socket with sign-in pointed at a real OpenID Connect provider (oidc-provider in Node).
/// Its clock starts at the real time, because the provider's tokens and the sign-in cookies are dated by real clocks;
/// tests move it forward to expire a session.
/// </summary>
public sealed class SignInHost : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private SignInHost(TestDatabase database, ChatOpsAppFactory app, OidcProviderProcess provider, Uri baseAddress)
    {
        _database = database;
        App = app;
        Provider = provider;
        BaseAddress = baseAddress;
    }

    public ChatOpsAppFactory App { get; }

    public OidcProviderProcess Provider { get; }

    public Uri BaseAddress { get; }

    public Uri Callback => new(BaseAddress, "signin-oidc");

    public static async Task<SignInHost> StartAsync(Action<Dictionary<string, string?>>? settings = null)
    {
        var port = HostProcess.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var provider = await OidcProviderProcess.StartAsync(new Uri(baseAddress, "signin-oidc"));
        var database = TestDatabase.Sqlite();
        var app = new ChatOpsAppFactory(database, TimeProvider.System.GetUtcNow());
        app.Settings["urls"] = baseAddress.ToString();
        app.Settings["WebChat:Authentication:Authority"] = provider.Issuer.ToString().TrimEnd('/');
        app.Settings["WebChat:Authentication:ClientId"] = OidcProviderProcess.ClientId;
        app.Settings["WebChat:Authentication:ClientSecret"] = OidcProviderProcess.ClientSecret;
        app.Settings["WebChat:Authentication:Scopes"] = "openid profile email groups";
        settings?.Invoke(app.Settings);
        app.UseKestrel(port);
        app.StartServer();
        return new SignInHost(database, app, provider, baseAddress);
    }

    /// <summary>A client with its own cookie jar that follows no redirect by itself, as a browser would be driven by hand.</summary>
    public SignInClient NewClient() => new(this);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
        _database.Dispose();
    }
}

/// <summary>One browser's worth of cookies, driven through the sign-in step by step so a test can tamper with any step.</summary>
public sealed partial class SignInClient : IDisposable
{
    private readonly SignInHost _host;
    private readonly HttpClientHandler _handler = new() { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };

    internal SignInClient(SignInHost host)
    {
        _host = host;
        Http = new HttpClient(_handler) { BaseAddress = host.BaseAddress };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies => _handler.CookieContainer;

    public string? AntiforgeryToken { get; private set; }

    /// <summary>Starts a sign-in at the host; returns the provider's authorization address it sends the browser to.</summary>
    public async Task<Uri> StartAsync()
    {
        var response = await Http.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Signs in as <paramref name="account"/> at the provider's login form; returns the callback address (not yet followed).</summary>
    public async Task<Uri> LoginAtProviderAsync(Uri authorize, string account)
    {
        var interaction = await FollowAsync(authorize);
        var form = await Http.GetStringAsync(interaction);
        var action = new Uri(interaction, WebUtility.HtmlDecode(FormAction().Match(form).Groups[1].Value));
        var login = await Http.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["prompt"] = "login", ["login"] = account, ["password"] = "any" }));
        Assert.True(login.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.Found, $"the provider's login answered {login.StatusCode}");
        var callback = await FollowAsync(login.Headers.Location!.IsAbsoluteUri ? login.Headers.Location : new Uri(action, login.Headers.Location));
        Assert.StartsWith(_host.Callback.ToString(), callback.ToString(), StringComparison.Ordinal);
        return callback;
    }

    /// <summary>The whole sign-in as <paramref name="account"/>, then the session's antiforgery token.</summary>
    public async Task SignInAsync(string account)
    {
        var done = await Http.GetAsync(await LoginAtProviderAsync(await StartAsync(), account));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await ReadSessionAsync();
    }

    public async Task<JsonElement> ReadSessionAsync()
    {
        var session = await Http.GetFromJsonAsync<JsonElement>("/api/webchat/session");
        AntiforgeryToken = session.GetProperty("antiforgeryToken").GetString();
        return session;
    }

    /// <summary>POSTs a command line, with the session's antiforgery token unless told otherwise.</summary>
    public Task<HttpResponseMessage> SendAsync(string channel, string text, string? user = null, string? antiforgeryToken = "session")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webchat/channels/{channel}/commands")
        {
            Content = JsonContent.Create(new { user, text, clientMessageId = Guid.NewGuid().ToString("N") }),
        };
        var token = antiforgeryToken == "session" ? AntiforgeryToken : antiforgeryToken;
        if (token is not null)
        {
            request.Headers.Add("X-ChatOpsIR-Antiforgery", token);
        }

        return Http.SendAsync(request);
    }

    public async Task<List<JsonElement>> MessagesAsync(string channel, string? user = null)
    {
        var page = await Http.GetFromJsonAsync<JsonElement>($"/api/webchat/channels/{channel}/messages{(user is null ? string.Empty : $"?user={Uri.EscapeDataString(user)}")}");
        return page.GetProperty("messages").EnumerateArray().ToList();
    }

    /// <summary>Follows the provider's redirects until one leaves it (to the host's callback) or a page answers.</summary>
    private async Task<Uri> FollowAsync(Uri address)
    {
        for (var hop = 0; hop < 10; hop++)
        {
            var response = await Http.GetAsync(address);
            if ((int)response.StatusCode is < 300 or >= 400)
            {
                return address;
            }

            var next = response.Headers.Location!;
            next = next.IsAbsoluteUri ? next : new Uri(address, next);
            if (next.Port != address.Port)
            {
                return next;
            }

            address = next;
        }

        throw new InvalidOperationException("The provider redirected too often.");
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
