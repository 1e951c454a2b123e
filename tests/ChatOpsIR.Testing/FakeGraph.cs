using System.Collections.Concurrent;
using System.Globalization;
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
/// A loopback Microsoft Graph with its Entra ID token endpoint: <c>POST /{tenant}/oauth2/v2.0/token</c> (client
/// credentials) and, under <c>/v1.0/</c>, channel creation (standard and private, with members), group chats with
/// their members and installed apps, channel messages (newest thread first, paged with
/// <c>@odata.nextLink</c>, replies expanded), users, the Teams app catalog and apps installed for users (with the 1:1
/// chat of each installation). Graph calls without the issued token are refused with 401.
/// Tests seed messages and users, and queue raw answers (429, 5xx, 403) for the next Graph calls.
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    public const string AccessToken = "graph-test-token";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<GraphCall> _calls = new();
    private readonly ConcurrentQueue<(string Tenant, string Form)> _tokenRequests = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripted = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scriptedTokens = new();
    private readonly ConcurrentDictionary<string, List<JsonObject>> _messages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, JsonObject> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _catalog = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _installed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _memberOf = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, JsonObject> _chats = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _roomMembers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _shared = new(StringComparer.Ordinal);
    private int _nextChannel;
    private int _nextChat;

    private FakeGraph(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The value for Graph:BaseUrl.</summary>
    public string BaseUrl => new Uri(BaseAddress, "v1.0").ToString();

    /// <summary>The value for Graph:TokenEndpoint.</summary>
    public string TokenEndpoint => BaseAddress + "{tenant}/oauth2/v2.0/token";

    public IReadOnlyList<GraphCall> Calls => _calls.ToList();

    /// <summary>The tenants and form bodies posted to the token endpoint.</summary>
    public IReadOnlyList<(string Tenant, string Form)> TokenRequests => _tokenRequests.ToList();

    /// <summary>The channels created, by id.</summary>
    public IReadOnlyDictionary<string, JsonObject> Channels => _channels;

    /// <summary>The group chats created, by id (with their installed apps under "installedApps").</summary>
    public IReadOnlyDictionary<string, JsonObject> Chats => _chats;

    /// <summary>
    /// Whether teams let the app create private channels; when not, Graph answers 403 as it does for a team whose
    /// settings or the tenant's policy forbid them.
    /// </summary>
    public bool PrivateChannelsAllowed { get; set; } = true;

    /// <summary>The Entra object ids in a private channel or group chat (owners first, as created, then as added).</summary>
    public IReadOnlyList<string> MembersOf(string channelOrChatId) =>
        _roomMembers.TryGetValue(channelOrChatId, out var members) ? members.ToList() : [];

    /// <summary>How many messages a page holds when the caller asks for more.</summary>
    public int MaxPageSize { get; set; } = 50;

    public static async Task<FakeGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeGraph(app);
        app.MapPost("/{tenant}/oauth2/v2.0/token", fake.TokenAsync);
        app.Map("/v1.0/{**rest}", fake.GraphAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    /// <summary>Queues answers for the next Graph API calls, in order; each call takes one.</summary>
    public void Script(params Func<HttpContext, Task>[] answers)
    {
        foreach (var answer in answers)
        {
            _scripted.Enqueue(answer);
        }
    }

    /// <summary>Queues answers for the next token requests.</summary>
    public void ScriptToken(params Func<HttpContext, Task>[] answers)
    {
        foreach (var answer in answers)
        {
            _scriptedTokens.Enqueue(answer);
        }
    }

    /// <summary>A Graph error answer: <c>{"error":{"code","message"}}</c> with the status and an optional Retry-After.</summary>
    public static Func<HttpContext, Task> Error(int status, string code, string message = "scripted", int? retryAfterSeconds = null) => async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
    };

    /// <summary>An Entra ID error from the token endpoint, e.g. 400 unauthorized_client when the tenant has not consented.</summary>
    public static Func<HttpContext, Task> TokenError(int status, string error) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["error"] = error, ["error_description"] = "AADSTS700016: scripted" }.ToJsonString());
    };

    /// <summary>Puts messages (chatMessage JSON, with their "replies") into a channel's history.</summary>
    public void AddMessages(string teamId, string channelId, params JsonObject[] messages)
    {
        var list = _messages.GetOrAdd($"{teamId}|{channelId}", _ => []);
        lock (list)
        {
            list.AddRange(messages);
        }
    }

    /// <summary>Puts an app into the tenant's Teams app catalog: its catalog id and the manifest id it carries as externalId.</summary>
    public void AddCatalogApp(string catalogId, string externalId, string distributionMethod = "organization") =>
        _catalog[catalogId] = new JsonObject { ["id"] = catalogId, ["externalId"] = externalId, ["displayName"] = "ChatOpsIR", ["distributionMethod"] = distributionMethod };

    /// <summary>Installs a catalog app in a user's personal scope (as the person or an admin would); returns the installation id.</summary>
    public string InstallApp(string userId, string catalogId)
    {
        var installations = _installed.GetOrAdd(userId, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        var id = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{userId}##{catalogId}"));
        installations[id] = catalogId;
        return id;
    }

    /// <summary>Makes a user a member of an Entra group, as <c>checkMemberGroups</c> answers it (transitively, as Graph does).</summary>
    public void AddGroupMember(string groupId, string userId) =>
        _memberOf.GetOrAdd(userId, _ => new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase))[groupId] = true;

    /// <summary>The catalog ids of the apps installed for a user.</summary>
    public IReadOnlyList<string> InstalledApps(string userId) =>
        _installed.TryGetValue(userId, out var installations) ? installations.Values.ToList() : [];

    /// <summary>The id of the 1:1 chat between a user and the bot of an installed app, as the fake answers it.</summary>
    public static string InstallationChatId(string userId) => $"19:{userId}_bot@unq.gbl.spaces";

    /// <summary>A file shared by its SharePoint URL: served at <c>/shares/u!{base64url of the URL}/driveItem/content</c>.</summary>
    public void AddSharedFile(string sharingUrl, byte[] content) =>
        _shared["u!" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(sharingUrl)).TrimEnd('=').Replace('+', '-').Replace('/', '_')] = content;

    public void AddUser(string id, string displayName) => _users[id] = new JsonObject { ["id"] = id, ["displayName"] = displayName };

    /// <summary>A chatMessage posted by a person, as Graph returns it.</summary>
    public static JsonObject UserMessage(string id, DateTime createdUtc, string userId, string? displayName, string html, params JsonObject[] replies) => new()
    {
        ["id"] = id,
        ["messageType"] = "message",
        ["createdDateTime"] = createdUtc.ToString("O", CultureInfo.InvariantCulture),
        ["lastModifiedDateTime"] = (replies.Length == 0 ? createdUtc : replies.Max(r => DateTime.Parse(r["createdDateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal))).ToString("O", CultureInfo.InvariantCulture),
        ["from"] = new JsonObject { ["user"] = new JsonObject { ["id"] = userId, ["displayName"] = displayName, ["userIdentityType"] = "aadUser" } },
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = html },
        ["mentions"] = new JsonArray(),
        ["replies"] = new JsonArray(replies.Select(r => (JsonNode)r.DeepClone()).ToArray()),
    };

    /// <summary>A message the bot itself posted (from.application).</summary>
    public static JsonObject BotMessage(string id, DateTime createdUtc, string appId, string text) => new()
    {
        ["id"] = id,
        ["messageType"] = "message",
        ["createdDateTime"] = createdUtc.ToString("O", CultureInfo.InvariantCulture),
        ["lastModifiedDateTime"] = createdUtc.ToString("O", CultureInfo.InvariantCulture),
        ["from"] = new JsonObject { ["application"] = new JsonObject { ["id"] = appId, ["displayName"] = "ChatOpsIR", ["applicationIdentityType"] = "bot" } },
        ["body"] = new JsonObject { ["contentType"] = "text", ["content"] = text },
        ["replies"] = new JsonArray(),
    };

    /// <summary>A system event in the channel (someone joined, the channel was renamed).</summary>
    public static JsonObject SystemMessage(string id, DateTime createdUtc) => new()
    {
        ["id"] = id,
        ["messageType"] = "systemEventMessage",
        ["createdDateTime"] = createdUtc.ToString("O", CultureInfo.InvariantCulture),
        ["lastModifiedDateTime"] = createdUtc.ToString("O", CultureInfo.InvariantCulture),
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<systemEventMessage/>" },
        ["eventDetail"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.membersAddedEventMessageDetail" },
        ["replies"] = new JsonArray(),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task TokenAsync(HttpContext context, string tenant)
    {
        using var reader = new StreamReader(context.Request.Body);
        _tokenRequests.Enqueue((tenant, await reader.ReadToEndAsync()));
        if (_scriptedTokens.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3599, ["ext_expires_in"] = 3599, ["access_token"] = AccessToken }.ToJsonString());
    }

    private async Task GraphAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        var path = context.Request.Path.Value ?? string.Empty;
        var call = new GraphCall(context.Request.Method, path, context.Request.QueryString.Value ?? string.Empty, context.Request.Headers.Authorization.ToString(), context.Request.Headers["Retry-Attempt"].ToString(), body);
        _calls.Enqueue(call);
        if (call.Authorization != $"Bearer {AccessToken}")
        {
            await Error(401, "InvalidAuthenticationToken", "Access token is empty.")(context);
            return;
        }

        if (_scripted.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var membership = body?["membershipType"]?.GetValue<string>();
        switch (context.Request.Method, parts)
        {
            case ("GET", ["v1.0", "shares", var shareId, "driveItem", "content"]):
                if (!_shared.TryGetValue(shareId, out var content))
                {
                    await Error(404, "itemNotFound", "The resource could not be found.")(context);
                    return;
                }

                context.Response.ContentType = "application/octet-stream";
                await context.Response.Body.WriteAsync(content);
                return;
            case ("POST", ["v1.0", "teams", _, "channels"]) when membership == "private" && !PrivateChannelsAllowed:
                await Error(403, "Forbidden", "Private channel creation is disabled for this team.")(context);
                return;
            case ("POST", ["v1.0", "teams", _, "channels"]) when membership == "private" && MemberIds(body).Count == 0:
                await Error(400, "BadRequest", "An owner must be specified when creating a private channel with application permissions.")(context);
                return;
            case ("POST", ["v1.0", "teams", var team, "channels"]):
                var id = $"19:warroom{Interlocked.Increment(ref _nextChannel)}@thread.tacv2";
                _roomMembers[id] = new ConcurrentQueue<string>(MemberIds(body));
                var channel = new JsonObject
                {
                    ["id"] = id,
                    ["displayName"] = body?["displayName"]?.GetValue<string>(),
                    ["description"] = body?["description"]?.GetValue<string>(),
                    ["membershipType"] = body?["membershipType"]?.GetValue<string>() ?? "standard",
                    ["webUrl"] = $"https://teams.microsoft.com/l/channel/{Uri.EscapeDataString(id)}/x?groupId={team}",
                };
                _channels[id] = channel;
                context.Response.StatusCode = 201;
                await WriteAsync(context, channel);
                return;
            case ("POST", ["v1.0", "teams", _, "channels", var channelId, "members"]):
                await AddMemberAsync(context, channelId, body, _channels.TryGetValue(channelId, out var target) && target["membershipType"]?.GetValue<string>() == "private");
                return;
            case ("POST", ["v1.0", "chats"]):
            {
                var members = MemberIds(body);
                if (body?["chatType"]?.GetValue<string>() != "group" || members.Count == 0)
                {
                    await Error(400, "BadRequest", "A group chat needs chatType group and its members.")(context);
                    return;
                }

                var chatId = $"19:incidentchat{Interlocked.Increment(ref _nextChat)}@thread.v2";
                var chat = new JsonObject
                {
                    ["id"] = chatId,
                    ["chatType"] = "group",
                    ["topic"] = body["topic"]?.GetValue<string>(),
                    ["webUrl"] = $"https://teams.microsoft.com/l/chat/{Uri.EscapeDataString(chatId)}/0",
                    ["installedApps"] = new JsonArray(),
                };
                _chats[chatId] = chat;
                _roomMembers[chatId] = new ConcurrentQueue<string>(members);
                context.Response.StatusCode = 201;
                await WriteAsync(context, (JsonObject)chat.DeepClone());
                return;
            }

            case ("POST", ["v1.0", "chats", var chatId, "installedApps"]):
            {
                var bind = body?["teamsApp@odata.bind"]?.GetValue<string>() ?? string.Empty;
                var catalogId = Uri.UnescapeDataString(bind[(bind.LastIndexOf('/') + 1)..]);
                if (!_chats.TryGetValue(chatId, out var chat) || !_catalog.ContainsKey(catalogId))
                {
                    await Error(_chats.ContainsKey(chatId) ? 400 : 404, "BadRequest", "No such chat, or teamsApp@odata.bind does not name an app of the catalog.")(context);
                    return;
                }

                lock (chat)
                {
                    chat["installedApps"]!.AsArray().Add(catalogId);
                }

                context.Response.StatusCode = 201;
                return;
            }

            case ("POST", ["v1.0", "chats", var chatId, "members"]):
                await AddMemberAsync(context, chatId, body, _chats.ContainsKey(chatId));
                return;
            case ("GET", ["v1.0", "teams", var team, "channels", var channelId, "messages"]):
                await MessagesAsync(context, team, channelId);
                return;
            case ("GET", ["v1.0", "appCatalogs", "teamsApps"]):
            {
                var externalId = EqualsFilter(context, "externalId");
                var apps = _catalog.Values.Where(a => externalId is null || string.Equals(a["externalId"]!.GetValue<string>(), externalId, StringComparison.OrdinalIgnoreCase));
                await WriteAsync(context, new JsonObject { ["value"] = new JsonArray(apps.Select(a => (JsonNode)a.DeepClone()).ToArray()) });
                return;
            }

            case ("GET", ["v1.0", "users", var user, "teamwork", "installedApps"]):
            {
                var externalId = EqualsFilter(context, "teamsApp/externalId");
                var expand = context.Request.Query["$expand"].ToString().Contains("teamsApp", StringComparison.Ordinal);
                var installations = (_installed.TryGetValue(user, out var userApps) ? userApps : new ConcurrentDictionary<string, string>())
                    .Where(i => _catalog.TryGetValue(i.Value, out var app) && (externalId is null || string.Equals(app["externalId"]!.GetValue<string>(), externalId, StringComparison.OrdinalIgnoreCase)))
                    .Select(i =>
                    {
                        var installation = new JsonObject { ["id"] = i.Key };
                        if (expand)
                        {
                            installation["teamsApp"] = _catalog[i.Value].DeepClone();
                        }

                        return (JsonNode)installation;
                    });
                await WriteAsync(context, new JsonObject { ["value"] = new JsonArray(installations.ToArray()) });
                return;
            }

            case ("POST", ["v1.0", "users", var user, "teamwork", "installedApps"]):
            {
                var bind = body?["teamsApp@odata.bind"]?.GetValue<string>() ?? string.Empty;
                var catalogId = Uri.UnescapeDataString(bind[(bind.LastIndexOf('/') + 1)..]);
                if (!bind.StartsWith(BaseUrl + "/appCatalogs/teamsApps/", StringComparison.Ordinal) || !_catalog.ContainsKey(catalogId))
                {
                    await Error(400, "BadRequest", "teamsApp@odata.bind does not name an app of the catalog.")(context);
                    return;
                }

                if (InstalledApps(user).Contains(catalogId))
                {
                    await Error(409, "Conflict", "The app is already installed.")(context);
                    return;
                }

                InstallApp(user, catalogId);
                context.Response.StatusCode = 201;
                return;
            }

            case ("GET", ["v1.0", "users", var user, "teamwork", "installedApps", var installationId, "chat"]):
                if (_installed.TryGetValue(user, out var mine) && mine.ContainsKey(installationId))
                {
                    await WriteAsync(context, new JsonObject { ["id"] = InstallationChatId(user), ["chatType"] = "oneOnOne" });
                }
                else
                {
                    await Error(404, "NotFound", "No such installation.")(context);
                }

                return;
            case ("POST", ["v1.0", "users", var user, "checkMemberGroups"]):
                var asked = body?["groupIds"]?.AsArray().Select(g => g!.GetValue<string>()) ?? [];
                var groups = _memberOf.TryGetValue(user, out var memberOf) ? memberOf : new ConcurrentDictionary<string, bool>();
                await WriteAsync(context, new JsonObject { ["value"] = new JsonArray([.. asked.Where(groups.ContainsKey).Select(g => (JsonNode)g)]) });
                return;
            case ("GET", ["v1.0", "users", var user]):
                if (_users.TryGetValue(user, out var found))
                {
                    await WriteAsync(context, found);
                }
                else
                {
                    await Error(404, "Request_ResourceNotFound", "No such user.")(context);
                }

                return;
            default:
                await Error(404, "NotFound", $"The fake has no {context.Request.Method} {path}.")(context);
                return;
        }
    }

    /// <summary>The Entra object ids bound by <c>user@odata.bind</c> in a body's <c>members</c>.</summary>
    private static List<string> MemberIds(JsonObject? body) =>
        [.. (body?["members"]?.AsArray() ?? []).Select(m => UserOf(m as JsonObject)).OfType<string>()];

    /// <summary>The id in <c>"user@odata.bind": "…/users('{id}')"</c>.</summary>
    private static string? UserOf(JsonObject? member)
    {
        var bind = member?["user@odata.bind"]?.GetValue<string>();
        var start = bind?.IndexOf("users('", StringComparison.Ordinal) ?? -1;
        return start < 0 || !bind!.EndsWith("')", StringComparison.Ordinal) ? null : Uri.UnescapeDataString(bind[(start + 7)..^2]);
    }

    private async Task AddMemberAsync(HttpContext context, string roomId, JsonObject? body, bool takesMembers)
    {
        if (!takesMembers)
        {
            await Error(_roomMembers.ContainsKey(roomId) || _channels.ContainsKey(roomId) ? 400 : 404, "BadRequest", "This operation is allowed only for channels with a membershipType value of private or shared, and for chats.")(context);
            return;
        }

        if (UserOf(body) is not { } user)
        {
            await Error(400, "BadRequest", "user@odata.bind is missing.")(context);
            return;
        }

        var members = _roomMembers.GetOrAdd(roomId, _ => new ConcurrentQueue<string>());
        if (members.Contains(user, StringComparer.OrdinalIgnoreCase))
        {
            await Error(409, "Conflict", "The user is already a member.")(context);
            return;
        }

        members.Enqueue(user);
        context.Response.StatusCode = 201;
        await WriteAsync(context, new JsonObject { ["@odata.type"] = "#microsoft.graph.aadUserConversationMember", ["userId"] = user });
    }

    private async Task MessagesAsync(HttpContext context, string team, string channel)
    {
        List<JsonObject> all;
        var list = _messages.GetOrAdd($"{team}|{channel}", _ => []);
        lock (list)
        {
            // Graph lists threads with the latest activity first.
            all = list.OrderByDescending(m => m["lastModifiedDateTime"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
        }

        var top = int.TryParse(context.Request.Query["$top"], out var t) ? Math.Min(t, MaxPageSize) : 20;
        var skip = int.TryParse(context.Request.Query["$skiptoken"], out var s) ? s : 0;
        var expand = context.Request.Query["$expand"].ToString().Contains("replies", StringComparison.Ordinal);
        var page = all.Skip(skip).Take(top).Select(m =>
        {
            var copy = m.DeepClone().AsObject();
            if (!expand)
            {
                copy.Remove("replies");
            }

            return (JsonNode)copy;
        }).ToArray();
        var answer = new JsonObject { ["value"] = new JsonArray(page) };
        if (skip + top < all.Count)
        {
            answer["@odata.nextLink"] = $"{BaseUrl}/teams/{Uri.EscapeDataString(team)}/channels/{Uri.EscapeDataString(channel)}/messages?$top={top}&$expand=replies&$skiptoken={skip + top}";
        }

        await WriteAsync(context, answer);
    }

    /// <summary>The value of a <c>$filter</c> of the form <c>{property} eq '{value}'</c>, or null when there is no filter (another form is refused).</summary>
    private static string? EqualsFilter(HttpContext context, string property)
    {
        var filter = context.Request.Query["$filter"].ToString();
        if (filter.Length == 0)
        {
            return null;
        }

        var prefix = $"{property} eq '";
        return filter.StartsWith(prefix, StringComparison.Ordinal) && filter.EndsWith('\'') && filter.Length > prefix.Length + 1
            ? filter[prefix.Length..^1]
            : throw new InvalidOperationException($"The fake does not understand $filter={filter}.");
    }

    private static Task WriteAsync(HttpContext context, JsonObject json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json.ToJsonString());
    }
}

/// <summary>One call to the Graph fake.</summary>
public sealed record GraphCall(string Method, string Path, string Query, string Authorization, string RetryAttempt, JsonObject? Body);
