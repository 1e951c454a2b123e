using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>Turns a person named in a command into the user the platform knows. Registered per platform; without one, the mention is taken as it is.</summary>
public interface IMentionResolver : IPlatformService
{
    ValueTask<ChatUser> ResolveAsync(CommandContext context, UserMention mention, CancellationToken cancellationToken);
}
