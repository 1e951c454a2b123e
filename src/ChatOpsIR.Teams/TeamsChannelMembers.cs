using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Teams.Connector;
using ChatOpsIR.Teams.Conversations;
using ChatOpsIR.Teams.Graph;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams;

/// <summary>
/// `invite @person` on Teams: lets the person into a private incident's room through Microsoft Graph, the group chat
/// (<c>POST /chats/{chat}/members</c>, with the chat's history) or the private channel
/// (<c>POST /teams/{team}/channels/{channel}/members</c>). A standard channel is open to its whole team and a 1:1 chat
/// cannot take a third person, so there is nothing to add there: the person still becomes a member of the incident.
/// </summary>
public sealed partial class TeamsChannelMembers(
    TeamsGraph graph,
    TeamsUserDirectory users,
    TeamsTeamGroups teamGroups,
    IConversationReferenceStore references,
    ILogger<TeamsChannelMembers> logger) : IChannelMembers
{
    /// <summary>The Graph application permissions adding people needs.</summary>
    public const string Permissions = "ChatMember.ReadWrite.All (group chats) and ChannelMember.ReadWrite.All (private channels)";

    public Platform Platform => Platform.Teams;

    public async Task AddAsync(CommandContext context, Incident incident, ChatUser person, CancellationToken cancellationToken)
    {
        var isChat = TeamsWarRoom.IsChat(incident.ChannelId);
        if (!isChat && !(incident.IsPrivate && IsChannel(incident.ChannelId)))
        {
            return;
        }

        var tenant = incident.Scope.KeyFor(Platform.Teams) ?? throw new ChannelMembersException("the incident is not a Teams incident.");
        var address = TeamsReplyAddress.TryRead(context.ReplyAddress)
            ?? throw new ChannelMembersException("Teams did not say where this command came from; type it in the incident's own chat or channel.");
        var objectId = await ObjectIdAsync(tenant, address, incident, person, cancellationToken)
            ?? throw new ChannelMembersException($"Teams did not tell me who {person.DisplayName} is in Microsoft Entra ID. Pick them with @ so Teams offers them, or ask them to send me a message once, then invite them again.");
        try
        {
            if (isChat)
            {
                await graph.AddChatMemberAsync(tenant, incident.ChannelId, objectId, cancellationToken);
                return;
            }

            // Graph knows a channel only within its team: the command typed in the channel carries the team.
            if (context.ChannelId != incident.ChannelId)
            {
                throw new ChannelMembersException("type `invite` in the incident's private channel itself, so I know its team.");
            }

            var groupId = address.TeamGroupId;
            if (groupId is null && address.TeamId is { } teamId)
            {
                (groupId, _) = await teamGroups.FindAsync(address.ServiceUrl, teamId, cancellationToken);
            }

            await graph.AddChannelMemberAsync(tenant, groupId ?? throw new ChannelMembersException("Teams did not say which team this channel belongs to; try again in a moment."), incident.ChannelId, objectId, cancellationToken);
        }
        catch (TeamsGraphException ex)
        {
            LogRefused(logger, ex.StatusCode, ex.Code);
            throw new ChannelMembersException(ex switch
            {
                { IsPermissionMissing: true } => $"Microsoft Graph refused ({ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.Code}); an administrator has to grant the app {Permissions} with admin consent.",
                { StatusCode: 400 } when !isChat => "Microsoft Graph would not add them to this channel; a private channel takes only people who are already in its team.",
                { StatusCode: 404 } => "Microsoft Graph does not know that person (or this chat) in the tenant.",
                _ => $"Microsoft Graph answered {ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.Code}; try again in a moment.",
            });
        }
    }

    private static bool IsChannel(string conversationId) =>
        conversationId.EndsWith("@thread.tacv2", StringComparison.OrdinalIgnoreCase) || conversationId.EndsWith("@thread.skype", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The person's Entra object id: as the people picker gave it, else asked of the Connector in this conversation and in
    /// the team the incident's group chat was opened from (someone not yet in a chat is not on its roster, but is on
    /// their team's).
    /// </summary>
    private async Task<string?> ObjectIdAsync(string tenant, TeamsReplyAddress address, Incident incident, ChatUser person, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(person.Id, out var picked))
        {
            return picked.ToString("D");
        }

        var rosters = new List<string> { address.Roster };
        if (address.TeamId is null && (await references.FindAsync(tenant, incident.ChannelId, cancellationToken))?.TeamId is { } team && !rosters.Contains(team))
        {
            rosters.Add(team);
        }

        return await users.FindObjectIdAsync(tenant, person.Id, rosters, address.ServiceUrl, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph did not add a person to a private incident's room: {Status} {Code}.")]
    private static partial void LogRefused(ILogger logger, int? status, string? code);
}
