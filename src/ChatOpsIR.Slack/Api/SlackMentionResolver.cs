using System.Text.RegularExpressions;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Slack.Ingress;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// A Slack user named in a command or picked in a form (see <see cref="SlackMentions"/>) becomes that person with their
/// Slack name, so an action item reads "saved for carol", not "saved for U0003". A mention that carries its name is taken
/// as it is; one without (a person picked in a form) is looked up, and a lookup that fails or runs out of time keeps the id.
/// </summary>
public sealed partial class SlackMentionResolver(SlackUserDirectory users) : IMentionResolver
{
    public Platform Platform => Platform.Slack;

    public async ValueTask<ChatUser> ResolveAsync(CommandContext context, UserMention mention, CancellationToken cancellationToken)
    {
        if (context.Scope.KeyFor(Platform.Slack) is not { } team || !SlackUserId().IsMatch(mention.Id))
        {
            return mention.ToUser();
        }

        if (!string.IsNullOrWhiteSpace(mention.DisplayName))
        {
            users.Remember(team, mention.Id, mention.DisplayName);
            return mention.ToUser();
        }

        return await users.ResolveAsync(team, mention.Id, SlackUserDirectory.RequestBudget, cancellationToken);
    }

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex SlackUserId();
}
