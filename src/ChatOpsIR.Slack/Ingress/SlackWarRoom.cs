using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Slack.Api;
using ChatOpsIR.Slack.BlockKit;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// `declare … new-channel` on Slack: create a war-room channel, invite the declarer, declare the incident there,
/// post its card and pin it, then tell the channel the command came from where the war room is.
/// Runs after Slack has been answered: channel creation can take longer than Slack's 3 seconds.
/// </summary>
public static class SlackWarRoom
{
    public const int MaxNameAttempts = 5;

    public static async Task OpenAsync(IServiceProvider services, SlackTenant tenant, ChatUser declarer, string line, DeclareCommand declare, string? responseUrl, CancellationToken cancellationToken)
    {
        var team = tenant.Key!;
        var client = services.GetRequiredService<SlackApiClient>();
        var token = await services.GetRequiredService<SlackTokenProvider>().GetTokenAsync(team, cancellationToken);
        var clock = services.GetRequiredService<TimeProvider>();

        // An org-wide install's token spans the organisation: Slack must be told in which workspace to create the channel.
        var workspace = tenant.IsEnterpriseInstall ? tenant.TeamId : null;
        JsonObject channel;
        try
        {
            channel = await CreateChannelAsync(client, token, ChannelName(declare.Title, clock.GetUtcNow().UtcDateTime), workspace, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            await TellAsync(client, responseUrl, Explain(ex.Error, declare.Title), "ephemeral", cancellationToken);
            return;
        }

        var channelId = channel["id"]!.GetValue<string>();
        var channelName = channel["name"]?.GetValue<string>() ?? channelId;
        try
        {
            await client.CallAsync("conversations.invite", new JsonObject { ["channel"] = channelId, ["users"] = declarer.Id }, token, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error is "already_in_channel" or "cant_invite_self")
        {
        }

        var context = new CommandContext(SlackEndpoints.Scope(team), Platform.Slack, channelId, declarer) { ChannelName = channelName };
        var reply = await services.GetRequiredService<CommandService>().ExecuteAsync(context, line, cancellationToken);
        if (reply.IsError)
        {
            await TellAsync(client, responseUrl, $"The channel #{channelName} was created, but the incident could not be declared there: {reply.Text}", "ephemeral", cancellationToken);
            return;
        }

        string? firstTs = null;
        foreach (var message in SlackReplies.Render(reply))
        {
            message.Remove("response_type");
            var ts = await client.PostMessageAsync(channelId, message, token, cancellationToken);
            firstTs ??= ts;
        }

        if (firstTs is not null)
        {
            try
            {
                await client.CallAsync("pins.add", new JsonObject { ["channel"] = channelId, ["timestamp"] = firstTs }, token, cancellationToken);
            }
            catch (SlackApiException ex) when (ex.Error is "already_pinned" or "missing_scope")
            {
                // The card is posted either way; a missing pin is not worth failing the war room for.
            }
        }

        await TellAsync(client, responseUrl, null, "in_channel", cancellationToken, new JsonObject
        {
            ["type"] = "mrkdwn",
            // The channel reference is built from the id Slack just returned, never from user text.
            ["text"] = $"{BlockKitRenderer.EscapeMrkdwn(declarer.DisplayName)} opened the war room <#{channelId}> for *{BlockKitRenderer.EscapeMrkdwn(declare.Title)}*.",
        });
    }

    /// <summary>`inc-20261125-ransomware-on-file-server`: lowercase letters, digits and dashes, at most 80 characters.</summary>
    public static string ChannelName(string title, DateTime utcNow)
    {
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var prefix = $"inc-{utcNow:yyyyMMdd}";
        var name = slug.Length == 0 ? prefix : $"{prefix}-{slug.ToString().Trim('-')}";
        return name.Length <= 72 ? name : name[..72].TrimEnd('-');
    }

    private static async Task<JsonObject> CreateChannelAsync(SlackApiClient client, string token, string name, string? workspace, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? name : $"{name}-{attempt}";
            try
            {
                var body = new JsonObject { ["name"] = candidate, ["is_private"] = false };
                if (workspace is { Length: > 0 })
                {
                    body["team_id"] = workspace;
                }

                var answer = await client.CallAsync("conversations.create", body, token, cancellationToken);
                return answer["channel"]!.AsObject();
            }
            catch (SlackApiException ex) when (ex.Error == "name_taken" && attempt < MaxNameAttempts)
            {
            }
        }
    }

    private static string Explain(string error, string title) => error switch
    {
        "missing_scope" => $"I could not create a war-room channel for “{title}”: the app lacks the channels:manage scope. Reinstall it from the manifest, or declare without new-channel.",
        "restricted_action" => $"This workspace does not let apps create channels, so no war room was created for “{title}”. Declare without new-channel in the channel you want to use.",
        "name_taken" => $"Every channel name I tried for “{title}” is taken. Create a channel yourself and declare there.",
        _ => $"Slack refused to create a war-room channel for “{title}” ({error}). Nothing was declared; try again, or declare without new-channel.",
    };

    private static async Task TellAsync(SlackApiClient client, string? responseUrl, string? text, string responseType, CancellationToken cancellationToken, JsonObject? mrkdwn = null)
    {
        if (responseUrl is null)
        {
            return;
        }

        var message = text is null
            ? new JsonObject
            {
                ["text"] = mrkdwn!["text"]!.GetValue<string>(),
                ["blocks"] = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = mrkdwn }),
            }
            : BlockKitRenderer.RenderText(text);
        message["response_type"] = responseType;
        await client.PostToResponseUrlAsync(responseUrl, message, cancellationToken);
    }
}
