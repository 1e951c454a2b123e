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
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams;

/// <summary>
/// Teams' part of `declare … new-channel` (the flow is Core's <see cref="WarRoomWorkflow"/>): a standard channel in the
/// team through Microsoft Graph, the incident card as the channel's first thread through the Bot Connector, and a
/// pointer with a button in the thread of the command. A private incident gets a private channel with the declarer as
/// its owner; where the team or tenant does not allow one, a group chat with the app installed in it.
/// </summary>
public sealed partial class TeamsWarRoom(
    TeamsGraph graph,
    BotConnectorClient connector,
    TeamsTeamGroups teamGroups,
    TeamsUserDirectory users,
    IConversationReferenceStore references,
    IOptions<TeamsOptions> options,
    TimeProvider clock,
    ILogger<TeamsWarRoom> logger) : IWarRoomChannels
{
    public const int MaxNameLength = 50;
    public const int MaxNameAttempts = 5;
    public const string CreatePermission = "Channel.Create";

    /// <summary>The Graph application permissions a private incident's group chat needs: creating it and installing the app in it.</summary>
    public const string ChatPermissions = "Chat.Create and TeamsAppInstallation.ReadWriteSelfForChat.All";

    public Platform Platform => Platform.Teams;

    public async Task<WarRoomChannel> CreateChannelAsync(WorkItem item, string title, bool isPrivate, CancellationToken cancellationToken)
    {
        var address = TeamsReplyAddress.Read(item.ReplyAddress);
        var groupId = address.TeamGroupId;
        string? problem = null;
        if (groupId is null)
        {
            // A channel of a team is known by its group id (Graph's team id); when Teams left that out, the Connector knows it.
            (groupId, problem) = address.TeamId is { } teamId
                ? await teamGroups.FindAsync(address.ServiceUrl, teamId, cancellationToken)
                : (null, "Teams did not say which team this channel belongs to");
        }

        if (isPrivate)
        {
            return await CreatePrivateRoomAsync(item, address, groupId, title, cancellationToken);
        }

        if (groupId is null)
        {
            // An incident must not wait on a lookup: it is declared in the channel that asked, with this note.
            throw new WarRoomUnavailableException(
                $"{problem}, so I could not open a war-room channel for “{title}”. The incident lives in this channel; to get a war room, try declare … new-channel again later.",
                declareHere: true);
        }

        try
        {
            return await CreateNamedChannelAsync(item, address, groupId, title, owner: null, cancellationToken);
        }
        catch (TeamsGraphException ex)
        {
            LogRefused(logger, ex.StatusCode, ex.Code);
            throw new WarRoomUnavailableException(Explain(ex, title), inner: ex);
        }
    }

    /// <summary>
    /// A channel of the team named after the incident (a private one owned by <paramref name="owner"/> when given), trying
    /// " 2" … " 5" after the name while Teams says it is taken; the last refusal is thrown as it came.
    /// </summary>
    private async Task<WarRoomChannel> CreateNamedChannelAsync(WorkItem item, TeamsReplyAddress address, string groupId, string title, string? owner, CancellationToken cancellationToken)
    {
        var name = ChannelName(title, clock.GetUtcNow().UtcDateTime);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? name : $"{name} {attempt}";
            try
            {
                var channel = await graph.CreateChannelAsync(address.TenantId, groupId, candidate, Description(item, title), cancellationToken, owner);
                return Describe(channel.Id!, channel.DisplayName ?? candidate, HttpsOrNull(channel.WebUrl), isPrivate: owner is not null);
            }
            catch (TeamsGraphException ex) when (IsNameTaken(ex) && attempt < MaxNameAttempts)
            {
            }
        }
    }

    /// <summary>
    /// A room only the declarer (and whoever they invite) can read: a private channel of the team, else a group chat.
    /// Nothing the whole team can read is ever created; when neither can be made, nothing is declared.
    /// </summary>
    private async Task<WarRoomChannel> CreatePrivateRoomAsync(WorkItem item, TeamsReplyAddress address, string? groupId, string title, CancellationToken cancellationToken)
    {
        var owner = item.RequesterDirectoryId is { } known && Guid.TryParse(known, out _)
            ? known
            : await users.FindObjectIdAsync(address.TenantId, item.RequesterId, [address.Roster], address.ServiceUrl, cancellationToken)
            ?? throw new WarRoomUnavailableException($"Teams did not say who you are in Microsoft Entra ID, so I could not make you the owner of a private war room for “{title}”. Nothing was declared; try again in a moment.");
        string why;
        if (groupId is null)
        {
            why = "I could not tell which team this channel belongs to, so the war room is a group chat instead of a private channel.";
        }
        else
        {
            try
            {
                return await CreateNamedChannelAsync(item, address, groupId, title, owner, cancellationToken);
            }
            catch (TeamsGraphException ex) when (ex.StatusCode is 400 or 403 or 404 && ex.Code is not ("unauthorized_client" or "invalid_client" or "TokenRefused"))
            {
                // The team or the tenant does not allow private channels (or not for this app): a group chat is as private.
                // (Without a Graph token at all a group chat would fail the same way, so that is not tried.)
                LogPrivateChannelRefused(logger, ex.StatusCode, ex.Code);
                why = $"This team does not let me open a private channel (Microsoft Graph answered {ex.StatusCode}), so the war room is a group chat instead.";
            }
            catch (TeamsGraphException ex)
            {
                LogRefused(logger, ex.StatusCode, ex.Code);
                throw new WarRoomUnavailableException(Explain(ex, title), inner: ex);
            }
        }

        return await CreateGroupChatAsync(address, owner, ChannelName(title, clock.GetUtcNow().UtcDateTime), title, why, cancellationToken);
    }

    private async Task<WarRoomChannel> CreateGroupChatAsync(TeamsReplyAddress address, string owner, string topic, string title, string why, CancellationToken cancellationToken)
    {
        if (options.Value.EffectiveManifestId is not { } manifestId)
        {
            throw new WarRoomUnavailableException($"{why} But Teams:ManifestId (or Teams:AppId) is not the GUID of the Teams app, so I cannot add myself to a group chat. Nothing was declared for “{title}”.");
        }

        try
        {
            // The app is looked up first: a chat the bot cannot join would be an empty room.
            var catalogApp = await graph.FindCatalogAppAsync(address.TenantId, manifestId, cancellationToken)
                ?? throw new WarRoomUnavailableException($"{why} But ChatOpsIR is not in this tenant's Teams app catalog, so I cannot add myself to a group chat; publish the app package to the organisation's catalog. Nothing was declared for “{title}”.");
            var chat = await graph.CreateGroupChatAsync(address.TenantId, topic, [owner], cancellationToken);
            await graph.InstallInChatAsync(address.TenantId, chat.Id!, catalogApp, cancellationToken);
            return Describe(chat.Id!, chat.Topic ?? topic, HttpsOrNull(chat.WebUrl), isPrivate: true) with { Note = why };
        }
        catch (TeamsGraphException ex)
        {
            LogRefused(logger, ex.StatusCode, ex.Code);
            var reason = ex.IsPermissionMissing
                ? $"Microsoft Graph refused ({ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.Code}): an administrator has to grant the app the {ChatPermissions} application permissions (with admin consent)"
                : $"Microsoft Graph could not open it ({ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.Code})";
            throw new WarRoomUnavailableException($"{why} {reason}. Nothing was declared for “{title}”; you can declare it with `private` in a group chat of the people involved.", inner: ex);
        }
    }

    /// <summary>How a private room is named to the declarer: not by its name, which repeats the incident's title where others may read it.</summary>
    public const string PrivateChannelLabel = "war-room channel";

    public const string PrivateChatLabel = "war-room group chat";

    private static string Description(WorkItem item, string title)
    {
        var description = $"War room for “{title}”, opened by {item.RequesterName} with ChatOpsIR.";
        return description.Length > 1024 ? description[..1024] : description;
    }

    private static string? HttpsOrNull(string? url) =>
        url is { } web && Uri.TryCreate(web, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps ? link.AbsoluteUri : null;

    /// <summary>A group chat's id (<c>19:…@thread.v2</c>), as opposed to a channel's (<c>@thread.tacv2</c> or <c>@thread.skype</c>).</summary>
    public static bool IsChat(string conversationId) => conversationId.EndsWith("@thread.v2", StringComparison.OrdinalIgnoreCase);

    public WarRoomChannel Describe(string id, string name, string? url, bool isPrivate) =>
        new(id, name, !isPrivate ? $"war-room channel “{name}”" : IsChat(id) ? PrivateChatLabel : PrivateChannelLabel, url);

    /// <summary>Every member of the team sees a standard channel: there is no one to invite.</summary>
    public Task InviteAsync(WorkItem item, WarRoomChannel channel, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PostIncidentAsync(WorkItem item, WarRoomChannel channel, BotReply declared, CancellationToken cancellationToken)
    {
        var address = TeamsReplyAddress.Read(item.ReplyAddress);
        if (IsChat(channel.Id))
        {
            await PostInChatAsync(item, address, channel, declared, cancellationToken);
            return;
        }

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

    /// <summary>A group chat is one conversation: the card goes into it as the first message of the incident.</summary>
    private async Task PostInChatAsync(WorkItem item, TeamsReplyAddress address, WarRoomChannel channel, BotReply declared, CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendAsync(address.ServiceUrl, channel.Id, TeamsMessages.From(declared), cancellationToken);
            // The team it was opened from is kept as the chat's team: people invited later are on that team's roster.
            await references.SaveAsync(
                new ConversationReference(address.TenantId, channel.Id, "groupChat", address.ServiceUrl, address.BotId, item.RequesterId, item.RequesterDirectoryId, address.TeamId, null, clock.GetUtcNow()),
                cancellationToken);
        }
        catch (BotConnectorException ex)
        {
            throw new WarRoomUnavailableException(
                $"The {channel.Label} was opened and the incident declared there, but I could not post in it yet ({ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}). Open the chat and type @ChatOpsIR timeline.",
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph did not create a private channel ({Status} {Code}); opening a group chat instead.")]
    private static partial void LogPrivateChannelRefused(ILogger logger, int? status, string? code);

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
