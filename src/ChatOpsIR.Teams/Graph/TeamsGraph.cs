using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace ChatOpsIR.Teams.Graph;

/// <summary>A Graph call that failed for good (after the SDK's retries); <see cref="Code"/> is Graph's or Entra ID's error code.</summary>
public sealed class TeamsGraphException(string message, int? statusCode, string? code, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
    public string? Code { get; } = code;

    /// <summary>Graph said the app lacks a permission (or consent) for the call.</summary>
    public bool IsPermissionMissing => StatusCode is 401 or 403 || Code is "unauthorized_client" or "invalid_client";
}

/// <summary>Which tenant a Graph request is for; the authentication provider fetches that tenant's app-only token.</summary>
public sealed record GraphTenantOption(string TenantId) : IRequestOption;

/// <summary>Adds the tenant's app-only token to requests for the configured Graph host, and to no other host.</summary>
public sealed class GraphAppAuthentication(GraphTokenProvider tokens, IOptions<GraphOptions> options) : IAuthenticationProvider
{
    public async Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        var graph = new Uri(options.Value.BaseUrl);
        if (Uri.Compare(request.URI, graph, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new TeamsGraphException("A Graph request pointed at another host; no token was sent.", null, "ForeignHost");
        }

        var tenant = request.RequestOptions.OfType<GraphTenantOption>().FirstOrDefault()?.TenantId
            ?? throw new TeamsGraphException("A Graph request named no tenant.", null, "NoTenant");
        request.Headers.Add("Authorization", "Bearer " + await tokens.GetTokenAsync(tenant, cancellationToken));
    }
}

/// <summary>
/// The one Microsoft Graph client of the Teams adapter (the <c>Microsoft.Graph</c> SDK over a typed HttpClient whose
/// pipeline holds the SDK's own handlers), with app-only tokens per tenant. The SDK's retry handler honours
/// <c>Retry-After</c> on 429 and 503 for every call, and retries 500, 502 and 504 with backoff for reads only: a create
/// that timed out may have happened, and sending it again could make a second channel.
/// </summary>
public sealed class TeamsGraph(HttpClient http, GraphAppAuthentication authentication, IOptions<GraphOptions> options)
{
    public const int MaxRetries = 3;
    public const int PageSize = 50;

    private readonly GraphServiceClient _client = new(http, authentication, options.Value.BaseUrl.TrimEnd('/'));

    /// <summary>The SDK's default handlers, with ChatOpsIR's retry policy; added to the typed HttpClient's pipeline.</summary>
    public static IEnumerable<DelegatingHandler> Handlers()
    {
        foreach (var handler in GraphClientFactory.CreateDefaultHandlers())
        {
            yield return handler is RetryHandler ? new RetryHandler(RetryPolicy()) : handler;
        }
    }

    public static RetryHandlerOption RetryPolicy() => new()
    {
        MaxRetry = MaxRetries,
        Delay = 1,
        RetriesTimeLimit = TimeSpan.FromSeconds(90),
        ShouldRetry = (_, _, response) => (int)response.StatusCode switch
        {
            429 or 503 => true,
            500 or 502 or 504 => response.RequestMessage?.Method == HttpMethod.Get,
            _ => false,
        },
    };

    /// <summary>
    /// <c>POST /teams/{team}/channels</c>: a standard channel, or, given <paramref name="privateOwnerObjectId"/>, a private
    /// channel only its members see with that person as its owner (an app-only request must name one).
    /// </summary>
    public Task<Channel> CreateChannelAsync(string tenantId, string teamGroupId, string displayName, string description, CancellationToken cancellationToken, string? privateOwnerObjectId = null) =>
        CallAsync(async () => await _client.Teams[teamGroupId].Channels.PostAsync(
            privateOwnerObjectId is null
                ? new Channel { DisplayName = displayName, Description = description, MembershipType = ChannelMembershipType.Standard }
                : new Channel { DisplayName = displayName, Description = description, MembershipType = ChannelMembershipType.Private, Members = [Member(privateOwnerObjectId, owner: true)] },
            c => c.Options.Add(new GraphTenantOption(tenantId)),
            cancellationToken) ?? throw new TeamsGraphException("Graph created the channel but returned nothing.", 201, "EmptyAnswer"));

    /// <summary><c>POST /chats</c>: a group chat with a topic, the people given as its owners.</summary>
    public Task<Chat> CreateGroupChatAsync(string tenantId, string topic, IReadOnlyList<string> memberObjectIds, CancellationToken cancellationToken) =>
        CallAsync(async () => await _client.Chats.PostAsync(
            new Chat { ChatType = ChatType.Group, Topic = topic, Members = [.. memberObjectIds.Select(id => Member(id, owner: true))] },
            c => c.Options.Add(new GraphTenantOption(tenantId)),
            cancellationToken) ?? throw new TeamsGraphException("Graph created the chat but returned nothing.", 201, "EmptyAnswer"));

    /// <summary>
    /// <c>POST /chats/{chat}/installedApps</c> binding the catalog app, so the bot is in the chat and can post there. An
    /// app already installed (409) counts as installed.
    /// </summary>
    public async Task InstallInChatAsync(string tenantId, string chatId, string catalogAppId, CancellationToken cancellationToken)
    {
        var installation = new TeamsAppInstallation
        {
            AdditionalData = new Dictionary<string, object> { ["teamsApp@odata.bind"] = CatalogBind(catalogAppId) },
        };
        try
        {
            await CallAsync(() => _client.Chats[chatId].InstalledApps.PostAsync(installation, c => c.Options.Add(new GraphTenantOption(tenantId)), cancellationToken));
        }
        catch (TeamsGraphException ex) when (ex.StatusCode == (int)HttpStatusCode.Conflict)
        {
        }
    }

    /// <summary>
    /// <c>POST /chats/{chat}/members</c>, sharing the chat's whole history with the person (they join an incident already
    /// under way). Someone already in the chat (409) counts as added.
    /// </summary>
    public Task AddChatMemberAsync(string tenantId, string chatId, string objectId, CancellationToken cancellationToken)
    {
        var member = Member(objectId, owner: true);
        member.VisibleHistoryStartDateTime = DateTimeOffset.MinValue;
        return IgnoringConflictAsync(() => _client.Chats[chatId].Members.PostAsync(member, c => c.Options.Add(new GraphTenantOption(tenantId)), cancellationToken));
    }

    /// <summary><c>POST /teams/{team}/channels/{channel}/members</c>: lets a person of the team into a private channel.</summary>
    public Task AddChannelMemberAsync(string tenantId, string teamGroupId, string channelId, string objectId, CancellationToken cancellationToken) =>
        IgnoringConflictAsync(() => _client.Teams[teamGroupId].Channels[channelId].Members.PostAsync(Member(objectId, owner: false), c => c.Options.Add(new GraphTenantOption(tenantId)), cancellationToken));

    /// <summary>
    /// <c>GET /teams/{team}/channels/{channel}/messages?$top=50&amp;$expand=replies</c>, page by page, until
    /// <paramref name="more"/> says enough or the pages end.
    /// </summary>
    public async Task ReadChannelMessagesAsync(string tenantId, string teamGroupId, string channelId, Func<IReadOnlyList<ChatMessage>, bool> more, CancellationToken cancellationToken)
    {
        var messages = _client.Teams[teamGroupId].Channels[channelId].Messages;
        var page = await CallAsync(() => messages.GetAsync(
            c =>
            {
                c.QueryParameters.Top = PageSize;
                c.QueryParameters.Expand = ["replies"];
                c.Options.Add(new GraphTenantOption(tenantId));
            },
            cancellationToken));
        while (page is not null)
        {
            if (!more(page.Value ?? []) || page.OdataNextLink is not { Length: > 0 } next)
            {
                return;
            }

            page = await CallAsync(() => messages.WithUrl(next).GetAsync(c => c.Options.Add(new GraphTenantOption(tenantId)), cancellationToken));
        }
    }

    /// <summary><c>GET /users/{id}?$select=id,displayName</c>; null when there is no such user.</summary>
    public async Task<User?> FindUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(() => _client.Users[userId].GetAsync(
                c =>
                {
                    c.QueryParameters.Select = ["id", "displayName"];
                    c.Options.Add(new GraphTenantOption(tenantId));
                },
                cancellationToken));
        }
        catch (TeamsGraphException ex) when (ex.StatusCode == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>GET /users/{user}/teamwork/installedApps?$expand=teamsApp&amp;$filter=teamsApp/externalId eq '{manifest id}'</c>:
    /// the id of the app's installation in the person's personal scope, or null when it is not installed for them.
    /// </summary>
    public async Task<string?> FindUserInstallationAsync(string tenantId, string userId, Guid manifestId, CancellationToken cancellationToken)
    {
        var externalId = manifestId.ToString("D");
        var page = await CallAsync(() => _client.Users[userId].Teamwork.InstalledApps.GetAsync(
            c =>
            {
                c.QueryParameters.Expand = ["teamsApp"];
                c.QueryParameters.Filter = $"teamsApp/externalId eq '{externalId}'";
                c.Options.Add(new GraphTenantOption(tenantId));
            },
            cancellationToken));
        return page?.Value?.FirstOrDefault(i => string.Equals(i.TeamsApp?.ExternalId, externalId, StringComparison.OrdinalIgnoreCase))?.Id;
    }

    /// <summary>
    /// <c>GET /appCatalogs/teamsApps?$filter=externalId eq '{manifest id}'</c>: the app's id in the tenant's app catalog
    /// (not the manifest id), preferring the organisation's own catalog entry; null when the catalog does not list it.
    /// </summary>
    public async Task<string?> FindCatalogAppAsync(string tenantId, Guid manifestId, CancellationToken cancellationToken)
    {
        var externalId = manifestId.ToString("D");
        var page = await CallAsync(() => _client.AppCatalogs.TeamsApps.GetAsync(
            c =>
            {
                c.QueryParameters.Filter = $"externalId eq '{externalId}'";
                c.Options.Add(new GraphTenantOption(tenantId));
            },
            cancellationToken));
        return (page?.Value ?? [])
            .Where(a => a.Id is { Length: > 0 } && string.Equals(a.ExternalId, externalId, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.DistributionMethod == TeamsAppDistributionMethod.Organization ? 0 : 1)
            .FirstOrDefault()?.Id;
    }

    /// <summary>
    /// <c>POST /users/{user}/teamwork/installedApps</c> binding the catalog app: installs the app in the person's personal
    /// scope. Graph answers 201 without a body; an app already installed (409) counts as installed.
    /// </summary>
    public async Task InstallForUserAsync(string tenantId, string userId, string catalogAppId, CancellationToken cancellationToken)
    {
        var installation = new UserScopeTeamsAppInstallation
        {
            AdditionalData = new Dictionary<string, object> { ["teamsApp@odata.bind"] = CatalogBind(catalogAppId) },
        };
        try
        {
            await CallAsync(() => _client.Users[userId].Teamwork.InstalledApps.PostAsync(installation, c => c.Options.Add(new GraphTenantOption(tenantId)), cancellationToken));
        }
        catch (TeamsGraphException ex) when (ex.StatusCode == (int)HttpStatusCode.Conflict)
        {
            // Installed meanwhile (by the person, an admin or another host): that is what was wanted.
        }
    }

    /// <summary><c>GET /users/{user}/teamwork/installedApps/{installation}/chat</c>: the id of the 1:1 chat between the person and the bot.</summary>
    public async Task<string?> FindInstallationChatAsync(string tenantId, string userId, string installationId, CancellationToken cancellationToken)
    {
        var chat = await CallAsync(() => _client.Users[userId].Teamwork.InstalledApps[installationId].Chat.GetAsync(
            c => c.Options.Add(new GraphTenantOption(tenantId)),
            cancellationToken));
        return chat?.Id is { Length: > 0 } id ? id : null;
    }

    /// <summary>
    /// <c>POST /users/{user}/checkMemberGroups</c>: which of <paramref name="groupIds"/> the person belongs to, directly or
    /// through nested groups (needs <c>GroupMember.Read.All</c>).
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckMemberGroupsAsync(string tenantId, string userId, IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(() => _client.Users[userId].CheckMemberGroups.PostAsCheckMemberGroupsPostResponseAsync(
            new Microsoft.Graph.Users.Item.CheckMemberGroups.CheckMemberGroupsPostRequestBody { GroupIds = [.. groupIds] },
            c => c.Options.Add(new GraphTenantOption(tenantId)),
            cancellationToken));
        return answer?.Value ?? [];
    }

    private string CatalogBind(string catalogAppId) => $"{options.Value.BaseUrl.TrimEnd('/')}/appCatalogs/teamsApps/{Uri.EscapeDataString(catalogAppId)}";

    /// <summary>A person by Entra object id, as Graph takes members of channels and chats.</summary>
    private AadUserConversationMember Member(string objectId, bool owner) => new()
    {
        OdataType = "#microsoft.graph.aadUserConversationMember",
        Roles = owner ? ["owner"] : [],
        AdditionalData = new Dictionary<string, object> { ["user@odata.bind"] = $"{options.Value.BaseUrl.TrimEnd('/')}/users('{Uri.EscapeDataString(objectId)}')" },
    };

    private static async Task IgnoringConflictAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await CallAsync(call);
        }
        catch (TeamsGraphException ex) when (ex.StatusCode == (int)HttpStatusCode.Conflict)
        {
            // In already (added by a person, or by an earlier try): that is what was wanted.
        }
    }

    /// <summary>
    /// <c>GET /shares/{share id}/driveItem/content</c>: the bytes of a file shared by its SharePoint or OneDrive URL, as a
    /// stream read as it arrives. The share id is <c>u!</c> and the URL in unpadded base64url.
    /// </summary>
    public Task<Stream> OpenSharedFileAsync(string tenantId, string sharingUrl, CancellationToken cancellationToken) =>
        CallAsync(async () => await _client.Shares[ShareId(sharingUrl)].DriveItem.Content.GetAsync(c => c.Options.Add(new GraphTenantOption(tenantId)), cancellationToken)
            ?? throw new TeamsGraphException("Graph answered without the file's content.", 200, "EmptyAnswer"));

    public static string ShareId(string sharingUrl) =>
        "u!" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(sharingUrl)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ODataError ex)
        {
            throw new TeamsGraphException($"Graph answered {ex.ResponseStatusCode}{(ex.Error?.Code is { } code ? $" ({code})" : string.Empty)}.", ex.ResponseStatusCode, ex.Error?.Code, ex);
        }
        catch (ApiException ex)
        {
            throw new TeamsGraphException($"Graph answered {ex.ResponseStatusCode}.", ex.ResponseStatusCode, null, ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.LastOrDefault() is ApiException last)
        {
            // The retry handler gave up: it throws the answers it saw, the last one last.
            throw new TeamsGraphException($"Graph kept answering {last.ResponseStatusCode} after {MaxRetries} retries.", last.ResponseStatusCode, "TooManyRetries", ex);
        }
    }
}
