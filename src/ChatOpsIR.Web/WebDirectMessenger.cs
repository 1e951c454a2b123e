using System.Text.Json;
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

        var card = JsonSerializer.Serialize(message.Card, CommandService.ReplyJson);
        return log.AppendAsync(
            [new ConversationMessage(message.Scope, channel, ChatUser.System.Id, ChatUser.System.DisplayName, true, message.Text, card, message.Recipient.Id, clock.GetUtcNow().UtcDateTime)],
            cancellationToken);
    }
}

/// <summary>Web war room channel posts: a bot message everyone in the channel sees.</summary>
public sealed class WebChannelMessenger(IConversationLog log, TimeProvider clock) : IChannelMessenger
{
    public Platform Platform => Platform.Web;

    public Task PostAsync(ChannelMessage message, CancellationToken cancellationToken) =>
        log.AppendAsync(
            [new ConversationMessage(message.Scope, message.ChannelId, ChatUser.System.Id, ChatUser.System.DisplayName, true, message.Text, JsonSerializer.Serialize(message.Card, CommandService.ReplyJson), null, clock.GetUtcNow().UtcDateTime)],
            cancellationToken);
}
