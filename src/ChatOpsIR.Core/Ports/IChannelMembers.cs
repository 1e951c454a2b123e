using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>
/// Adds a person to an incident's channel on a platform that has channels with members (Slack, Teams), so someone
/// let into a private incident can also read its war room. The web war room shows an incident to its members itself.
/// </summary>
public interface IChannelMembers : IPlatformService
{
    /// <summary>
    /// Adds <paramref name="person"/> to the incident's channel, asked by the command in <paramref name="context"/> (whose
    /// reply address tells the platform where the command came from); a problem is thrown as
    /// <see cref="ChannelMembersException"/> with words for the commander.
    /// </summary>
    Task AddAsync(CommandContext context, Incident incident, ChatUser person, CancellationToken cancellationToken);
}

/// <summary>The platform refused to add someone to a channel; the message says why, for the person who asked.</summary>
public sealed class ChannelMembersException(string message) : Exception(message);
