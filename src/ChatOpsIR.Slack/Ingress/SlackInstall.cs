using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Slack.Api;
using static ChatOpsIR.Slack.Api.SlackApiClient;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// Installing ChatOpsIR in a Slack workspace (OAuth v2): /api/slack/install sends the installer to Slack with a
/// one-time state bound to their browser; Slack sends them back to /api/slack/oauth/callback, where the state is
/// checked, the code exchanged for the workspace's bot token, and the token stored encrypted.
/// </summary>
public static class SlackInstall
{
    public const string StateCookie = "chatopsir_slack_state";
    public const string BotScopes = "commands,chat:write,chat:write.public,app_mentions:read,channels:history,groups:history,im:history,channels:read,groups:read,channels:manage,groups:write,im:write,reactions:read,files:read,pins:write,users:read,usergroups:read";

    public static IResult StartAsync(HttpContext http, IOptions<SlackOptions> options)
    {
        var slack = options.Value;
        if (!slack.MultiWorkspace)
        {
            return Page(HttpStatusCode.NotFound, "Installing in other workspaces is not set up", "This ChatOpsIR serves one workspace with Slack:BotToken. To install it in several, set Slack:ClientId and Slack:ClientSecret.");
        }

        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        http.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromMinutes(10),
            Path = "/api/slack/oauth",
        });
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = slack.ClientId,
            ["scope"] = BotScopes,
            ["redirect_uri"] = RedirectUri(http, slack),
            ["state"] = state,
        };
        return Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(slack.OAuthAuthorizeUrl, query));
    }

    public static async Task<IResult> CallbackAsync(
        HttpContext http,
        IOptions<SlackOptions> options,
        SlackApiClient client,
        SlackTokenProvider tokens,
        IInstallationStore installations,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var slack = options.Value;
        var query = http.Request.Query;
        var expected = http.Request.Cookies[StateCookie];
        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/api/slack/oauth" });
        if (!slack.MultiWorkspace)
        {
            return Page(HttpStatusCode.NotFound, "Installing in other workspaces is not set up", "Set Slack:ClientId and Slack:ClientSecret first.");
        }

        if (query["error"].ToString() is { Length: > 0 })
        {
            return Page(HttpStatusCode.BadRequest, "Installation cancelled", "Slack reports that the installation was not approved. Nothing was installed.");
        }

        var state = query["state"].ToString();
        if (string.IsNullOrEmpty(expected) || state.Length != expected.Length
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(state), System.Text.Encoding.ASCII.GetBytes(expected)))
        {
            return Page(HttpStatusCode.BadRequest, "This install link has expired", "Start again from the install page of ChatOpsIR; the link works once, in the browser that started it.");
        }

        var code = query["code"].ToString();
        if (code.Length is 0 or > 500)
        {
            return Page(HttpStatusCode.BadRequest, "Slack sent no code", "Start the installation again.");
        }

        JsonObject answer;
        try
        {
            answer = await client.CallFormAsync("oauth.v2.access", new Dictionary<string, string>
            {
                ["client_id"] = slack.ClientId!,
                ["client_secret"] = slack.ClientSecret!,
                ["code"] = code,
                ["redirect_uri"] = RedirectUri(http, slack),
            }, null, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            return Page(HttpStatusCode.BadGateway, "Slack refused the installation", $"Slack answered “{ex.Error}”. Start the installation again; if it keeps failing, check Slack:ClientId and Slack:ClientSecret.");
        }

        // An org-wide install on Enterprise Grid has no team: it is one installation for the whole organisation.
        var orgWide = answer["is_enterprise_install"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
        var tenant = new SlackTenant(Text(answer["team"]?["id"]), Text(answer["enterprise"]?["id"]), orgWide);
        var token = Text(answer["access_token"]);
        if (tenant.Key is not { } key || (orgWide && tenant.EnterpriseId is null) || token is null || Text(answer["token_type"]) != "bot")
        {
            return Page(HttpStatusCode.BadGateway, "Slack's answer was incomplete", "No bot token came back. Start the installation again.");
        }

        var installation = tokens.Protect(key, token, clock.GetUtcNow().UtcDateTime);
        installation.WorkspaceName = orgWide ? Text(answer["enterprise"]?["name"]) : Text(answer["team"]?["name"]);
        installation.BotUserId = Text(answer["bot_user_id"]);
        installation.Permissions = Text(answer["scope"]);
        installation.InstalledById = Text(answer["authed_user"]?["id"]);
        await installations.SaveAsync(installation, cancellationToken);
        return orgWide
            ? Page(HttpStatusCode.OK, "ChatOpsIR is installed for your organisation", $"ChatOpsIR is installed across {installation.WorkspaceName ?? key}. Add it to the workspaces that should use it from your organisation's app management page; then, in any channel, type /ir help.")
            : Page(HttpStatusCode.OK, "ChatOpsIR is installed", $"ChatOpsIR can now run incidents in {installation.WorkspaceName ?? key}. In any channel, type /ir help.");
    }

    private static string RedirectUri(HttpContext http, SlackOptions slack) =>
        slack.OAuthRedirectUrl is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}/api/slack/oauth/callback";

    private static IResult Page(HttpStatusCode status, string title, string text)
    {
        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)} · ChatOpsIR</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1d3b53">
            <h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, (int)status);
    }
}
