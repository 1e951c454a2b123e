using System.Text;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Teams.Cards;
using ChatOpsIR.Teams.Connector;
using ChatOpsIR.Teams.Conversations;
using ChatOpsIR.Teams.Graph;
using ChatOpsIR.Teams.Protocol;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams;

/// <summary>What `declare … new-channel` in a Teams channel needs after the activity has been answered.</summary>
/// <remarks><see cref="TeamGroupId"/> is null when the activity did not carry it; it is then asked of the Connector by <see cref="TeamId"/>.</remarks>
public sealed record WarRoomRequest(
    string TenantId,
    string? TeamGroupId,
    string? TeamId,
    string ServiceUrl,
    string BotId,
    string OriginConversationId,
    string? OriginActivityId,
    CommandContext Origin,
    string Line,
    DeclareCommand Declare);

/// <summary>
/// `declare … new-channel` in Teams: create a standard channel in the team through Microsoft Graph, declare the incident
/// there (chat capture on), start the channel's first thread with the incident card through the Bot Connector, and tell
/// the channel the command came from where the war room is. Runs in <see cref="TeamsBackgroundWork"/>.
/// </summary>
public sealed partial class TeamsWarRoom(
    TeamsGraph graph,
    CommandService commands,
    BotConnectorClient connector,
    TeamsTeamGroups teamGroups,
    IConversationReferenceStore references,
    TimeProvider clock,
    ILogger<TeamsWarRoom> logger)
{
    public const int MaxNameLength = 50;
    public const int MaxNameAttempts = 5;
    public const string CreatePermission = "Channel.Create";

    public async Task OpenAsync(WarRoomRequest request, CancellationToken cancellationToken)
    {
        var title = request.Declare.Title;
        var groupId = request.TeamGroupId;
        if (groupId is null)
        {
            (groupId, var problem) = request.TeamId is { } teamId
                ? await teamGroups.FindAsync(request.ServiceUrl, teamId, cancellationToken)
                : (null, "Teams did not say which team this channel belongs to");
            if (groupId is null)
            {
                await DeclareHereAsync(request, problem!, cancellationToken);
                return;
            }
        }

        Microsoft.Graph.Models.Channel channel;
        try
        {
            channel = await CreateChannelAsync(request, groupId, ChannelName(title, clock.GetUtcNow().UtcDateTime), cancellationToken);
        }
        catch (TeamsGraphException ex)
        {
            LogRefused(logger, ex.StatusCode, ex.Code);
            await TellOriginAsync(request, new OutgoingActivity(Explain(ex, title)), cancellationToken);
            return;
        }

        var channelId = channel.Id!;
        var channelName = channel.DisplayName ?? channelId;
        var context = request.Origin with { ChannelId = channelId, ChannelName = channelName, DeliveryId = null };
        var reply = await commands.ExecuteAsync(context, request.Line, cancellationToken);
        if (reply.IsError)
        {
            await TellOriginAsync(request, new OutgoingActivity($"The war-room channel “{channelName}” was created, but the incident could not be declared there: {reply.Text}"), cancellationToken);
            return;
        }

        try
        {
            var thread = await connector.CreateChannelConversationAsync(request.ServiceUrl, channelId, request.TenantId, TeamsActivityHandler.ToOutgoing(reply), cancellationToken);
            if (thread is { Length: > 0 })
            {
                await references.SaveAsync(
                    new ConversationReference(request.TenantId, thread, "channel", request.ServiceUrl, request.BotId, request.Origin.User.Id, null, null, channelId, clock.GetUtcNow()),
                    cancellationToken);
            }
        }
        catch (BotConnectorException ex)
        {
            await TellOriginAsync(request, new OutgoingActivity($"The war-room channel “{channelName}” was created and the incident declared there, but I could not post in it ({ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}). Open the channel and type @ChatOpsIR timeline."), cancellationToken);
            return;
        }

        var reference = reply.Text.Split(' ', 2)[0];
        var text = $"{request.Origin.User.DisplayName} opened the war-room channel “{channelName}” for {reference}: {title}. The incident lives there; chat in that channel goes into its timeline.";
        var buttons = channel.WebUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var web) && web.Scheme == Uri.UriSchemeHttps
            ? [CardButton.Link("Open the war room", web.AbsoluteUri)]
            : Array.Empty<CardButton>();
        var pointer = new Card($"War room: {channelName}", [new TextElement(text)], buttons) { Tone = CardTone.Accent };
        await TellOriginAsync(request, new OutgoingActivity(text, [AdaptiveCardAttachment.From(pointer)]), cancellationToken);
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

    private async Task<Microsoft.Graph.Models.Channel> CreateChannelAsync(WarRoomRequest request, string groupId, string name, CancellationToken cancellationToken)
    {
        var description = $"War room for “{request.Declare.Title}”, opened by {request.Origin.User.DisplayName} with ChatOpsIR.";
        if (description.Length > 1024)
        {
            description = description[..1024];
        }

        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? name : $"{name} {attempt}";
            try
            {
                return await graph.CreateChannelAsync(request.TenantId, groupId, candidate, description, cancellationToken);
            }
            catch (TeamsGraphException ex) when (IsNameTaken(ex) && attempt < MaxNameAttempts)
            {
            }
        }
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

    /// <summary>
    /// Without the team's group id no channel can be created in it: the incident is declared in the channel that asked (an
    /// incident must not wait on a lookup), with a note saying why there is no war room.
    /// </summary>
    private async Task DeclareHereAsync(WarRoomRequest request, string problem, CancellationToken cancellationToken)
    {
        // The delivery was claimed when the war room was queued; this declaration is its one answer.
        var reply = await commands.ExecuteAsync(request.Origin with { DeliveryId = null }, TeamsActivityHandler.WithoutNewChannel(request.Declare), cancellationToken);
        await TellOriginAsync(request, TeamsActivityHandler.ToOutgoing(reply), cancellationToken);
        if (!reply.IsError)
        {
            await TellOriginAsync(request, new OutgoingActivity($"{problem}, so I could not open a war-room channel for “{request.Declare.Title}”. The incident lives in this channel; to get a war room, try declare … new-channel again later."), cancellationToken);
        }
    }

    /// <summary>Answers in the thread of the message that asked, as every other reply does.</summary>
    private Task TellOriginAsync(WarRoomRequest request, OutgoingActivity message, CancellationToken cancellationToken) =>
        connector.SendAsync(request.ServiceUrl, request.OriginConversationId, message with { ReplyToId = request.OriginActivityId }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph did not create a war-room channel: {Status} {Code}.")]
    private static partial void LogRefused(ILogger logger, int? status, string? code);
}
