using System.Text.Json;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Web;

/// <summary>
/// The web war room has no direct messages: a message for one person appears in the channel of the matter it is about
/// (the incident's channel), visible to that person only, like the private answers to their own commands.
/// </summary>
public sealed class WebDirectMessenger(IConversationLog log, TimeProvider clock) : IDirectMessenger
{
    public Platform Platform => Platform.Web;

    public Task SendAsync(DirectMessage message, CancellationToken cancellationToken)
    {
        if (message.ChannelId is not { Length: > 0 } channel)
        {
            throw new DirectMessageUnavailableException("A web war room message needs the channel it belongs to.");
        }

        return log.AppendBotMessageAsync(message.Scope, channel, message.Text, message.Card, message.Recipient.Id, clock, cancellationToken);
    }
}

/// <summary>Web war room channel posts: a bot message everyone in the channel sees.</summary>
public sealed class WebChannelMessenger(IConversationLog log, TimeProvider clock) : IChannelMessenger
{
    public Platform Platform => Platform.Web;

    public Task PostAsync(ChannelMessage message, CancellationToken cancellationToken) =>
        log.AppendBotMessageAsync(message.Scope, message.ChannelId, message.Text, message.Card, null, clock, cancellationToken);
}

internal static class WebBotMessages
{
    /// <summary>Appends a message from the bot, with its card, to a web war room channel; for everyone, or for one person only.</summary>
    public static Task AppendBotMessageAsync(this IConversationLog log, TenantScope scope, string channelId, string text, Card card, string? visibleToUserId, TimeProvider clock, CancellationToken cancellationToken) =>
        log.AppendAsync(
            [new ConversationMessage(scope, channelId, ChatUser.System.Id, ChatUser.System.DisplayName, true, text, JsonSerializer.Serialize(card, CommandService.ReplyJson), visibleToUserId, clock.GetUtcNow().UtcDateTime)],
            cancellationToken);
}
