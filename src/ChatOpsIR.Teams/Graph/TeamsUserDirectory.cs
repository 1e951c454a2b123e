using System.Collections.Concurrent;
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
}

/// <summary>
/// Fills in a person's display name from Microsoft Graph (<c>GET /users/{id}</c>, permission User.Read.All) where Teams
/// left it out, within <c>Graph:UserLookupBudget</c>: a chat action never waits longer than that for a name, and goes on
/// without one when Graph is slow, refuses or does not know the person.
/// </summary>
public sealed partial class TeamsUserDirectory(TeamsGraph graph, TeamsUserNames names, IOptions<GraphOptions> options, TimeProvider clock, ILogger<TeamsUserDirectory> logger)
{
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph user lookup failed: {Status} {Code}.")]
    private static partial void LogFailed(ILogger logger, int? status, string? code);
}
