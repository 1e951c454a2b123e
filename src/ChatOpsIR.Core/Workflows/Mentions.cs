using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Workflows;

internal static class Mentions
{
    /// <summary>
    /// The person a mention names: the one the platform identified under that word, else the name as typed; through the
    /// platform's resolver when it has one (to fill in a name, or to say what a typed or picked value stands for).
    /// </summary>
    public static async ValueTask<ChatUser> ResolveAsync(PlatformServices<IMentionResolver> resolvers, CommandContext context, UserMention mention, CancellationToken cancellationToken)
    {
        mention = context.Mentions.GetValueOrDefault(mention.Id) ?? mention;
        var resolver = resolvers.For(context.Platform);
        return resolver is null ? mention.ToUser() : await resolver.ResolveAsync(context, mention, cancellationToken);
    }
}
