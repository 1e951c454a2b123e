using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Conversations;

/// <summary>
/// Where the bot can write into a conversation later without being asked (reminders, scheduled prompts): the
/// platform's conversation id and the endpoint that serves it. Kept for channels, group chats and 1:1 chats, and
/// refreshed every time the conversation talks to the bot.
/// </summary>
public sealed class ConversationAddress
{
    private ConversationAddress()
    {
        ConversationId = string.Empty;
    }

    public ConversationAddress(TenantScope scope, Platform platform, string conversationId, DateTime updatedAt)
    {
        Id = Guid.NewGuid();
        Scope = scope;
        Platform = platform;
        ConversationId = conversationId;
        UpdatedAt = updatedAt;
    }

    public Guid Id { get; private set; }
    public TenantScope Scope { get; private set; }
    public Platform Platform { get; private set; }
    public string ConversationId { get; private set; }

    /// <summary>personal, groupChat, channel… as the platform names it.</summary>
    public string? Kind { get; set; }

    /// <summary>The endpoint that serves the conversation (a Teams serviceUrl).</summary>
    public string? ServiceEndpoint { get; set; }

    public string? BotId { get; set; }
    public string? UserId { get; set; }
    public string? UserDirectoryId { get; set; }
    public string? TeamId { get; set; }
    public string? ChannelId { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// Takes what a newer sighting of the conversation says. True when something changed, or when the last-seen
    /// time is older than <paramref name="refreshEvery"/>; false means there is nothing worth writing.
    /// </summary>
    public bool Refresh(ConversationAddress newer, TimeSpan refreshEvery)
    {
        var changed = Kind != newer.Kind
            || ServiceEndpoint != newer.ServiceEndpoint
            || BotId != newer.BotId
            || (newer.UserId is not null && UserId != newer.UserId)
            || (newer.UserDirectoryId is not null && UserDirectoryId != newer.UserDirectoryId)
            || (newer.TeamId is not null && TeamId != newer.TeamId)
            || (newer.ChannelId is not null && ChannelId != newer.ChannelId);
        if (!changed && newer.UpdatedAt - UpdatedAt < refreshEvery)
        {
            return false;
        }

        Kind = newer.Kind;
        ServiceEndpoint = newer.ServiceEndpoint;
        BotId = newer.BotId;
        UserId = newer.UserId ?? UserId;
        UserDirectoryId = newer.UserDirectoryId ?? UserDirectoryId;
        TeamId = newer.TeamId ?? TeamId;
        ChannelId = newer.ChannelId ?? ChannelId;
        UpdatedAt = newer.UpdatedAt;
        return true;
    }
}
