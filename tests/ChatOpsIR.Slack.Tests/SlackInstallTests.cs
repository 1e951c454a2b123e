using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Data;
using ChatOpsIR.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Slack.Tests;

public class SlackInstallTests
{
    private static async Task<SlackApp> StartMultiWorkspaceAsync()
    {
        var slack = await SlackApp.StartAsync(configure: app =>
        {
            app.Settings["Slack:ClientId"] = "1111.2222";
            app.Settings["Slack:ClientSecret"] = "client-secret";
        });
        return slack;
    }

    private static HttpClient Browser(SlackApp slack) =>
        slack.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> StartInstallAsync(HttpClient browser)
    {
        var start = await browser.GetAsync("/api/slack/install");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.StartsWith("https://slack.com/oauth/v2/authorize?", start.Headers.Location!.ToString());
        var query = QueryHelpers.ParseQuery(start.Headers.Location!.Query);
        Assert.Equal("1111.2222", query["client_id"].ToString());
        Assert.Contains("commands", query["scope"].ToString());
        Assert.EndsWith("/api/slack/oauth/callback", query["redirect_uri"].ToString());
        return query["state"].ToString();
    }

    [Fact]
    public async Task A_workspace_installs_the_app_and_its_own_token_is_stored_encrypted_and_used_for_it()
    {
        await using var slack = await StartMultiWorkspaceAsync();
        slack.Slack.Answer("oauth.v2.access", _ => new JsonObject
        {
            ["ok"] = true,
            ["access_token"] = "xoxb-workspace-two",
            ["token_type"] = "bot",
            ["scope"] = "commands,chat:write",
            ["bot_user_id"] = "U0BOT2",
            ["team"] = new JsonObject { ["id"] = "T0002", ["name"] = "Second Co" },
            ["authed_user"] = new JsonObject { ["id"] = "U0200" },
        });
        var browser = Browser(slack);
        var state = await StartInstallAsync(browser);

        var done = await browser.GetAsync($"/api/slack/oauth/callback?code=abc123&state={state}");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("ChatOpsIR is installed", await done.Content.ReadAsStringAsync());
        var exchange = slack.Slack.CallsTo("oauth.v2.access").Single().Body["_raw"]!.GetValue<string>();
        Assert.Contains("code=abc123", exchange);
        Assert.Contains("client_secret=client-secret", exchange);

        using (var scope = slack.App.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>().Installations.SingleAsync();
            Assert.Equal("slack:T0002", stored.Scope.ToString());
            Assert.DoesNotContain("xoxb", stored.ProtectedSecret);
        }

        // A mention in the new workspace is answered with that workspace's token, not the configured one.
        var mention = JsonNode.Parse(SlackSigner.Fixture("slack/event-app-mention.json"))!;
        mention["team_id"] = "T0002";
        mention["event"]!["text"] = "<@U0BOT2> help";
        await slack.SendEventAsync(mention.ToJsonString());
        var answered = await slack.Slack.WaitForAsync("chat.postEphemeral");
        Assert.Equal("Bearer xoxb-workspace-two", answered[0].Authorization);
    }

    [Fact]
    public async Task A_callback_without_the_browsers_state_installs_nothing()
    {
        await using var slack = await StartMultiWorkspaceAsync();
        var browser = Browser(slack);
        await StartInstallAsync(browser);

        var forged = await browser.GetAsync("/api/slack/oauth/callback?code=abc123&state=0000");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var otherBrowser = await Browser(slack).GetAsync("/api/slack/oauth/callback?code=abc123&state=whatever");
        Assert.Equal(HttpStatusCode.BadRequest, otherBrowser.StatusCode);
        Assert.Empty(slack.Slack.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task Uninstalling_forgets_the_workspaces_token()
    {
        await using var slack = await StartMultiWorkspaceAsync();
        slack.Slack.Answer("oauth.v2.access", _ => new JsonObject
        {
            ["ok"] = true,
            ["access_token"] = "xoxb-workspace-two",
            ["token_type"] = "bot",
            ["team"] = new JsonObject { ["id"] = "T0002" },
        });
        var browser = Browser(slack);
        var state = await StartInstallAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/slack/oauth/callback?code=c&state={state}")).StatusCode);

        var uninstalled = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T0002",
            ["event_id"] = "Ev0020UNINSTALL",
            ["event"] = new JsonObject { ["type"] = "app_uninstalled" },
        };
        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(uninstalled.ToJsonString())).StatusCode);
        using var scope = slack.App.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>().Installations.ToListAsync());
    }

    [Fact]
    public async Task Without_client_credentials_the_install_page_says_how_to_set_it_up()
    {
        await using var slack = await SlackApp.StartAsync();
        var response = await Browser(slack).GetAsync("/api/slack/install");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Slack:ClientId", await response.Content.ReadAsStringAsync());
    }
}
