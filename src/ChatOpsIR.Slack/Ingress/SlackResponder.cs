using System.Text.Json.Nodes;
using ChatOpsIR.Slack.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>Where the answers to one Slack request go: the install (<see cref="Team"/> is its key), the channel, the person, and the request's response_url if it had one.</summary>
public sealed record SlackReplyTarget(string Team, string Channel, string UserId, string? ResponseUrl);

/// <summary>
/// Posts the messages answering one request, in order: through its response_url while Slack still takes it (five
/// posts within 30 minutes), and through the Web API after that — chat.postMessage for what the channel sees,
/// chat.postEphemeral for what only the caller sees.
/// </summary>
public static partial class SlackResponder
{
    public static async Task SendAsync(IServiceProvider services, SlackReplyTarget target, IEnumerable<JsonObject> messages, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<SlackApiClient>();
        var urls = services.GetRequiredService<SlackResponseUrls>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackResponder));
        var url = target.ResponseUrl is { Length: > 0 } given ? given : null;
        if (url is not null && !SlackApiClient.IsAllowedResponseUrl(url, services.GetRequiredService<IOptions<SlackOptions>>().Value))
        {
            // The URL came in a payload: a host Slack does not use is never called, and nothing is posted in its place.
            LogRefusedResponseUrl(logger);
            return;
        }

        string? token = null;
        foreach (var message in messages)
        {
            if (url is not null && urls.TryUse(url))
            {
                try
                {
                    await client.PostToResponseUrlAsync(url, message, cancellationToken);
                    continue;
                }
                catch (SlackApiException ex) when (ex.Error.StartsWith("http_4", StringComparison.Ordinal))
                {
                    // Slack refused the URL (expired or used up on its side): this message and the rest go through the Web API.
                    LogResponseUrlRefused(logger, ex.Error);
                    urls.Spend(url);
                }
            }

            token ??= await services.GetRequiredService<SlackTokenProvider>().GetTokenAsync(target.Team, cancellationToken);
            await PostWithWebApiAsync(client, token, target, message, cancellationToken);
        }
    }

    private static async Task PostWithWebApiAsync(SlackApiClient client, string token, SlackReplyTarget target, JsonObject message, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack refused a response_url ({Error}); answering through the Web API instead.")]
    private static partial void LogResponseUrlRefused(ILogger logger, string error);
}
