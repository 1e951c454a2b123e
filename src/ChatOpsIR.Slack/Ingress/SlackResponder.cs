using System.Text.Json.Nodes;
using ChatOpsIR.Slack.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>Where the answers to one Slack request go: the install (<see cref="Team"/> is its key), the channel, the person, and the request's response_url if it had one.</summary>
public sealed record SlackReplyTarget(string Team, string Channel, string UserId, string? ResponseUrl);

/// <summary>
/// The message a button was pressed on: the press's response_url, and the channel and ts that chat.update needs once the
/// URL is spent. An ephemeral message has no ts anyone else can see and cannot be changed through the Web API.
/// </summary>
public sealed record SlackOriginalMessage(string Team, string Channel, string? Ts, bool IsEphemeral, string? ResponseUrl);

/// <summary>
/// Posts the messages answering one request, in order: through its response_url while Slack still takes it (five
/// posts within 30 minutes), and through the Web API after that — chat.postMessage for what the channel sees,
/// chat.postEphemeral for what only the caller sees.
/// </summary>
public sealed partial class SlackResponder(SlackApiClient client, SlackResponseUrls urls, IOptions<SlackOptions> options, SlackTokenProvider tokens, ILogger<SlackResponder> logger)
{
    public async Task SendAsync(SlackReplyTarget target, IEnumerable<JsonObject> messages, CancellationToken cancellationToken)
    {
        var url = target.ResponseUrl is { Length: > 0 } given ? given : null;
        if (url is not null && !SlackApiClient.IsAllowedResponseUrl(url, options.Value))
        {
            // The URL came in a payload: a host Slack does not use is never called, and nothing is posted in its place.
            LogRefusedResponseUrl(logger);
            return;
        }

        string? token = null;
        foreach (var message in messages)
        {
            if (url is not null && await TryResponseUrlAsync(url, message, cancellationToken))
            {
                continue;
            }

            token ??= await tokens.GetTokenAsync(target.Team, cancellationToken);
            await PostWithWebApiAsync(token, target, message, cancellationToken);
        }
    }

    /// <summary>
    /// Replaces the message a button was pressed on, for everyone who sees it: through the press's response_url with
    /// replace_original while Slack still takes it, else with chat.update. An ephemeral message is only reachable through
    /// its response_url; once that is spent it stays as it is (only the presser sees it). Never throws for Slack's refusal:
    /// a card left unchanged must not stop the answer that follows.
    /// </summary>
    public async Task ReplaceOriginalAsync(SlackOriginalMessage original, JsonObject message, CancellationToken cancellationToken)
    {
        var body = (JsonObject)message.DeepClone();
        body.Remove("response_type");
        body.Remove("delete_original");
        try
        {
            body["replace_original"] = true;
            if (original.ResponseUrl is { Length: > 0 } url
                && SlackApiClient.IsAllowedResponseUrl(url, options.Value)
                && await TryResponseUrlAsync(url, body, cancellationToken))
            {
                return;
            }

            if (original.IsEphemeral || original.Ts is not { Length: > 0 } ts)
            {
                LogOriginalLeft(logger);
                return;
            }

            body.Remove("replace_original");
            body["channel"] = original.Channel;
            body["ts"] = ts;
            var token = await tokens.GetTokenAsync(original.Team, cancellationToken);
            await client.CallAsync("chat.update", body, token, cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or SlackNotInstalledException or HttpRequestException)
        {
            LogReplaceFailed(logger, ex is SlackApiException api ? api.Error : ex.GetType().Name);
        }
    }

    /// <summary>
    /// Posts through a response_url if it has a use left. False when it has none, or when Slack refuses it (expired or used
    /// up on its side): it is then spent, and the caller goes through the Web API.
    /// </summary>
    private async Task<bool> TryResponseUrlAsync(string url, JsonObject message, CancellationToken cancellationToken)
    {
        if (!urls.TryUse(url))
        {
            return false;
        }

        try
        {
            await client.PostToResponseUrlAsync(url, message, cancellationToken);
            return true;
        }
        catch (SlackApiException ex) when (ex.Error.StartsWith("http_4", StringComparison.Ordinal))
        {
            LogResponseUrlRefused(logger, ex.Error);
            urls.Spend(url);
            return false;
        }
    }

    private async Task PostWithWebApiAsync(string token, SlackReplyTarget target, JsonObject message, CancellationToken cancellationToken)
    {
        var body = (JsonObject)message.DeepClone();
        var forChannel = body["response_type"]?.GetValue<string>() == "in_channel";
        body.Remove("response_type");
        body.Remove("replace_original");
        body.Remove("delete_original");
        if (forChannel)
        {
            await client.PostMessageAsync(target.Channel, body, token, cancellationToken);
        }
        else
        {
            body["channel"] = target.Channel;
            body["user"] = target.UserId;
            await client.CallAsync("chat.postEphemeral", body, token, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to call a response_url whose host is not in Slack:ResponseUrlHosts.")]
    private static partial void LogRefusedResponseUrl(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "An answered ephemeral card (or one without a ts) could not be replaced: its response_url is spent.")]
    private static partial void LogOriginalLeft(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not replace an answered card ({Error}); its buttons stay.")]
    private static partial void LogReplaceFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack refused a response_url ({Error}); answering through the Web API instead.")]
    private static partial void LogResponseUrlRefused(ILogger logger, string error);
}
