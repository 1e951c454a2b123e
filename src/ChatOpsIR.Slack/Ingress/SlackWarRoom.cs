using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.SlowWork;
using ChatOpsIR.Slack.Api;
using ChatOpsIR.Slack.BlockKit;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// Slack's part of `declare … new-channel` (the flow is Core's <see cref="WarRoomWorkflow"/>): conversations.create with
/// a few names when one is taken, conversations.invite, the card posted and pinned, and the origin told through the
/// command's response_url.
/// </summary>
public sealed class SlackWarRoom(SlackApiClient client, SlackTokenProvider tokens, SlackResponder replies, TimeProvider clock) : IWarRoomChannels
{
    public const int MaxNameAttempts = 5;

    public Platform Platform => Platform.Slack;

    public async Task<WarRoomChannel> CreateChannelAsync(WorkItem item, string title, bool isPrivate, CancellationToken cancellationToken)
    {
        var address = SlackReplyAddress.Read(item.ReplyAddress);
        var token = await tokens.GetTokenAsync(address.Team, cancellationToken);
        var name = ChannelName(title, clock.GetUtcNow().UtcDateTime);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? name : $"{name}-{attempt}";
            var body = new JsonObject { ["name"] = candidate, ["is_private"] = isPrivate };

            // An org-wide install's token spans the organisation: Slack must be told in which workspace to create the channel.
            if (address.Workspace is { Length: > 0 } workspace)
            {
                body["team_id"] = workspace;
            }

            try
            {
                var channel = (await client.CallAsync("conversations.create", body, token, cancellationToken))["channel"]!.AsObject();
                var id = channel["id"]!.GetValue<string>();
                return Describe(id, channel["name"]?.GetValue<string>() ?? id, url: null, isPrivate);
            }
            catch (SlackApiException ex) when (ex.Error == "name_taken" && attempt < MaxNameAttempts)
            {
            }
            catch (SlackApiException ex)
            {
                throw new WarRoomUnavailableException(Explain(ex.Error, title), inner: ex);
            }
        }
    }

    public WarRoomChannel Describe(string id, string name, string? url, bool isPrivate) => new(id, name, $"channel #{name}", url);

    public async Task InviteAsync(WorkItem item, WarRoomChannel channel, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(SlackReplyAddress.Read(item.ReplyAddress).Team, cancellationToken);
        try
        {
            await client.CallAsync("conversations.invite", new JsonObject { ["channel"] = channel.Id, ["users"] = item.RequesterId }, token, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error is "already_in_channel" or "cant_invite_self")
        {
        }
    }

    public async Task PostIncidentAsync(WorkItem item, WarRoomChannel channel, BotReply declared, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(SlackReplyAddress.Read(item.ReplyAddress).Team, cancellationToken);
        string? firstTs = null;
        foreach (var message in SlackReplies.Render(declared))
        {
            message.Remove("response_type");
            var ts = await client.PostMessageAsync(channel.Id, message, token, cancellationToken);
            firstTs ??= ts;
        }

        if (firstTs is not null)
        {
            try
            {
                await client.CallAsync("pins.add", new JsonObject { ["channel"] = channel.Id, ["timestamp"] = firstTs }, token, cancellationToken);
            }
            catch (SlackApiException ex) when (ex.Error is "already_pinned" or "missing_scope")
            {
                // The card is posted either way; a missing pin is not worth failing the war room for.
            }
        }
    }

    public Task TellOpenedAsync(WorkItem item, WarRoomChannel channel, string title, BotReply declared, CancellationToken cancellationToken)
    {
        var address = SlackReplyAddress.Read(item.ReplyAddress);
        if (address.ResponseUrl is null)
        {
            return Task.CompletedTask; // a modal has no response_url: the declarer sees the channel they were invited to
        }

        var mrkdwn = new JsonObject
        {
            ["type"] = "mrkdwn",
            // The channel reference is built from the id Slack returned, never from user text.
            ["text"] = $"{BlockKitRenderer.EscapeMrkdwn(item.RequesterName)} opened the war room <#{channel.Id}> for *{BlockKitRenderer.EscapeMrkdwn(title)}*.",
        };
        var message = new JsonObject
        {
            ["text"] = mrkdwn["text"]!.GetValue<string>(),
            ["blocks"] = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = mrkdwn }),
            ["response_type"] = "in_channel",
        };
        return replies.SendAsync(address.Target, [message], cancellationToken);
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

    private static string Explain(string error, string title) => error switch
    {
        "missing_scope" => $"I could not create a war-room channel for “{title}”: the app lacks the channels:manage scope. Reinstall it from the manifest, or declare without new-channel.",
        "restricted_action" => $"This workspace does not let apps create channels, so no war room was created for “{title}”. Declare without new-channel in the channel you want to use.",
        "name_taken" => $"Every channel name I tried for “{title}” is taken. Create a channel yourself and declare there.",
        _ => $"Slack refused to create a war-room channel for “{title}” ({error}). Nothing was declared; try again, or declare without new-channel.",
    };
}

/// <summary>Answers a command later: through its response_url while Slack takes it, else (a mention, a modal, an old URL) through the Web API.</summary>
public sealed class SlackDeferredReply(SlackResponder replies) : IDeferredReply
{
    public Platform Platform => Platform.Slack;

    public Task SendAsync(string replyAddress, BotReply reply, CancellationToken cancellationToken)
    {
        var address = SlackReplyAddress.Read(replyAddress);

        // A modal or a mention (no response_url) is answered through the Web API, privately to the person or to the channel.
        return replies.SendAsync(address.Target, SlackReplies.Render(reply), cancellationToken);
    }
}
