using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Teams.Cards;
using ChatOpsIR.Teams.Connector;
using ChatOpsIR.Teams.Conversations;
using ChatOpsIR.Teams.Graph;
using ChatOpsIR.Teams.Protocol;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams;

/// <summary>
/// Teams direct messages: the card goes to the person's 1:1 chat with the bot, found from its stored conversation
/// reference; else the chat is opened through the Connector (with the serviceUrl and bot id of the tenant's
/// conversations), which works when the person has the app; else the app is installed for them through Microsoft Graph
/// and the card goes into the chat of that installation (<see cref="TeamsAppInstallations"/>). The person is known by
/// their Teams id (<c>29:…</c>) or, when picked in a Teams form before they ever talked to the bot, by their Entra
/// object id; Graph needs the object id, which activities carry and the Connector's member lookup returns.
/// </summary>
public sealed partial class TeamsDirectMessenger(
    BotConnectorClient connector,
    IConversationReferenceStore references,
    TeamsAppInstallations installations,
    TeamsUserNames names,
    TeamsUserDirectory users,
    TimeProvider clock,
    ILogger<TeamsDirectMessenger> logger) : IDirectMessenger
{
    public Platform Platform => Platform.Teams;

    public async Task SendAsync(DirectMessage message, CancellationToken cancellationToken)
    {
        var tenant = message.Scope.KeyFor(Platform.Teams) ?? throw new DirectMessageUnavailableException("The scope is not a Teams tenant.");
        var activity = TeamsMessages.WithCard(message.Text, message.Card);
        var recipient = message.Recipient.Id;
        if (recipient.StartsWith(TeamsMentionResolver.UnresolvedPrefix, StringComparison.Ordinal))
        {
            throw new DirectMessageUnavailableException($"{message.Recipient.DisplayName} was named by a typed name, not picked or @mentioned, so Teams cannot say who they are. Reassign the item to them with the people picker or an @mention.");
        }

        string? objectId = Guid.TryParse(recipient, out _) ? recipient : null;
        string? teamsId = objectId is null ? recipient : names.TryGetTeamsUser(tenant, objectId, out var seen, out _) ? seen : null;
        foreach (var known in new[] { teamsId, objectId })
        {
            if (known is not null && await references.FindPersonalAsync(tenant, known, cancellationToken) is { } personal)
            {
                await connector.SendAsync(personal.ServiceUrl, personal.ConversationId, activity, cancellationToken);
                return;
            }
        }

        // The conversation the message is about (an incident's channel or chat), when it is a Teams one.
        var matterReference = message.ChannelId is { Length: > 0 } channelId ? await references.FindAsync(tenant, channelId, cancellationToken) : null;
        var matter = matterReference is not null || message.ChannelId?.StartsWith("19:", StringComparison.Ordinal) == true ? message.ChannelId : null;
        var channel = matterReference ?? await references.FindLatestAsync(tenant, cancellationToken)
            ?? throw new DirectMessageUnavailableException("No 1:1 chat with this person is known, and no conversation of the tenant to open one from. They can message the bot once to make one.");
        if (teamsId is not null)
        {
            try
            {
                var opened = await connector.CreatePersonalConversationAsync(channel.ServiceUrl, channel.BotId, teamsId, tenant, cancellationToken)
                    ?? throw new BotConnectorException("The Connector did not return the 1:1 conversation's id.");
                await connector.SendAsync(channel.ServiceUrl, opened, activity, cancellationToken);
                return;
            }
            catch (BotConnectorException ex) when (ex.StatusCode is 400 or 403 or 404)
            {
                // The Connector opens a 1:1 chat only with someone who has the app: install it for them through Graph.
                LogNotInstalled(logger, ex.StatusCode.Value);
            }

            // Who they are in Entra ID: a team lists its members under the team's id, a chat under its own.
            string?[] rosters = [matterReference?.TeamId, matter, channel.TeamId, channel.ConversationId];
            objectId ??= await users.FindObjectIdAsync(tenant, teamsId, rosters.OfType<string>().Select(TeamsKeys.ConversationRoot).Distinct(StringComparer.Ordinal).Take(3).ToList(), channel.ServiceUrl, cancellationToken)
                ?? throw new DirectMessageUnavailableException("ChatOpsIR is not installed for this person and their Entra object id is unknown (the Connector does not list them in the incident's conversation), so it cannot be installed for them through Graph. They can message the bot once.");
        }

        string chat;
        try
        {
            chat = await installations.OpenChatAsync(tenant, objectId!, cancellationToken);
        }
        catch (DirectMessageUnavailableException ex) when (matter is not null)
        {
            await TellChannelAsync(channel.ServiceUrl, matter, message, ex.Message, cancellationToken);
            throw;
        }

        await connector.SendAsync(channel.ServiceUrl, chat, activity, cancellationToken);

        // Remembered like a chat the person opened: the next message goes straight there.
        await references.SaveAsync(new ConversationReference(tenant, chat, StoredConversationReferenceStore.PersonalKind, channel.ServiceUrl, channel.BotId, teamsId ?? objectId, objectId, null, null, clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// Says in the conversation the message is about (the incident's channel, where its commander is) that a person could
    /// not be reached and what would fix it; a failure to say so is only logged.
    /// </summary>
    private async Task TellChannelAsync(string serviceUrl, string matter, DirectMessage message, string reason, CancellationToken cancellationToken)
    {
        var about = message.Text.Length <= 100 ? message.Text : string.Concat(message.Text.AsSpan(0, 99), "…");
        var text = $"I could not send {message.Recipient.DisplayName} a direct message (“{about}”). {reason} Until then, {message.Recipient.DisplayName} can open a chat with ChatOpsIR once and the next message will reach them.";
        try
        {
            await connector.SendAsync(serviceUrl, TeamsKeys.ConversationRoot(matter), new OutgoingActivity(text), cancellationToken);
        }
        catch (BotConnectorException ex)
        {
            LogNoticeFailed(logger, ex.StatusCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The Connector would not open a 1:1 chat ({Status}): the app is not installed for the person; trying Graph.")]
    private static partial void LogNotInstalled(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the incident's conversation that a person is unreachable ({Status}).")]
    private static partial void LogNoticeFailed(ILogger logger, int? status);
}

/// <summary>
/// Teams channel posts: a new message in the incident's channel (its id is the conversation id of the channel's root),
/// through the serviceUrl stored with the channel's conversations, or else the tenant's latest.
/// </summary>
public sealed class TeamsChannelMessenger(BotConnectorClient connector, IConversationReferenceStore references) : IChannelMessenger
{
    public Platform Platform => Platform.Teams;

    public async Task PostAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        var tenant = message.Scope.KeyFor(Platform.Teams) ?? throw new DirectMessageUnavailableException("The scope is not a Teams tenant.");
        var reference = await references.FindAsync(tenant, message.ChannelId, cancellationToken)
            ?? await references.FindLatestAsync(tenant, cancellationToken)
            ?? throw new DirectMessageUnavailableException("No conversation of this tenant is known, so there is no Connector address to post through.");
        var activity = TeamsMessages.WithCard(message.Text, message.Card);
        await connector.SendAsync(reference.ServiceUrl, message.ChannelId, activity, cancellationToken);
    }
}
