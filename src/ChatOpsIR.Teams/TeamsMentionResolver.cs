using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Teams.Graph;

namespace ChatOpsIR.Teams;

/// <summary>The people @mentioned in the message being handled, keyed by the name the command line shows for them. One per request.</summary>
public sealed class TeamsMentionTable
{
    public Dictionary<string, ChatUser> People { get; } = new(StringComparer.Ordinal);

    /// <summary>The Connector of the conversation being handled, to look up a person picked in a form.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Where the Connector lists the conversation's members: the team's id in a channel, else the chat's id.</summary>
    public string? Roster { get; set; }
}

/// <summary>
/// In Teams a person named in a command is the user behind the mention entity (their Teams <c>29:</c> id), never
/// whoever happens to have that display name; a person picked in a form's people picker is the user behind the Entra
/// object id Teams submits (see <see cref="TeamsUserDirectory.FindPickedAsync"/>). A name typed with @ but not picked as
/// a mention resolves to nobody real, so it cannot be used to hand a role to someone else.
/// </summary>
public sealed class TeamsMentionResolver(TeamsMentionTable table, TeamsUserDirectory users) : IMentionResolver
{
    public const string UnresolvedPrefix = "teams-unresolved:";

    public Platform Platform => Platform.Teams;

    public async ValueTask<ChatUser> ResolveAsync(CommandContext context, UserMention mention, CancellationToken cancellationToken)
    {
        if (table.People.TryGetValue(mention.Id, out var person))
        {
            return person;
        }

        // The people picker submits the Entra object id of the person picked, and nothing else is one.
        if (Guid.TryParse(mention.Id.Trim(), out var objectId) && context.Scope.StartsWith("teams:", StringComparison.Ordinal))
        {
            var (id, shown) = await users.FindPickedAsync(context.Scope["teams:".Length..], objectId.ToString("D"), table.ServiceUrl, table.Roster, cancellationToken);
            return new ChatUser(id, shown);
        }

        var name = (mention.DisplayName ?? mention.Id).Replace(TeamsText.NameJoiner, ' ');
        return new ChatUser(UnresolvedPrefix + name, name);
    }
}
