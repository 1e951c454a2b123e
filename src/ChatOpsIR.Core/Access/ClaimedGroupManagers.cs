using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Access;

/// <summary>
/// Incident managers of the web war room: the request already carries the groups its signed-in session vouches for
/// (<see cref="CommandContext.DirectoryGroups"/>), so nothing needs asking. Without sign-in there are no groups, and
/// nobody is a manager.
/// </summary>
public sealed class ClaimedGroupManagers(PermissionOptions options) : IIncidentManagerDirectory
{
    public Platform Platform => Platform.Web;

    public Task<bool> IsIncidentManagerAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(options.IncidentManagers.Web.Any(context.DirectoryGroups.Contains));
}
