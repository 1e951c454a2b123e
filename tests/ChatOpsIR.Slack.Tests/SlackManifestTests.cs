using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIR.Slack.Ingress;
using ChatOpsIR.Slack.Ingress.Interactions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>The app manifest a workspace admin pastes into Slack: within Slack's limits and pointing at the routes the host serves.</summary>
public class SlackManifestTests
{
    private static JsonObject Manifest() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.File("manifests", "slack", "manifest.json")))!.AsObject();

    [Fact]
    public void Names_and_descriptions_fit_slacks_limits()
    {
        var manifest = Manifest();
        Assert.InRange(manifest["display_information"]!["name"]!.GetValue<string>().Length, 1, 35);
        Assert.InRange(manifest["display_information"]!["description"]!.GetValue<string>().Length, 1, 140);
        Assert.Matches(new Regex("^[a-z0-9._-]{1,80}$"), manifest["features"]!["bot_user"]!["display_name"]!.GetValue<string>());
        var command = manifest["features"]!["slash_commands"]![0]!;
        Assert.Equal("/ir", command["command"]!.GetValue<string>());
        var shortcuts = manifest["features"]!["shortcuts"]!.AsArray();
        Assert.Equal([SlackMessageShortcut.CallbackId, SlackEvidenceShortcut.CallbackId], shortcuts.Select(s => s!["callback_id"]!.GetValue<string>()));
        Assert.All(shortcuts, shortcut => Assert.Equal("message", shortcut!["type"]!.GetValue<string>()));
        Assert.All(shortcuts, shortcut => Assert.InRange(shortcut!["description"]!.GetValue<string>().Length, 1, 150));
    }

    [Fact]
    public void Request_urls_are_the_routes_the_host_serves()
    {
        var manifest = Manifest();
        Assert.Equal("https://HOST/api/slack/commands", manifest["features"]!["slash_commands"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("https://HOST/api/slack/events", manifest["settings"]!["event_subscriptions"]!["request_url"]!.GetValue<string>());
        Assert.Equal("https://HOST/api/slack/interactions", manifest["settings"]!["interactivity"]!["request_url"]!.GetValue<string>());
    }

    [Fact]
    public void The_bot_subscribes_to_what_it_handles_and_asks_for_the_scopes_it_uses()
    {
        var manifest = Manifest();
        var events = manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains("app_mention", events);
        Assert.Contains("reaction_added", events);
        var scopes = manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        foreach (var needed in new[] { "commands", "chat:write", "app_mentions:read", "channels:history", "groups:history", "users:read", "reactions:read", "usergroups:read", "files:read" })
        {
            Assert.Contains(needed, scopes);
            Assert.Contains(needed, SlackInstall.BotScopes.Split(','));
        }
    }

    [Fact]
    public void The_app_can_be_installed_across_an_enterprise_grid_organisation() =>
        Assert.True(Manifest()["settings"]!["org_deploy_enabled"]!.GetValue<bool>());
}
