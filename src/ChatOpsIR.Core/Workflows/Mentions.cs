using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Workflows;

internal static class Mentions
{
    /// <summary>The person a mention names, through the platform's resolver when it has one.</summary>
    public static async ValueTask<ChatUser> ResolveAsync(IEnumerable<IMentionResolver> resolvers, CommandContext context, UserMention mention, CancellationToken cancellationToken)
    {
        var resolver = resolvers.FirstOrDefault(r => r.Platform == context.Platform);
        return resolver is null ? mention.ToUser() : await resolver.ResolveAsync(context, mention, cancellationToken);
    }
}
