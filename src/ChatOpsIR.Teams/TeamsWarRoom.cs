using System.Text;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.SlowWork;
using ChatOpsIR.Teams.Cards;
using ChatOpsIR.Teams.Connector;
using ChatOpsIR.Teams.Conversations;
using ChatOpsIR.Teams.Graph;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams;

/// <summary>
/// Teams' part of `declare … new-channel` (the flow is Core's <see cref="WarRoomWorkflow"/>): a standard channel in the
/// team through Microsoft Graph, the incident card as the channel's first thread through the Bot Connector, and a
/// pointer with a button in the thread of the command.
/// </summary>
public sealed partial class TeamsWarRoom(
    TeamsGraph graph,
    BotConnectorClient connector,
    TeamsTeamGroups teamGroups,
    IConversationReferenceStore references,
    TimeProvider clock,
    ILogger<TeamsWarRoom> logger) : IWarRoomChannels
{
    public const int MaxNameLength = 50;
    public const int MaxNameAttempts = 5;
    public const string CreatePermission = "Channel.Create";

    public Platform Platform => Platform.Teams;

    public async Task<WarRoomChannel> CreateChannelAsync(WorkItem item, string title, bool isPrivate, CancellationToken cancellationToken)
    {
        if (isPrivate)
        {
            // A standard channel is open to the whole team, so it will not do; nothing is created or posted anywhere.
            throw new WarRoomUnavailableException(
                $"I cannot open a private war-room channel in Teams yet, so nothing was declared. Declare “{title}” with `private` in a 1:1 chat with me (it then lives there, seen only by the people you invite) or in a group chat of the people involved.");
        }

        var address = TeamsReplyAddress.Read(item.ReplyAddress);
        var groupId = address.TeamGroupId;
        if (groupId is null)
        {
            // A channel of a team is known by its group id (Graph's team id); when Teams left that out, the Connector knows it.
            (groupId, var problem) = address.TeamId is { } teamId
                ? await teamGroups.FindAsync(address.ServiceUrl, teamId, cancellationToken)
                : (null, "Teams did not say which team this channel belongs to");
            if (groupId is null)
            {
                // An incident must not wait on a lookup: it is declared in the channel that asked, with this note.
                throw new WarRoomUnavailableException(
                    $"{problem}, so I could not open a war-room channel for “{title}”. The incident lives in this channel; to get a war room, try declare … new-channel again later.",
                    declareHere: true);
            }
        }

        var description = $"War room for “{title}”, opened by {item.RequesterName} with ChatOpsIR.";
        if (description.Length > 1024)
        {
            description = description[..1024];
        }

        var name = ChannelName(title, clock.GetUtcNow().UtcDateTime);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? name : $"{name} {attempt}";
            try
            {
                var channel = await graph.CreateChannelAsync(address.TenantId, groupId, candidate, description, cancellationToken);
                var url = channel.WebUrl is { } web && Uri.TryCreate(web, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps ? link.AbsoluteUri : null;
                return Describe(channel.Id!, channel.DisplayName ?? channel.Id!, url);
            }
            catch (TeamsGraphException ex) when (IsNameTaken(ex) && attempt < MaxNameAttempts)
            {
            }
            catch (TeamsGraphException ex)
            {
                LogRefused(logger, ex.StatusCode, ex.Code);
                throw new WarRoomUnavailableException(Explain(ex, title), inner: ex);
            }
        }
    }

    public WarRoomChannel Describe(string id, string name, string? url = null) => new(id, name, $"war-room channel “{name}”", url);

    /// <summary>Every member of the team sees a standard channel: there is no one to invite.</summary>
    public Task InviteAsync(WorkItem item, WarRoomChannel channel, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PostIncidentAsync(WorkItem item, WarRoomChannel channel, BotReply declared, CancellationToken cancellationToken)
    {
        var address = TeamsReplyAddress.Read(item.ReplyAddress);
        try
        {
            var thread = await connector.CreateChannelConversationAsync(address.ServiceUrl, channel.Id, address.TenantId, TeamsMessages.From(declared), cancellationToken);
            if (thread is { Length: > 0 })
            {
                await references.SaveAsync(
                    new ConversationReference(address.TenantId, thread, "channel", address.ServiceUrl, address.BotId, item.RequesterId, null, null, channel.Id, clock.GetUtcNow()),
                    cancellationToken);
            }
        }
        catch (BotConnectorException ex)
        {
            throw new WarRoomUnavailableException(
                $"The war-room channel “{channel.Name}” was created and the incident declared there, but I could not post in it ({ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}). Open the channel and type @ChatOpsIR timeline.",
                inner: ex);
        }
    }

    public Task TellOpenedAsync(WorkItem item, WarRoomChannel channel, string title, BotReply declared, CancellationToken cancellationToken)
    {
        var address = TeamsReplyAddress.Read(item.ReplyAddress);
        var reference = declared.Text.Split(' ', 2)[0];
        var text = $"{item.RequesterName} opened the war-room channel “{channel.Name}” for {reference}: {title}. The incident lives there; chat in that channel goes into its timeline.";
        var buttons = channel.Url is { } url ? [CardButton.Link("Open the war room", url)] : Array.Empty<CardButton>();
        var pointer = new Card($"War room: {channel.Name}", [new TextElement(text)], buttons) { Tone = CardTone.Accent };
        return connector.SendAsync(address.ServiceUrl, address.ConversationId, TeamsMessages.WithCard(text, pointer) with { ReplyToId = address.ActivityId }, cancellationToken);
    }

    /// <summary>
    /// A Teams channel name for the incident: <c>INC 2026-11-25 Ransomware on file server</c>, at most 50 characters,
    /// without the characters Teams refuses in channel names.
    /// </summary>
    public static string ChannelName(string title, DateTime utcNow)
    {
        var clean = new StringBuilder();
        foreach (var c in title)
        {
            var keep = !char.IsControl(c) && c is not ('~' or '#' or '%' or '&' or '*' or '{' or '}' or '+' or '/' or '\\' or ':' or '<' or '>' or '?' or '|' or '\'' or '"' or ',');
            if (keep && !(char.IsWhiteSpace(c) && clean.Length > 0 && clean[^1] == ' '))
            {
                clean.Append(char.IsWhiteSpace(c) ? ' ' : c);
            }
        }

        var name = $"INC {utcNow:yyyy-MM-dd} {clean.ToString().Trim()}".Trim();
        if (name.Length > MaxNameLength - 3)
        {
            // Room for a " 2" … " 5" suffix when the name is taken.
            name = name[..(MaxNameLength - 3)].TrimEnd();
        }

        return name.TrimEnd('.');
    }

    private static bool IsNameTaken(TeamsGraphException ex) =>
        ex.StatusCode is 400 or 409 && (ex.Code is "NameAlreadyExists" || ex.InnerException?.Message.Contains("already exist", StringComparison.OrdinalIgnoreCase) == true
            || (ex.InnerException as Microsoft.Graph.Models.ODataErrors.ODataError)?.Error?.Message?.Contains("already exist", StringComparison.OrdinalIgnoreCase) == true);

    private static string Explain(TeamsGraphException ex, string title) => ex switch
    {
        { IsPermissionMissing: true, Code: "unauthorized_client" or "invalid_client" or "TokenRefused" } =>
            $"I could not create a war-room channel for “{title}”: Microsoft Entra ID gave ChatOpsIR no Graph token for this tenant. An administrator has to grant the app admin consent, including the {CreatePermission} application permission. Nothing was declared; declare without new-channel to use this channel.",
        { IsPermissionMissing: true } =>
            $"I could not create a war-room channel for “{title}”: Microsoft Graph refused ({ex.StatusCode}). An administrator has to grant the app the {CreatePermission} application permission (with admin consent) in Microsoft Entra ID. Nothing was declared; declare without new-channel to use this channel.",
        { StatusCode: 404 } =>
            $"Microsoft Graph does not know this team, so no war-room channel was created for “{title}”. Nothing was declared; declare without new-channel to use this channel.",
        _ when IsNameTaken(ex) =>
            $"Every channel name I tried for “{title}” is taken. Create a channel yourself and declare there.",
        _ =>
            $"Microsoft Graph could not create a war-room channel for “{title}” ({ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.Code}). Nothing was declared; try again, or declare without new-channel.",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph did not create a war-room channel: {Status} {Code}.")]
    private static partial void LogRefused(ILogger logger, int? status, string? code);
}

/// <summary>Answers a Teams command later, in the thread of the message that asked, at the serviceUrl it came from.</summary>
public sealed class TeamsDeferredReply(BotConnectorClient connector) : IDeferredReply
{
    public Platform Platform => Platform.Teams;

    public Task SendAsync(string replyAddress, BotReply reply, CancellationToken cancellationToken)
    {
        var address = TeamsReplyAddress.Read(replyAddress);
        return connector.SendAsync(address.ServiceUrl, address.ConversationId, TeamsMessages.From(reply) with { ReplyToId = address.ActivityId }, cancellationToken);
    }
}
