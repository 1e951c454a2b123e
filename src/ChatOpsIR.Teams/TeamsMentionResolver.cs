using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Teams;

/// <summary>The people @mentioned in the message being handled, keyed by the name the command line shows for them. One per request.</summary>
public sealed class TeamsMentionTable
{
    public Dictionary<string, ChatUser> People { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// In Teams a person named in a command is the user behind the mention entity (their Teams <c>29:</c> id), never
/// whoever happens to have that display name. A name typed with @ but not picked as a mention resolves to nobody
/// real, so it cannot be used to hand a role to someone else.
/// </summary>
public sealed class TeamsMentionResolver(TeamsMentionTable table) : IMentionResolver
{
    public const string UnresolvedPrefix = "teams-unresolved:";

    public Platform Platform => Platform.Teams;

    public ValueTask<ChatUser> ResolveAsync(CommandContext context, UserMention mention, CancellationToken cancellationToken)
    {
        if (table.People.TryGetValue(mention.Id, out var person))
        {
            return ValueTask.FromResult(person);
        }

        var name = (mention.DisplayName ?? mention.Id).Replace(TeamsText.NameJoiner, ' ');
        return ValueTask.FromResult(new ChatUser(UnresolvedPrefix + name, name));
    }
}
