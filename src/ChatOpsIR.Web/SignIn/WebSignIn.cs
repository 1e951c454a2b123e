using ChatOpsIR.Core.Incidents;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ChatOpsIR.Web.SignIn;

/// <summary>
/// Sign-in to the web war room: an OpenID Connect authorization code flow with PKCE, then a cookie session. The
/// handler's own checks (issuer, audience, signature, lifetime, nonce, state) stay as they are; this adds what the war
/// room needs on top: its session claims, JSON 401s for the API and an antiforgery token for every POST.
/// </summary>
public static class WebSignIn
{
    public const string CookieScheme = "ChatOpsIR.WebSession";
    public const string ProviderScheme = "ChatOpsIR.WebOpenIdConnect";
    public const string Policy = "ChatOpsIR.WebSignedIn";
    public const string CallbackPath = "/signin-oidc";
    public const string SessionCookie = "ChatOpsIR.Session";

    /// <summary>The header the page sends the antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-ChatOpsIR-Antiforgery";

    internal const string SignInDetail = "Sign in to use the web war room: open the war room's page in your browser.";

    internal static void ConfigureCookie(CookieAuthenticationOptions cookie, WebSignInOptions options, CookieSecurePolicy secure)
    {
        cookie.Cookie.Name = SessionCookie;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = secure;
        cookie.ExpireTimeSpan = options.SessionLifetime;
        cookie.SlidingExpiration = true;
        cookie.Events.OnRedirectToLogin = context => IsApi(context.Request)
            ? WebProblems.Problem(StatusCodes.Status401Unauthorized, SignInDetail).ExecuteAsync(context.HttpContext)
            : context.HttpContext.ChallengeAsync(ProviderScheme, new AuthenticationProperties { RedirectUri = LocalTarget(context.Request) });
        cookie.Events.OnRedirectToAccessDenied = context =>
            WebProblems.Problem(StatusCodes.Status403Forbidden, "This session may not do that.").ExecuteAsync(context.HttpContext);
    }

    internal static void ConfigureProvider(OpenIdConnectOptions oidc, WebSignInOptions options, CookieSecurePolicy secure)
    {
        oidc.SignInScheme = CookieScheme;
        oidc.Authority = options.Authority;
        oidc.ClientId = options.ClientId;
        oidc.ClientSecret = options.ClientSecret;
        oidc.RequireHttpsMetadata = !options.IsLoopbackHttp;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;

        // The answer comes back as a top-level GET, so the correlation and nonce cookies can be SameSite=Lax
        // (form_post would need SameSite=None).
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.CallbackPath = CallbackPath;
        oidc.Scope.Clear();
        foreach (var scope in options.ScopeList)
        {
            oidc.Scope.Add(scope);
        }

        // Claims keep the provider's names (sub, oid, tid, groups), which the configuration refers to.
        oidc.MapInboundClaims = false;
        oidc.SaveTokens = false;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = secure;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = secure;
        oidc.Events.OnTokenValidated = context =>
        {
            if (WebPerson.SessionIdentity(context.Principal!, options, CookieScheme, out var refusal) is { } identity)
            {
                context.Principal = new System.Security.Claims.ClaimsPrincipal(identity);
            }
            else
            {
                context.Fail(refusal!);
            }

            return Task.CompletedTask;
        };

        // A callback that fails (unknown or replayed state, wrong nonce, a code the provider refuses) ends here with a
        // 400 that says to start again; the handler has logged why, and nothing of the request is echoed.
        oidc.Events.OnRemoteFailure = context =>
        {
            context.HandleResponse();
            return WebProblems.Problem(StatusCodes.Status400BadRequest, "Sign-in did not complete. Open the war room again to start a new sign-in.").ExecuteAsync(context.HttpContext);
        };
    }

    internal static void ConfigureAntiforgery(AntiforgeryOptions antiforgery, CookieSecurePolicy secure)
    {
        antiforgery.HeaderName = AntiforgeryHeader;
        antiforgery.Cookie.Name = "ChatOpsIR.Antiforgery";
        antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        antiforgery.Cookie.SecurePolicy = secure;
    }

    /// <summary>`/signin` (start a sign-in, back to a local address) and `/signout` (end the session here).</summary>
    public static IEndpointRouteBuilder MapChatOpsWebSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/signin", (HttpRequest request) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(request.Query["returnUrl"]) }, [ProviderScheme]));
        endpoints.MapGet("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieScheme);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Text(SignedOutPage, "text/html; charset=utf-8");
        });
        return endpoints;
    }

    private static bool IsApi(HttpRequest request) => WebProblems.IsApi(request.Path);

    private static string LocalTarget(HttpRequest request) => LocalOrRoot($"{request.PathBase}{request.Path}{request.QueryString}");

    /// <summary>Only an address on this site is a place to return to after sign-in (no open redirect).</summary>
    private static string LocalOrRoot(string? target) =>
        target is { Length: > 0 and < 2000 } && target[0] == '/' && !target.StartsWith("//", StringComparison.Ordinal) && !target.StartsWith("/\\", StringComparison.Ordinal)
            ? target
            : "/";

    private const string SignedOutPage = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>ChatOpsIR · Signed out</title></head>
        <body><p>You are signed out of the ChatOpsIR web war room.</p><p><a href="/">Sign in again</a></p></body></html>
        """;
}
