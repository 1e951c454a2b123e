using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Conversations;

/// <summary>
/// Who typed a command, where, and on which platform. <see cref="Scope"/> is the workspace or tenant and
/// bounds every read and write. <see cref="DeliveryId"/> is the platform's id for this delivery: a retry
/// with the same id gets the first answer again and changes nothing.
/// </summary>
public sealed record CommandContext(string Scope, Platform Platform, string ChannelId, ChatUser User)
{
    public string? ChannelName { get; init; }
    public string? DeliveryId { get; init; }

    /// <summary>The time zone in which bare times such as "14:05" are read.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}
