using System.Collections.Concurrent;
using ChatOpsIR.Teams.Connector;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams.Graph;

/// <summary>Names looked up in Graph, by tenant and Entra object id, kept for <c>Graph:UserCacheLifetime</c> (unknown ids too, so they are not asked for again and again).</summary>
public sealed class TeamsUserNames
{
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<(string Tenant, string User), (string? Name, DateTimeOffset Until)> _names = new();

    public bool TryGet(string tenantId, string userId, DateTimeOffset now, out string? name)
    {
        if (_names.TryGetValue((tenantId, userId), out var entry) && now < entry.Until)
        {
            name = entry.Name;
            return true;
        }

        name = null;
        return false;
    }

    public void Set(string tenantId, string userId, string? name, DateTimeOffset until)
    {
        if (_names.Count >= MaxEntries)
        {
            _names.Clear();
        }

        _names[(tenantId, userId)] = (name, until);
    }

    private readonly ConcurrentDictionary<(string Tenant, string ObjectId), (string TeamsId, string? Name)> _teamsIds = new(KeyComparer.Instance);

    /// <summary>
    /// Remembers that the person with this Entra object id is <paramref name="teamsId"/> (<c>29:…</c>) in Teams, as an
    /// activity's <c>from</c> says; a missing name keeps the one seen before.
    /// </summary>
    public void SetTeamsUser(string tenantId, string objectId, string teamsId, string? name)
    {
        if (_teamsIds.Count >= MaxEntries)
        {
            _teamsIds.Clear();
        }

        _teamsIds.AddOrUpdate(
            (tenantId, objectId),
            _ => (teamsId, name),
            (_, seen) => (teamsId, name ?? (seen.TeamsId == teamsId ? seen.Name : null)));
        if (_objectIds.Count >= MaxEntries)
        {
            _objectIds.Clear();
        }

        _objectIds[(tenantId, teamsId)] = objectId;
    }

    private readonly ConcurrentDictionary<(string Tenant, string TeamsId), string> _objectIds = new();

    /// <summary>The Entra object id of the person with this Teams id (<c>29:…</c>), if an activity of theirs was seen.</summary>
    public bool TryGetObjectId(string tenantId, string teamsId, out string objectId) =>
        _objectIds.TryGetValue((tenantId, teamsId), out objectId!);

    /// <summary>The Teams id (and name, when one was seen) of the person with this Entra object id, if an activity of theirs was seen.</summary>
    public bool TryGetTeamsUser(string tenantId, string objectId, out string teamsId, out string? name)
    {
        if (_teamsIds.TryGetValue((tenantId, objectId), out var entry))
        {
            (teamsId, name) = entry;
            return true;
        }

        (teamsId, name) = (string.Empty, null);
        return false;
    }

    /// <summary>Tenant and object ids are GUIDs, which Teams and Graph do not always write in the same case.</summary>
    private sealed class KeyComparer : IEqualityComparer<(string Tenant, string ObjectId)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Tenant, string ObjectId) x, (string Tenant, string ObjectId) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Tenant, y.Tenant) && StringComparer.OrdinalIgnoreCase.Equals(x.ObjectId, y.ObjectId);

        public int GetHashCode((string Tenant, string ObjectId) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Tenant), StringComparer.OrdinalIgnoreCase.GetHashCode(key.ObjectId));
    }
}

/// <summary>
/// Fills in a person's display name from Microsoft Graph (<c>GET /users/{id}</c>, permission User.Read.All) where Teams
/// left it out, within <c>Graph:UserLookupBudget</c>: a chat action never waits longer than that for a name, and goes on
/// without one when Graph is slow, refuses or does not know the person.
/// </summary>
public sealed partial class TeamsUserDirectory(TeamsGraph graph, BotConnectorClient connector, TeamsUserNames names, IOptions<GraphOptions> options, TimeProvider clock, ILogger<TeamsUserDirectory> logger)
{
    /// <summary>
    /// Remembers who a person is in Teams from an account an activity carries (<c>from</c>, <c>membersAdded</c>): its
    /// <c>29:</c> id and name beside the Entra object id, which is all Graph (backfill, message actions) gives.
    /// </summary>
    public void Remember(string tenantId, string? teamsId, string? objectId, string? name)
    {
        if (teamsId is { Length: > 3 and <= 256 } id && id.StartsWith("29:", StringComparison.Ordinal) && Guid.TryParse(objectId, out _))
        {
            names.SetTeamsUser(tenantId, objectId!, id, name is { Length: > 0 } shown ? shown : null);
        }
    }

    /// <summary>
    /// The person behind an author id from Graph (an Entra object id) as live capture records them: their <c>29:</c> id
    /// and Teams name when an activity of theirs has been seen (the name from Teams, else <paramref name="givenName"/>,
    /// else Graph's within the lookup budget); otherwise the object id with the given or looked-up name.
    /// </summary>
    public async Task<(string Id, string? Name)> FindAuthorAsync(string tenantId, string userId, string? givenName, CancellationToken cancellationToken)
    {
        var known = names.TryGetTeamsUser(tenantId, userId, out var teamsId, out var teamsName);
        var name = known && teamsName is not null ? teamsName
            : givenName is { Length: > 0 } ? givenName
            : await FindNameAsync(tenantId, userId, cancellationToken);
        return (known ? teamsId : userId, name);
    }

    /// <summary>
    /// The person picked in a Teams people picker (an Entra object id) as a command records people: their <c>29:</c> id
    /// and name when an activity of theirs has been seen, or when the Connector lists them among the members of the
    /// conversation (<paramref name="roster"/>, within the lookup budget); otherwise the object id itself, which direct
    /// messages reach through Graph, with the name Graph gives (or the id, when Graph gives none).
    /// </summary>
    public async Task<(string Id, string Name)> FindPickedAsync(string tenantId, string objectId, string? serviceUrl, string? roster, CancellationToken cancellationToken)
    {
        if (names.TryGetTeamsUser(tenantId, objectId, out var teamsId, out var teamsName))
        {
            return (teamsId, teamsName ?? await FindNameAsync(tenantId, objectId, cancellationToken) ?? objectId);
        }

        if (serviceUrl is not null && roster is not null)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(options.Value.UserLookupBudget);
            try
            {
                if (await connector.GetMemberAsync(serviceUrl, roster, objectId, budget.Token) is { Id: { } memberId } member && memberId.StartsWith("29:", StringComparison.Ordinal))
                {
                    Remember(tenantId, memberId, objectId, member.Name);
                    return (memberId, member.Name is { Length: > 0 } name ? name : await FindNameAsync(tenantId, objectId, cancellationToken) ?? objectId);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogSlowMember(logger, options.Value.UserLookupBudget.TotalMilliseconds);
            }
            catch (BotConnectorException ex)
            {
                // Not a member of this conversation (or the Connector is unwell): Graph still knows their name.
                LogMemberFailed(logger, ex.StatusCode);
            }
        }

        return (objectId, await FindNameAsync(tenantId, objectId, cancellationToken) ?? objectId);
    }

    /// <summary>
    /// The Entra object id behind a Teams id: from an activity of theirs seen since the last restart, else from the
    /// Connector's member lookup in the conversations given (the incident's team or channel first).
    /// </summary>
    public async Task<string?> FindObjectIdAsync(string tenant, string teamsId, IReadOnlyList<string> rosters, string serviceUrl, CancellationToken cancellationToken)
    {
        if (names.TryGetObjectId(tenant, teamsId, out var cached))
        {
            return cached;
        }

        foreach (var roster in rosters)
        {
            try
            {
                var member = await connector.GetMemberAsync(serviceUrl, roster, teamsId, cancellationToken);
                if (member?.AadObjectId is { } found && Guid.TryParse(found, out _))
                {
                    names.SetTeamsUser(tenant, found, teamsId, member.Name is { Length: > 0 } name ? name : null);
                    return found;
                }
            }
            catch (BotConnectorException ex) when (ex.StatusCode is >= 400 and < 500)
            {
                LogMemberUnknown(logger, ex.StatusCode.Value);
            }
        }

        return null;
    }

    public async Task<string?> FindNameAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId) || !Guid.TryParse(userId, out _))
        {
            // Graph knows people by their Entra object id; a Teams 29: id or anything else cannot be looked up.
            return null;
        }

        if (names.TryGet(tenantId, userId, clock.GetUtcNow(), out var cached))
        {
            return cached;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.UserLookupBudget);
        try
        {
            var user = await graph.FindUserAsync(tenantId, userId, budget.Token);
            var name = user?.DisplayName is { Length: > 0 } found ? found : null;
            names.Set(tenantId, userId, name, clock.GetUtcNow() + options.Value.UserCacheLifetime);
            return name;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogSlow(logger, options.Value.UserLookupBudget.TotalMilliseconds);
            return null;
        }
        catch (TeamsGraphException ex)
        {
            LogFailed(logger, ex.StatusCode, ex.Code);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph gave no name within {Milliseconds} ms; going on without it.")]
    private static partial void LogSlow(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Connector listed no member within {Milliseconds} ms; going on without it.")]
    private static partial void LogSlowMember(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Connector's member lookup for a picked person failed: {Status}.")]
    private static partial void LogMemberFailed(ILogger logger, int? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Connector does not list the person in the conversation ({Status}); their Entra object id is unknown.")]
    private static partial void LogMemberUnknown(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph user lookup failed: {Status} {Code}.")]
    private static partial void LogFailed(ILogger logger, int? status, string? code);
}
