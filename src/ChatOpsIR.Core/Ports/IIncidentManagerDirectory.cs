using ChatOpsIR.Core.Conversations;

namespace ChatOpsIR.Core.Ports;

/// <summary>
/// Whether the person acting belongs to the incident managers configured for their platform
/// (<c>Permissions:IncidentManagers:*</c>), who may act as commander on any incident of their workspace or tenant.
/// One implementation per platform, each asking its own directory.
/// </summary>
public interface IIncidentManagerDirectory : IPlatformService
{
    /// <summary>
    /// True only when the directory says so. An implementation that cannot tell (the directory fails or times out)
    /// answers false: a permission is never granted on a guess.
    /// </summary>
    Task<bool> IsIncidentManagerAsync(CommandContext context, CancellationToken cancellationToken);
}
