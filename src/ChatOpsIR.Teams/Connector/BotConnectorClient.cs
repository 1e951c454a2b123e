using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using ChatOpsIR.Teams.Protocol;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams.Connector;

/// <summary>A Connector call that failed for good (after any retries), or whose outcome is unknown.</summary>
public sealed class BotConnectorException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
}

/// <summary>
/// The Bot Connector REST API (PROTOCOLS 2.4). Every call goes to the <c>serviceUrl</c> stored with the conversation,
/// never to a configured host, and carries the bot's token only there. Throttling (429, 412) and server errors are
/// retried with bounded backoff on the injected clock; a request whose outcome is unknown (connection lost, timeout)
/// is never sent again, so a message cannot appear twice.
/// </summary>
public sealed partial class BotConnectorClient(HttpClient http, BotTokenProvider tokens, TimeProvider clock, ILogger<BotConnectorClient> logger)
{
    public const int MaxAttempts = 4;
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);

    /// <summary>Posts a new message to a conversation (in a channel thread when the id carries <c>;messageid=</c> or the activity a reply-to id).</summary>
    public Task<string?> SendAsync(string serviceUrl, string conversationId, OutgoingActivity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities"), activity, TeamsJsonContext.Default.OutgoingActivity, cancellationToken);

    /// <summary>Replies to an activity; in a channel the reply goes into that activity's thread.</summary>
    public Task<string?> ReplyAsync(string serviceUrl, string conversationId, string activityId, OutgoingActivity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}"), activity with { ReplyToId = activityId }, TeamsJsonContext.Default.OutgoingActivity, cancellationToken);

    /// <summary>Replaces a message the bot sent earlier (for everyone in the conversation).</summary>
    public Task<string?> UpdateAsync(string serviceUrl, string conversationId, string activityId, OutgoingActivity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}"), activity with { Id = activityId }, TeamsJsonContext.Default.OutgoingActivity, cancellationToken);

    /// <summary>
    /// <c>GET v3/teams/{teamId}</c>: the team's details, among them its Microsoft 365 group id (<c>aadGroupId</c>), which
    /// Graph calls the team id. Null when the Connector answers without a body.
    /// </summary>
    public Task<TeamDetails?> GetTeamDetailsAsync(string serviceUrl, string teamId, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Get, Url(serviceUrl, $"v3/teams/{Uri.EscapeDataString(teamId)}"), () => null, TeamsJsonContext.Default.TeamDetails, cancellationToken);

    /// <summary>
    /// <c>GET v3/conversations/{conversationId}/members/{memberId}</c>: one member of a conversation (for a team, its
    /// team id), by their Teams id or Entra object id, with both ids and their name. Null when the Connector answers
    /// without a body; a member it does not know is a <see cref="BotConnectorException"/> with status 404.
    /// </summary>
    public Task<ChannelAccount?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Get, Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/members/{Uri.EscapeDataString(memberId)}"), () => null, TeamsJsonContext.Default.ChannelAccount, cancellationToken);

    /// <summary>Opens (or finds) the 1:1 chat between the bot and a user, for proactive messages; returns its conversation id.</summary>
    public Task<string?> CreatePersonalConversationAsync(string serviceUrl, string botId, string userId, string tenantId, CancellationToken cancellationToken)
    {
        var parameters = new ConversationParameters(
            new ChannelAccount(botId),
            [new ChannelAccount(userId)],
            IsGroup: false,
            tenantId,
            new System.Text.Json.Nodes.JsonObject { ["tenant"] = new System.Text.Json.Nodes.JsonObject { ["id"] = tenantId } });
        return SendAsync(HttpMethod.Post, Url(serviceUrl, "v3/conversations"), parameters, TeamsJsonContext.Default.ConversationParameters, cancellationToken);
    }

    /// <summary>Starts a new thread in a Teams channel with <paramref name="first"/> as its first message; returns the thread's conversation id.</summary>
    public Task<string?> CreateChannelConversationAsync(string serviceUrl, string channelId, string tenantId, OutgoingActivity first, CancellationToken cancellationToken)
    {
        var parameters = new ChannelConversationParameters(
            IsGroup: true,
            tenantId,
            new System.Text.Json.Nodes.JsonObject
            {
                ["channel"] = new System.Text.Json.Nodes.JsonObject { ["id"] = channelId },
                ["tenant"] = new System.Text.Json.Nodes.JsonObject { ["id"] = tenantId },
            },
            first);
        return SendAsync(HttpMethod.Post, Url(serviceUrl, "v3/conversations"), parameters, TeamsJsonContext.Default.ChannelConversationParameters, cancellationToken);
    }

    /// <summary>The absolute URL of a Connector path under a serviceUrl, with exactly one '/' between them; only http(s) URLs are accepted.</summary>
    public static Uri Url(string serviceUrl, string relative)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var service) || service.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(service.UserInfo) || !string.IsNullOrEmpty(service.Query) || !string.IsNullOrEmpty(service.Fragment))
        {
            throw new BotConnectorException("The conversation's serviceUrl is not an absolute http(s) URL.");
        }

        return new Uri(service.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + relative.TrimStart('/'));
    }

    private async Task<string?> SendAsync<T>(HttpMethod method, Uri url, T body, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        (await CallAsync(method, url, () => JsonContent.Create(body, type), TeamsJsonContext.Default.ResourceResponse, cancellationToken))?.Id;

    private async Task<TResult?> CallAsync<TResult>(HttpMethod method, Uri url, Func<HttpContent?> content, JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken)
        where TResult : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(cancellationToken);
            using var request = new HttpRequestMessage(method, url) { Content = content() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The Connector may or may not have acted on it; sending again could post the message twice.
                LogUnknownOutcome(logger, method.Method, url.AbsolutePath, ex.GetType().Name);
                throw new BotConnectorException("The Connector did not answer; the message was not resent because it may have arrived.", inner: ex);
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    if (response.Content.Headers.ContentLength == 0)
                    {
                        return null;
                    }

                    try
                    {
                        return await response.Content.ReadFromJsonAsync(resultType, cancellationToken);
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        return null;
                    }
                }

                var status = (int)response.StatusCode;
                var wait = RetryDelay(response, attempt);
                if (wait is null || attempt >= MaxAttempts)
                {
                    LogFailed(logger, method.Method, url.AbsolutePath, status, attempt);
                    throw new BotConnectorException($"The Connector answered {status} to {method.Method} {url.AbsolutePath}.", status);
                }

                LogRetrying(logger, method.Method, url.AbsolutePath, status, wait.Value.TotalSeconds, attempt);
                await Task.Delay(wait.Value, clock, cancellationToken);
            }
        }
    }

    /// <summary>How long to wait before the next attempt, or null when the answer is final.</summary>
    private TimeSpan? RetryDelay(HttpResponseMessage response, int attempt)
    {
        var status = (int)response.StatusCode;
        var retryable = status is 412 or 429 || (status >= 500 && status != (int)HttpStatusCode.NotImplemented && status != (int)HttpStatusCode.HttpVersionNotSupported);
        if (!retryable)
        {
            return null;
        }

        var backoff = FirstBackoff * Math.Pow(2, attempt - 1) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var asked = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - (response.Headers.Date ?? clock.GetUtcNow()) : backoff);
            if (asked > MaxRetryAfter)
            {
                return null;
            }

            return asked > TimeSpan.Zero ? asked : TimeSpan.Zero;
        }

        return backoff;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} {Path} answered {Status}; retrying in {Seconds:0.#} s (attempt {Attempt}).")]
    private static partial void LogRetrying(ILogger logger, string method, string path, int status, double seconds, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector {Method} {Path} failed with {Status} after {Attempt} attempt(s).")]
    private static partial void LogFailed(ILogger logger, string method, string path, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector {Method} {Path}: no answer ({Error}); not resent.")]
    private static partial void LogUnknownOutcome(ILogger logger, string method, string path, string error);
}
