using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Teams.Graph;

namespace ChatOpsIR.Teams;

/// <summary>
/// In Teams a person named in a command is the user behind the mention entity (their Teams <c>29:</c> id, which the
/// message handler puts in <see cref="CommandContext.Mentions"/>), never whoever happens to have that display name; a
/// person picked in a form's people picker is the user behind the Entra object id Teams submits (see
/// <see cref="TeamsUserDirectory.FindPickedAsync"/>, asked at the Connector in the command's
/// <see cref="TeamsReplyAddress"/>). A name typed with @ but not picked as a mention resolves to nobody real, so it
/// cannot be used to hand a role to someone else.
/// </summary>
public sealed class TeamsMentionResolver(TeamsUserDirectory users) : IMentionResolver
{
    public const string UnresolvedPrefix = "teams-unresolved:";

    public Platform Platform => Platform.Teams;

    public async ValueTask<ChatUser> ResolveAsync(CommandContext context, UserMention mention, CancellationToken cancellationToken)
    {
        // Core hands over the person listed under the mention's word; only one Teams listed is taken as it is.
        if (context.Mentions.Values.Contains(mention))
        {
            return mention.ToUser();
        }

        // The people picker submits the Entra object id of the person picked, and nothing else is one.
        if (Guid.TryParse(mention.Id.Trim(), out var objectId) && context.Scope.KeyFor(Platform.Teams) is { } tenant)
        {
            var address = TeamsReplyAddress.TryRead(context.ReplyAddress);
            var (id, shown) = await users.FindPickedAsync(tenant, objectId.ToString("D"), address?.ServiceUrl, address?.Roster, cancellationToken);
            return new ChatUser(id, shown);
        }

        var name = (mention.DisplayName ?? mention.Id).Replace(TeamsText.NameJoiner, ' ');
        return new ChatUser(UnresolvedPrefix + name, name);
    }
}
