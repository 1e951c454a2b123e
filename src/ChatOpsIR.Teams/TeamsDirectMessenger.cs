using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Teams.Cards;
using ChatOpsIR.Teams.Connector;
using ChatOpsIR.Teams.Conversations;
using ChatOpsIR.Teams.Protocol;

namespace ChatOpsIR.Teams;

/// <summary>
/// Teams direct messages: the card goes to the person's 1:1 chat with the bot, found from its stored conversation
/// reference, or opened through the Connector (with the serviceUrl and bot id of the tenant's conversations) when the person
/// has the app but has not talked to the bot yet.
/// </summary>
public sealed class TeamsDirectMessenger(BotConnectorClient connector, IConversationReferenceStore references) : IDirectMessenger
{
    private const string ScopePrefix = "teams:";

    public Platform Platform => Platform.Teams;

    public async Task SendAsync(DirectMessage message, CancellationToken cancellationToken)
    {
        if (!message.Scope.StartsWith(ScopePrefix, StringComparison.Ordinal))
        {
            throw new DirectMessageUnavailableException("The scope is not a Teams tenant.");
        }

        var tenant = message.Scope[ScopePrefix.Length..];
        var activity = new OutgoingActivity(message.Text, [new Attachment(AdaptiveCardRenderer.ContentType, AdaptiveCardRenderer.RenderWithinLimit(message.Card))]);
        if (await references.FindPersonalAsync(tenant, message.Recipient.Id, cancellationToken) is { } personal)
        {
            await connector.SendAsync(personal.ServiceUrl, personal.ConversationId, activity, cancellationToken);
            return;
        }

        var channel = (message.ChannelId is { Length: > 0 } channelId ? await references.FindAsync(tenant, channelId, cancellationToken) : null)
            ?? await references.FindLatestAsync(tenant, cancellationToken);
        if (channel is null)
        {
            throw new DirectMessageUnavailableException("No 1:1 chat with this person is known, and no conversation of the tenant to open one from. They can message the bot once to make one.");
        }

        var conversation = await connector.CreatePersonalConversationAsync(channel.ServiceUrl, channel.BotId, message.Recipient.Id, tenant, cancellationToken)
            ?? throw new BotConnectorException("The Connector did not return the 1:1 conversation's id.");
        await connector.SendAsync(channel.ServiceUrl, conversation, activity, cancellationToken);
    }
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
        if (!message.Scope.StartsWith("teams:", StringComparison.Ordinal))
        {
            throw new DirectMessageUnavailableException("The scope is not a Teams tenant.");
        }

        var tenant = message.Scope["teams:".Length..];
        var reference = await references.FindAsync(tenant, message.ChannelId, cancellationToken)
            ?? await references.FindLatestAsync(tenant, cancellationToken)
            ?? throw new DirectMessageUnavailableException("No conversation of this tenant is known, so there is no Connector address to post through.");
        var activity = new OutgoingActivity(message.Text, [new Attachment(AdaptiveCardRenderer.ContentType, AdaptiveCardRenderer.RenderWithinLimit(message.Card))]);
        await connector.SendAsync(reference.ServiceUrl, message.ChannelId, activity, cancellationToken);
    }
}
