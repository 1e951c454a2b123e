using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// A Slack Web API method answered with ok:false; <see cref="Error"/> is Slack's error code, <see cref="Needed"/> the
/// scope Slack says is missing when the error is missing_scope.
/// </summary>
public sealed class SlackApiException(string method, string error, string? needed = null)
    : Exception($"Slack {method} failed: {error}")
{
    public string Method { get; } = method;
    public string Error { get; } = error;
    public string? Needed { get; } = needed;
}

/// <summary>
/// The Slack Web API (`Slack:ApiBaseUrl`) and response_url webhooks. Honours 429 Retry-After, retries 5xx with
/// backoff, and never retries a request whose outcome is unknown (a timeout), so nothing is posted twice.
/// </summary>
public sealed partial class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackApiClient> logger)
{
    public const int MaxAttempts = 4;
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);

    /// <summary>Calls a write method with a JSON body and returns Slack's answer when ok is true.</summary>
    public async Task<JsonObject> CallAsync(string method, JsonObject body, string token, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(EnsureSlash(options.Value.ApiBaseUrl)), method);
        var answer = await SendAsync(method, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new("Bearer", token);
            return request;
        }, cancellationToken);

        return ReadOk(method, answer);
    }

    /// <summary>Calls a method that takes a form body (oauth.v2.access, read methods) and returns Slack's answer when ok is true.</summary>
    public async Task<JsonObject> CallFormAsync(string method, IReadOnlyDictionary<string, string> form, string? token, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(EnsureSlash(options.Value.ApiBaseUrl)), method);
        var answer = await SendAsync(method, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            return request;
        }, cancellationToken);

        return ReadOk(method, answer);
    }

    /// <summary>Posts a message and returns its ts.</summary>
    public async Task<string?> PostMessageAsync(string channel, JsonObject message, string token, CancellationToken cancellationToken)
    {
        var body = (JsonObject)message.DeepClone();
        body["channel"] = channel;
        var answer = await CallAsync("chat.postMessage", body, token, cancellationToken);
        return answer["ts"]?.GetValue<string>();
    }

    /// <summary>Answers through a response_url. Only hosts in Slack:ResponseUrlHosts are called: the URL comes from a payload.</summary>
    public async Task PostToResponseUrlAsync(string responseUrl, JsonObject message, CancellationToken cancellationToken)
    {
        if (!IsAllowedResponseUrl(responseUrl, options.Value))
        {
            LogRefusedResponseUrl(logger);
            return;
        }

        await SendAsync("response_url", () => new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = JsonContent.Create(message) }, cancellationToken);
    }

    public static bool IsAllowedResponseUrl(string? url, SlackOptions options) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && options.ResponseUrlHosts.Any(h => string.Equals(h, uri.Host, StringComparison.OrdinalIgnoreCase));

    private async Task<string?> SendAsync(string method, Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = create();
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            var status = (int)response.StatusCode;
            TimeSpan wait;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(30);
                if (wait > MaxRetryAfter)
                {
                    wait = MaxRetryAfter;
                }

                LogRateLimited(logger, method, wait.TotalSeconds);
            }
            else if (status >= 500)
            {
                wait = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
                LogServerError(logger, method, status, attempt);
            }
            else
            {
                throw new SlackApiException(method, $"http_{status}");
            }

            if (attempt >= MaxAttempts)
            {
                throw new SlackApiException(method, status == 429 ? "ratelimited" : $"http_{status}");
            }

            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>Slack reports failure in the body, not the status: anything but ok:true is an error with Slack's code.</summary>
    private static JsonObject ReadOk(string method, string? answer)
    {
        var json = answer is null ? null : JsonNode.Parse(answer) as JsonObject;
        return json?["ok"]?.GetValue<bool>() == true
            ? json
            : throw new SlackApiException(method, json?["error"]?.GetValue<string>() ?? "invalid_response", json?["needed"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? json["needed"]!.GetValue<string>() : null);
    }

    /// <summary>A string field of Slack's answer; null when it is missing, not a string, or empty.</summary>
    internal static string? Text(JsonNode? value) =>
        value?.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text ? text : null;

    private static string EnsureSlash(string url) => url.EndsWith('/') ? url : url + "/";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack rate-limited {Method}; waiting {Seconds} s as asked.")]
    private static partial void LogRateLimited(ILogger logger, string method, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack answered {Method} with {Status} (attempt {Attempt}); retrying.")]
    private static partial void LogServerError(ILogger logger, string method, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to call a response_url whose host is not in Slack:ResponseUrlHosts.")]
    private static partial void LogRefusedResponseUrl(ILogger logger);
}
