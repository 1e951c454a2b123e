using ChatOpsIR.Core.Incidents;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Slack.Api;
using ChatOpsIR.Slack.BlockKit;

namespace ChatOpsIR.Slack.Ingress.Events;

/// <summary>Someone opened the bot's Home tab: it is published after Slack is answered (it is published again whenever the tab is opened).</summary>
public sealed class SlackAppHomeOpened(SlackBackgroundQueue queue) : ISlackEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [SlackEventTypes.AppHomeOpened];

    public async Task HandleAsync(SlackEventDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Event is { User: { } user, Tab: "home" })
        {
            await queue.EnqueueAsync(new SlackHomeWork(delivery.Team, user), cancellationToken);
        }
    }
}

/// <summary>A person's App Home: their incidents and action items of this install, at the times of their Slack profile's zone.</summary>
public sealed class SlackAppHome(SlackApiClient client, SlackTokenProvider tokens, SlackUserDirectory users, PersonalOverview overview, TimeProvider clock)
{
    /// <summary>Slack's limit of blocks in a Home tab view.</summary>
    public const int HomeTabMaxBlocks = 100;

    public async Task PublishAsync(string team, string userId, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(team, cancellationToken);
        var (user, zone, zoneName) = await users.ResolveWithTimeZoneAsync(team, userId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var card = await overview.BuildAsync(TenantScope.Slack(team), user, zone ?? TimeZoneInfo.Utc, cancellationToken, ZoneNote(zone, zoneName, now));
        var blocks = new JsonArray();
        foreach (var message in BlockKitRenderer.RenderMessages(card))
        {
            foreach (var block in message["blocks"]!.AsArray().ToList())
            {
                if (blocks.Count < HomeTabMaxBlocks)
                {
                    blocks.Add(block!.DeepClone());
                }
            }
        }

        await client.CallAsync("views.publish", new JsonObject
        {
            ["user_id"] = userId,
            ["view"] = new JsonObject { ["type"] = "home", ["blocks"] = blocks },
        }, token, cancellationToken);
    }

    /// <summary>The one line on App Home that says which zone its times are in, and why; the times after it are bare.</summary>
    private static string ZoneNote(TimeZoneInfo? zone, string? zoneName, DateTime now) => zone is not null
        ? $"Times are in your Slack time zone, {zoneName} ({TimeFormat.Zone(zone, now)})."
        : zoneName is not null
            ? $"Times are in UTC: your Slack time zone {zoneName} is not known to this server."
            : "Times are in UTC: your Slack profile has no time zone.";
}
