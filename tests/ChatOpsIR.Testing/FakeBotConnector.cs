using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Testing;

/// <summary>
/// A loopback Bot Connector: the client-credentials token endpoint (answers fixtures/teams/token-response.json) and the
/// Connector REST API under <see cref="ServiceUrl"/>, which refuses calls without that token and records the rest.
/// Tests can queue raw answers (429, 5xx, a dropped connection) for the next Connector calls.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<ConnectorCall> _refused = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripted = new();
    private readonly ConcurrentQueue<string> _tokenForms = new();
    private readonly ConcurrentDictionary<string, JsonObject> _teams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<JsonObject>> _members = new(StringComparer.Ordinal);
    private int _nextId;

    private FakeBotConnector(WebApplication app)
    {
        _app = app;
        var token = JsonNode.Parse(SlackSigner.Fixture("teams/token-response.json"))!;
        AccessToken = token["access_token"]!.GetValue<string>();
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The serviceUrl to put in activities (with a path, as the real one has: <c>…/amer/</c>).</summary>
    public string ServiceUrl => new Uri(BaseAddress, "amer/").ToString();

    /// <summary>The value for Teams:TokenEndpoint.</summary>
    public string TokenEndpoint => new Uri(BaseAddress, "botframework.com/oauth2/v2.0/token").ToString();

    public string AccessToken { get; }

    public IReadOnlyList<ConnectorCall> Calls => _calls.ToList();

    /// <summary>Calls refused for a missing or wrong bearer token.</summary>
    public IReadOnlyList<ConnectorCall> Refused => _refused.ToList();

    /// <summary>The form bodies posted to the token endpoint.</summary>
    public IReadOnlyList<string> TokenRequests => _tokenForms.ToList();

    public static async Task<FakeBotConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeBotConnector(app);
        app.MapPost("/botframework.com/oauth2/v2.0/token", fake.TokenAsync);
        app.Map("/amer/v3/{**rest}", fake.ConnectorAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    /// <summary>A team whose details <c>GET v3/teams/{teamId}</c> answers (other teams are 404).</summary>
    public void AddTeam(string teamId, string aadGroupId, string name = "Security Operations") =>
        _teams[teamId] = new JsonObject { ["id"] = teamId, ["name"] = name, ["aadGroupId"] = aadGroupId };

    /// <summary>
    /// A member that <c>GET v3/conversations/{conversationId}/members/{memberId}</c> answers, looked up by Teams id or
    /// Entra object id (other members are 404).
    /// </summary>
    public void AddMember(string conversationId, string id, string name, string aadObjectId)
    {
        var members = _members.GetOrAdd(conversationId, _ => []);
        lock (members)
        {
            members.Add(new JsonObject { ["id"] = id, ["name"] = name, ["aadObjectId"] = aadObjectId, ["userRole"] = "user", ["tenantId"] = "scripted" });
        }
    }

    /// <summary>Queues answers for the next Connector calls, in order; each call takes one.</summary>
    public void Script(params Func<HttpContext, Task>[] answers)
    {
        foreach (var answer in answers)
        {
            _scripted.Enqueue(answer);
        }
    }

    public static Func<HttpContext, Task> Status(int status, int? retryAfterSeconds = null) => context =>
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return context.Response.WriteAsync("{\"error\":{\"code\":\"Scripted\",\"message\":\"scripted answer\"}}");
    };

    /// <summary>Drops the connection without an answer: the caller cannot know whether the message arrived.</summary>
    public static Func<HttpContext, Task> Drop() => context =>
    {
        context.Abort();
        return Task.CompletedTask;
    };

    /// <summary>Waits until at least <paramref name="count"/> Connector calls have been recorded.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForCallsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var calls = Calls;
            if (calls.Count >= count)
            {
                return calls;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Expected {count} Connector call(s); got {Calls.Count}: {string.Join(", ", Calls.Select(c => c.Method + " " + c.Path))}{Environment.NewLine}{HostWarnings.Describe()}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task TokenAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        _tokenForms.Enqueue(await reader.ReadToEndAsync());
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(SlackSigner.Fixture("teams/token-response.json"));
    }

    private async Task ConnectorAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        JsonObject body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        }
        catch (System.Text.Json.JsonException)
        {
            body = new JsonObject { ["_raw"] = text };
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty;
        var call = new ConnectorCall(context.Request.Method, context.Request.Path.Value ?? string.Empty, rawTarget, context.Request.Headers.Authorization.ToString(), body);
        if (call.Authorization != $"Bearer {AccessToken}")
        {
            _refused.Enqueue(call);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        _calls.Enqueue(call);
        if (_scripted.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        const string teams = "/amer/v3/teams/";
        if (HttpMethods.IsGet(call.Method) && call.Path.StartsWith(teams, StringComparison.Ordinal))
        {
            if (!_teams.TryGetValue(call.Path[teams.Length..], out var team))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync("{\"error\":{\"code\":\"NotFound\",\"message\":\"Team not found\"}}");
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(team.ToJsonString());
            return;
        }

        const string conversations = "/amer/v3/conversations/";
        if (HttpMethods.IsGet(call.Method) && call.Path.StartsWith(conversations, StringComparison.Ordinal) && call.Path.IndexOf("/members/", StringComparison.Ordinal) is > 0 and var at)
        {
            var conversation = call.Path[conversations.Length..at];
            var memberId = call.Path[(at + "/members/".Length)..];
            JsonObject? member = null;
            if (_members.TryGetValue(conversation, out var members))
            {
                lock (members)
                {
                    member = members.FirstOrDefault(m => m["id"]!.GetValue<string>() == memberId || string.Equals(m["aadObjectId"]!.GetValue<string>(), memberId, StringComparison.OrdinalIgnoreCase));
                }
            }

            if (member is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync("{\"error\":{\"code\":\"MemberNotFoundInConversation\",\"message\":\"The user is not a member of this conversation\"}}");
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(member.ToJsonString());
            return;
        }

        var id = call.Path.EndsWith("/v3/conversations", StringComparison.Ordinal) ? $"a:created-{Interlocked.Increment(ref _nextId)}" : $"1732530{Interlocked.Increment(ref _nextId):000000}";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["id"] = id }.ToJsonString());
    }
}

/// <summary>One call to the Connector fake: <see cref="Path"/> decoded, <see cref="RawTarget"/> as sent.</summary>
public sealed record ConnectorCall(string Method, string Path, string RawTarget, string Authorization, JsonObject Body)
{
    public string? Text => Body["text"]?.GetValue<string>();

    public string? ReplyToId => Body["replyToId"]?.GetValue<string>();

    public JsonObject? Card => Body["attachments"]?[0]?["content"] as JsonObject;

    public string? CardContentType => Body["attachments"]?[0]?["contentType"]?.GetValue<string>();
}
