using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Data;
using ChatOpsIR.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Slack.Tests;

/// <summary>
/// Enterprise Grid: an org-wide install is one installation for every workspace of the organisation (one token, one
/// scope per enterprise); a workspace that installed the app on its own, and any workspace outside the org, stay apart.
/// </summary>
public class SlackEnterpriseTests
{
    private const string OrgToken = "xoxb-org-wide";

    private static Dictionary<string, string> OrgWide(string enterprise = "E0001") => new()
    {
        ["enterprise_id"] = enterprise,
        ["enterprise_name"] = "Starship",
        ["is_enterprise_install"] = "true",
    };

    private static async Task<JsonObject> CommandAsync(SlackApp slack, string text, string team, string channel, Dictionary<string, string>? extra)
    {
        var response = await slack.SendCommandAsync(SlackApp.Command(text, team, channel, responseUrl: slack.Slack.ResponseUrl($"commands/{team}"), extra: extra));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task InstallOrgWideAsync(SlackApp slack)
    {
        slack.Slack.Answer("oauth.v2.access", _ => new JsonObject
        {
            ["ok"] = true,
            ["access_token"] = OrgToken,
            ["token_type"] = "bot",
            ["scope"] = "commands,chat:write,channels:history",
            ["bot_user_id"] = "W0BOT",
            ["app_id"] = "A0001",
            ["team"] = null,
            ["enterprise"] = new JsonObject { ["id"] = "E0001", ["name"] = "Starship" },
            ["is_enterprise_install"] = true,
            ["authed_user"] = new JsonObject { ["id"] = "W0ADMIN" },
        });
        var browser = slack.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var start = await browser.GetAsync("/api/slack/install");
        var state = QueryHelpers.ParseQuery(start.Headers.Location!.Query)["state"].ToString();
        var done = await browser.GetAsync($"/api/slack/oauth/callback?code=org-code&state={state}");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var page = await done.Content.ReadAsStringAsync();
        Assert.Contains("installed for your organisation", page);
        Assert.Contains("Starship", page);
    }

    [Fact]
    public async Task An_org_wide_install_stores_one_token_for_the_enterprise_and_every_workspace_of_the_org_uses_it_and_shares_its_incidents()
    {
        await using var slack = await SlackApp.StartAsync(configure: app =>
        {
            app.Settings["Slack:ClientId"] = "1111.2222";
            app.Settings["Slack:ClientSecret"] = "client-secret";
        });
        await InstallOrgWideAsync(slack);
        using (var scope = slack.App.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>().Installations.SingleAsync();
            Assert.Equal("slack:E0001", stored.Scope.ToString());
            Assert.Equal("Starship", stored.WorkspaceName);
            Assert.DoesNotContain("xoxb", stored.ProtectedSecret);
        }

        // Declared from one workspace of the org, seen from another: a channel shared across the org is one incident.
        var declared = await CommandAsync(slack, "declare Org-wide phishing sev2", "T0001", "C0100", OrgWide());
        Assert.Equal("in_channel", declared["response_type"]!.GetValue<string>());
        Assert.Contains("Org-wide phishing", SlackApp.Text(await CommandAsync(slack, "timeline", "T0002", "C0100", OrgWide())));

        // A workspace outside the org, and a workspace of the org that installed the app on its own, see nothing of it.
        Assert.Contains("No incident has been declared", SlackApp.Text(await CommandAsync(slack, "timeline", "T0003", "C0100", null)));
        var ownInstall = new Dictionary<string, string> { ["enterprise_id"] = "E0001", ["is_enterprise_install"] = "false" };
        Assert.Contains("No incident has been declared", SlackApp.Text(await CommandAsync(slack, "timeline", "T0004", "C0100", ownInstall)));

        // A mention in a second workspace of the org is answered with the org's token.
        var mention = JsonNode.Parse(SlackSigner.Fixture("slack/event-app-mention.json"))!;
        mention["team_id"] = "T0002";
        mention["enterprise_id"] = "E0001";
        mention["authorizations"] = new JsonArray(new JsonObject
        {
            ["enterprise_id"] = "E0001", ["team_id"] = null, ["user_id"] = "W0BOT", ["is_bot"] = true, ["is_enterprise_install"] = true,
        });
        mention["event"]!["channel"] = "C0100";
        mention["event"]!["text"] = "<@W0BOT> note Blocked the sender domain";
        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(mention.ToJsonString())).StatusCode);
        var answered = await slack.Slack.WaitForAsync("chat.postMessage");
        Assert.Equal($"Bearer {OrgToken}", answered[0].Authorization);
        Assert.Contains("Blocked the sender domain", SlackApp.Text(await CommandAsync(slack, "timeline", "T0001", "C0100", OrgWide())));

        // A war room in an org-wide install is created in the workspace the command came from.
        slack.Slack.Answer("conversations.create", body => new JsonObject
        {
            ["ok"] = true,
            ["channel"] = new JsonObject { ["id"] = "C0WAR", ["name"] = body["name"]!.DeepClone() },
        });
        await CommandAsync(slack, "declare Second org incident sev3 new-channel", "T0002", "C0200", OrgWide());
        var create = (await slack.Slack.WaitForAsync("conversations.create")).Single();
        Assert.Equal("T0002", create.Body["team_id"]!.GetValue<string>());
        Assert.Equal($"Bearer {OrgToken}", create.Authorization);

        // Uninstalling from the org forgets the org's token.
        var uninstalled = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T0001",
            ["enterprise_id"] = "E0001",
            ["event_id"] = "Ev0030ORGUNINSTALL",
            ["event"] = new JsonObject { ["type"] = "app_uninstalled" },
            ["authorizations"] = new JsonArray(new JsonObject { ["enterprise_id"] = "E0001", ["team_id"] = null, ["user_id"] = "W0BOT", ["is_bot"] = true, ["is_enterprise_install"] = true }),
        };
        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(uninstalled.ToJsonString())).StatusCode);
        using var after = slack.App.Services.CreateScope();
        Assert.Empty(await after.ServiceProvider.GetRequiredService<ChatOpsDbContext>().Installations.ToListAsync());
    }

    [Fact]
    public async Task A_button_pressed_in_another_workspace_of_the_org_acts_in_the_enterprise_scope()
    {
        await using var slack = await SlackApp.StartAsync();
        var declared = await CommandAsync(slack, "declare Shared channel outage sev2", "T0001", "C0100", OrgWide());
        var button = declared["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .First(e => e!["text"]!["text"]!.GetValue<string>() == "Timeline")!.AsObject();

        // The button is pressed by someone of another workspace of the org, in the shared channel.
        var press = JsonNode.Parse(SlackSigner.Fixture("slack/interaction-block-actions.json"))!;
        press["team"] = new JsonObject { ["id"] = "T0002", ["domain"] = "second" };
        press["enterprise"] = new JsonObject { ["id"] = "E0001", ["name"] = "Starship" };
        press["is_enterprise_install"] = true;
        press["channel"] = new JsonObject { ["id"] = "C0100", ["name"] = "shared" };
        press["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = "C0100", ["message_ts"] = "1732530000.000100" };
        press["response_url"] = slack.Slack.ResponseUrl("actions/org");
        press["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = button["action_id"]!.GetValue<string>(),
            ["block_id"] = "b1",
            ["value"] = button["value"]!.GetValue<string>(),
            ["action_ts"] = "1732530060.123456",
        });

        Assert.Equal(HttpStatusCode.OK, (await slack.SendInteractionAsync(press.ToJsonString())).StatusCode);
        var answer = await slack.Slack.WaitForAsync("hooks");
        Assert.Contains("Shared channel outage", SlackApp.Text(answer[0].Body));

        // The same press from a workspace outside the org finds no incident by that reference: references are per workspace.
        press["team"] = new JsonObject { ["id"] = "T0009", ["domain"] = "elsewhere" };
        press["enterprise"] = null;
        press["is_enterprise_install"] = false;
        press["response_url"] = slack.Slack.ResponseUrl("actions/outside");
        Assert.Equal(HttpStatusCode.OK, (await slack.SendInteractionAsync(press.ToJsonString())).StatusCode);
        var outside = await slack.Slack.WaitForAsync("hooks", 2);
        Assert.DoesNotContain("Shared channel outage", SlackApp.Text(outside[1].Body));
        Assert.Contains("There is no INC-0001 here", SlackApp.Text(outside[1].Body));
    }
}
