using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>
/// A message to one person, unasked (a reminder, an escalation). <see cref="ChannelId"/> is the channel of the matter it
/// is about, for platforms without direct messages of their own (the web war room shows it there, to them only).
/// </summary>
public sealed record DirectMessage(TenantScope Scope, Platform Platform, ChatUser Recipient, string Text, Card Card)
{
    public string? ChannelId { get; init; }
}

/// <summary>Sends direct messages on one platform. Throws when the message could not be delivered.</summary>
public interface IDirectMessenger : IPlatformService
{
    Task SendAsync(DirectMessage message, CancellationToken cancellationToken);
}

/// <summary>The platform cannot reach the person directly (not installed, no 1:1 chat known).</summary>
public sealed class DirectMessageUnavailableException(string message) : Exception(message);

/// <summary>A message into a channel, unasked (a nudge to carry on with the post-mortem).</summary>
public sealed record ChannelMessage(TenantScope Scope, Platform Platform, string ChannelId, string Text, Card Card);

/// <summary>Posts into channels on one platform. Throws when the message could not be delivered.</summary>
public interface IChannelMessenger : IPlatformService
{
    Task PostAsync(ChannelMessage message, CancellationToken cancellationToken);
}
