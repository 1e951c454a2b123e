using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;

namespace ChatOpsIR.Teams.Graph;

/// <summary>
/// `backfill` in Teams: the channel's messages and their replies through Microsoft Graph
/// (<c>GET /teams/{team}/channels/{channel}/messages?$expand=replies</c>), leaving out the bot's own posts, commands
/// addressed to it, system events and deleted messages. Each message is keyed as live capture keys it
/// (<c>teams:{channel}:{message id}</c>), so a message captured live is never copied twice.
/// </summary>
public sealed class TeamsChannelHistory(TeamsGraph graph, Connector.TeamsTeamGroups teamGroups, TeamsUserDirectory users, IOptions<TeamsOptions> options) : IChannelHistory
{
    public const string ReadPermission = "ChannelMessage.Read.All";

    /// <summary>The most pages (of 50 threads) one backfill reads.</summary>
    public const int MaxPages = 100;

    public Platform Platform => Platform.Teams;

    public string ReadingNotice => "Reading this channel's earlier messages through Microsoft Graph. I will post here what I copy into the timeline.";

    public async Task<HistoryRead> ReadAsync(CommandContext context, DateTime from, DateTime to, int limit, CancellationToken cancellationToken)
    {
        var tenant = context.Scope.KeyFor(Platform.Teams) ?? context.Scope.ToString();
        var (teamGroupId, problem) = await TeamOfAsync(context, cancellationToken);
        if (teamGroupId is null && problem is not null)
        {
            throw new ChannelHistoryUnavailableException($"{problem}, so I cannot read this channel's history through Microsoft Graph. Nothing was copied; try again in a few minutes.");
        }

        if (teamGroupId is not { Length: > 0 } groupId || !context.ChannelId.StartsWith("19:", StringComparison.Ordinal) || !context.ChannelId.Contains("@thread.", StringComparison.Ordinal))
        {
            throw new ChannelHistoryUnavailableException("backfill reads a team channel's history through Microsoft Graph, and this is a chat, not a channel of a team. Use `note <text> at <time>` for what happened earlier.");
        }

        var found = new List<ChatMessage>();
        var pages = 0;
        var truncated = false;
        DateTimeOffset? previous = null;
        var newestFirst = true;
        try
        {
            await graph.ReadChannelMessagesAsync(tenant, groupId, context.ChannelId, page =>
            {
                pages++;
                var allOlder = page.Count > 0;
                foreach (var thread in page)
                {
                    var modified = thread.LastModifiedDateTime ?? thread.CreatedDateTime;
                    newestFirst &= previous is null || modified is null || modified <= previous;
                    previous = modified ?? previous;
                    allOlder &= modified is { } m && m.UtcDateTime < from;
                    found.AddRange(new[] { thread }.Concat(thread.Replies ?? []).Where(m => Keep(m, from, to)));
                }

                // Graph lists the threads with the latest activity first; once a whole page is older than the window, so is
                // the rest. Stop there only if the pages really came in that order.
                if (pages >= MaxPages)
                {
                    truncated = true;
                    return false;
                }

                return !(newestFirst && allOlder);
            }, cancellationToken);
        }
        catch (TeamsGraphException ex)
        {
            throw new ChannelHistoryUnavailableException(Explain(ex));
        }

        var ordered = found.DistinctBy(m => m.Id).OrderBy(m => m.CreatedDateTime).ToList();
        var messages = new List<HistoryMessage>(Math.Min(ordered.Count, limit));
        foreach (var message in ordered.Take(limit))
        {
            messages.Add(new HistoryMessage(
                TeamsKeys.Source(context.ChannelId, message.Id!),
                await AuthorAsync(tenant, message, cancellationToken),
                Text(message.Body),
                message.CreatedDateTime!.Value.UtcDateTime));
        }

        return new HistoryRead(messages, truncated || ordered.Count > limit);
    }

    /// <summary>
    /// The Microsoft 365 group id of the team the command's channel is in, as its reply address says (the history is read
    /// after the activity was answered); when Teams left it out, the Connector's. Nothing for a chat.
    /// </summary>
    private async Task<(string? GroupId, string? Problem)> TeamOfAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (TeamsReplyAddress.TryRead(context.ReplyAddress) is not { ConversationType: "channel" } address)
        {
            return (null, null);
        }

        return address is { TeamGroupId: null, TeamId: { } teamId }
            ? await teamGroups.FindAsync(address.ServiceUrl, teamId, cancellationToken)
            : (address.TeamGroupId, null);
    }

    private bool Keep(ChatMessage message, DateTime from, DateTime to) =>
        message is { Id.Length: > 0, CreatedDateTime: { } created, DeletedDateTime: null, MessageType: ChatMessageType.Message, From.User.Id.Length: > 0 }
        && created.UtcDateTime >= from && created.UtcDateTime <= to
        && !(message.Mentions ?? []).Any(m => m.Mentioned?.Application?.Id is { } app && string.Equals(app, options.Value.AppId, StringComparison.OrdinalIgnoreCase));

    private async Task<ChatUser> AuthorAsync(string tenant, ChatMessage message, CancellationToken cancellationToken)
    {
        // Graph names authors by Entra object id; live capture by their Teams id. The same person is one author.
        var user = message.From!.User!;
        var (id, name) = await users.FindAuthorAsync(tenant, user.Id!, user.DisplayName, cancellationToken);
        return new ChatUser(id, name ?? "Unknown author");
    }

    private static string Text(ItemBody? body) => TeamsText.BodyText(body?.Content, body?.ContentType == BodyType.Html);

    private static string Explain(TeamsGraphException ex) => ex switch
    {
        { IsPermissionMissing: true } =>
            $"Microsoft Graph refused to read this channel's messages ({ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.Code}). An administrator has to grant the app the {ReadPermission} application permission with admin consent in Microsoft Entra ID (or the team has to allow ChannelMessage.Read.Group when the app is added). Nothing was copied.",
        { StatusCode: 404 } => "Microsoft Graph does not know this channel or its team, so nothing was copied.",
        _ => $"Microsoft Graph could not read this channel's history ({ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.Code}). Nothing was copied; try again in a few minutes.",
    };
}
