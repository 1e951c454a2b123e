using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Testing;

/// <summary>
/// A loopback stand-in for Slack's Web API (`/api/{method}`) and response_url webhooks (`/hooks/...`): records
/// every call and answers ok, or with the answers a test queues for a method (429, 5xx, ok:false…). Form-encoded
/// bodies (read methods, oauth.v2.access) are recorded field by field, with the raw text in `_raw`.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpResponseMessage>>> _scripted = new();
    private readonly ConcurrentDictionary<string, Func<JsonObject, JsonObject>> _answers = new();
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> _files = new(StringComparer.Ordinal);
    private int _ts = 100;

    private FakeSlackApi(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The value for Slack:ApiBaseUrl.</summary>
    public string ApiBaseUrl => new Uri(BaseAddress, "api/").ToString();

    public string ResponseUrl(string id = "T0001/1/FAKE") => new Uri(BaseAddress, $"hooks/{id}").ToString();

    public IReadOnlyList<RecordedCall> Calls => _calls.ToList();

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.Map("/{**path}", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    /// <summary>Queues raw answers for the next calls of a method ("chat.postMessage", or "hooks" for response_url).</summary>
    public void Script(string method, params Func<HttpResponseMessage>[] answers)
    {
        var queue = _scripted.GetOrAdd(method, _ => new());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Answers every later ok call of a method with this JSON (built from the request body).</summary>
    public void Answer(string method, Func<JsonObject, JsonObject> answer) => _answers[method] = answer;

    /// <summary>
    /// Serves a file's bytes at its url_private_download (returned), as files.slack.com does, to requests with the bot
    /// token; its downloads are recorded as calls of method "files". <see cref="Script"/> with "files" answers otherwise.
    /// </summary>
    public string ServeFile(string id, string name, byte[] content, string contentType = "application/octet-stream")
    {
        _files[id] = (content, contentType);
        return new Uri(BaseAddress, $"files-pri/T0001-{id}/download/{Uri.EscapeDataString(name)}").ToString();
    }

    /// <summary>Answers usergroups.users.list for a user group with its members (other groups answer no_such_subteam).</summary>
    public void UserGroup(string groupId, params string[] members)
    {
        var groups = _groups;
        groups[groupId] = members;
        Answer("usergroups.users.list", body => groups.TryGetValue(body["usergroup"]?.GetValue<string>() ?? string.Empty, out var users)
            ? new JsonObject { ["ok"] = true, ["users"] = new JsonArray([.. users.Select(u => (JsonNode)u)]) }
            : new JsonObject { ["ok"] = false, ["error"] = "no_such_subteam" });
    }

    private readonly ConcurrentDictionary<string, string[]> _groups = new(StringComparer.Ordinal);

    public static HttpResponseMessage RateLimited(int retryAfterSeconds)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{\"ok\":false,\"error\":\"ratelimited\"}") };
        response.Headers.RetryAfter = new(TimeSpan.FromSeconds(retryAfterSeconds));
        return response;
    }

    public static HttpResponseMessage Status(HttpStatusCode status, string body = "") => new(status) { Content = new StringContent(body) };

    public IReadOnlyList<RecordedCall> CallsTo(string method) => _calls.Where(c => c.Method == method).ToList();

    /// <summary>Waits until <paramref name="count"/> calls of a method have arrived (background work is asynchronous).</summary>
    public Task<IReadOnlyList<RecordedCall>> WaitForAsync(string method, int count = 1, TimeSpan? timeout = null) =>
        WaitForAsync(method, _ => true, count, timeout);

    /// <summary>Waits until <paramref name="count"/> calls of a method that match <paramref name="where"/> have arrived; returns those.</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForAsync(string method, Func<RecordedCall, bool> where, int count = 1, TimeSpan? timeout = null)
    {
        // Generous by default: it returns as soon as the calls are there, and work run by a job on a busy machine may take a while.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var calls = CallsTo(method).Where(where).ToList();
            if (calls.Count >= count)
            {
                return calls;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Expected {count} matching call(s) of {method}; got {CallsTo(method).Count(where)}. All calls: {string.Join(", ", Calls.Select(c => c.Method))}{Environment.NewLine}{HostWarnings.Describe()}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/files-pri/", StringComparison.Ordinal))
        {
            await ServeFileAsync(context, path);
            return;
        }

        var method = path.StartsWith("/hooks/", StringComparison.Ordinal) ? "hooks" : path.Replace("/api/", string.Empty, StringComparison.Ordinal);
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        JsonObject body;
        if (context.Request.HasFormContentType)
        {
            // Read methods are form-encoded: the fields as strings, and the whole body as _raw.
            body = new JsonObject { ["_raw"] = text };
            foreach (var (key, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text))
            {
                body[key] = value.ToString();
            }
        }
        else
        {
            try
            {
                body = JsonNode.Parse(text) as JsonObject ?? new JsonObject();
            }
            catch (System.Text.Json.JsonException)
            {
                body = new JsonObject { ["_raw"] = text };
            }
        }

        _calls.Enqueue(new RecordedCall(method, context.Request.Headers.Authorization.ToString(), body, path));
        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            using var response = scripted();
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers)
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            await context.Response.WriteAsync(await response.Content.ReadAsStringAsync());
            return;
        }

        if (method == "hooks")
        {
            await context.Response.WriteAsync("ok");
            return;
        }

        var answer = _answers.TryGetValue(method, out var make) ? make(body) : new JsonObject { ["ok"] = true };
        if (method == "chat.postMessage" && answer["ts"] is null)
        {
            answer["ts"] = $"1732530480.{Interlocked.Increment(ref _ts):000000}";
            answer["channel"] = body["channel"]?.DeepClone();
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    /// <summary>A download from files.slack.com: without the bot token Slack answers its sign-in page with 200, as here.</summary>
    private async Task ServeFileAsync(HttpContext context, string path)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        _calls.Enqueue(new RecordedCall("files", authorization, new JsonObject(), path));
        if (_scripted.TryGetValue("files", out var queue) && queue.TryDequeue(out var scripted))
        {
            using var response = scripted();
            context.Response.StatusCode = (int)response.StatusCode;
            await context.Response.WriteAsync(await response.Content.ReadAsStringAsync());
            return;
        }

        var id = path.Split('/')[2].Split('-').Last();
        if (!_files.TryGetValue(id, out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (!authorization.StartsWith("Bearer xoxb-", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<html><body>Sign in to Slack</body></html>");
            return;
        }

        context.Response.ContentType = file.ContentType;
        context.Response.ContentLength = file.Content.Length;
        await context.Response.Body.WriteAsync(file.Content);
    }
}

public sealed record RecordedCall(string Method, string Authorization, JsonObject Body, string Path);
