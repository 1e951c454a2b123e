using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams.Graph;

/// <summary>
/// Incident managers in Teams: members (also through nested groups) of the Entra groups of
/// <c>Permissions:IncidentManagers:Teams</c>, asked in Microsoft Graph by the person's Entra object id (the activity's
/// <c>aadObjectId</c>) and remembered a short while. A call that fails or takes longer than <see cref="RequestBudget"/>
/// counts as "not a manager".
/// </summary>
public sealed partial class TeamsIncidentManagers(
    RememberedAnswers<(string Tenant, string ObjectId), bool> managers,
    TeamsGraph graph,
    PermissionOptions options,
    ILogger<TeamsIncidentManagers> logger) : IIncidentManagerDirectory
{
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

        var (manager, failure) = await managers.GetAsync(
            (tenant, objectId),
            RequestBudget,
            async ct => (await graph.CheckMemberGroupsAsync(tenant, objectId, options.IncidentManagers.Teams, ct)).Count > 0,
            ex => ex is TeamsGraphException or HttpRequestException,
            false,
            cancellationToken);
        if (failure is not null)
        {
            LogLookupFailed(logger, failure.Message);
        }

        return manager;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check a person's incident-manager groups in Microsoft Graph (GroupMember.Read.All); they count as no manager: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string reason);
}
