using System.Collections.Concurrent;
using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams.Graph;

/// <summary>
/// Incident managers in Teams: members (also through nested groups) of the Entra groups of
/// <c>Permissions:IncidentManagers:Teams</c>, asked in Microsoft Graph by the person's Entra object id (the activity's
/// <c>aadObjectId</c>). An answer is remembered for <see cref="CacheLifetime"/>; a call that fails or takes longer than
/// <see cref="RequestBudget"/> counts as "not a manager" and is not remembered.
/// </summary>
public sealed partial class TeamsIncidentManagers(
    TeamsIncidentManagers.Cache cache,
    TeamsGraph graph,
    PermissionOptions options,
    TimeProvider clock,
    ILogger<TeamsIncidentManagers> logger) : IIncidentManagerDirectory
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Teams waits 5 seconds for an invoke's answer; a slow directory must not take the answer with it.</summary>
    public static readonly TimeSpan RequestBudget = TimeSpan.FromSeconds(2);

    public Platform Platform => Platform.Teams;

    public async Task<bool> IsIncidentManagerAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (options.IncidentManagers.Teams.Length == 0 || context.Scope.KeyFor(Platform.Teams) is not { } tenant
            || context.UserDirectoryId is not { Length: > 0 } objectId)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (cache.People.TryGetValue((tenant, objectId), out var known) && now < known.Until)
        {
            return known.Manager;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(RequestBudget);
        try
        {
            var groups = await graph.CheckMemberGroupsAsync(tenant, objectId, options.IncidentManagers.Teams, budget.Token);
            var manager = groups.Count > 0;
            cache.People[(tenant, objectId)] = (manager, now + CacheLifetime);
            return manager;
        }
        catch (Exception ex) when (ex is TeamsGraphException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogLookupFailed(logger, ex.Message);
            return false;
        }
    }

    /// <summary>Who was found to be a manager or not, by tenant and object id (one per host).</summary>
    public sealed class Cache
    {
        internal ConcurrentDictionary<(string Tenant, string ObjectId), (bool Manager, DateTimeOffset Until)> People { get; } = new();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check a person's incident-manager groups in Microsoft Graph (GroupMember.Read.All); they count as no manager: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string reason);
}
