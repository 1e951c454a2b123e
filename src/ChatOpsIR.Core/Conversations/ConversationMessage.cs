using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Conversations;

/// <summary>
/// A message in a channel of the web war room: what people typed and what the bot answered. Replies meant
/// only for the person who asked carry <see cref="VisibleToUserId"/>.
/// </summary>
public sealed class ConversationMessage
{
    private ConversationMessage()
    {
        ChannelId = string.Empty;
        AuthorId = string.Empty;
        AuthorName = string.Empty;
        Text = string.Empty;
    }

    public ConversationMessage(TenantScope scope, string channelId, string authorId, string authorName, bool fromBot, string text, string? cardJson, string? visibleToUserId, DateTime postedAt, bool isError = false)
    {
        Scope = scope;
        ChannelId = channelId;
        AuthorId = authorId;
        AuthorName = authorName;
        FromBot = fromBot;
        Text = text;
        CardJson = cardJson;
        VisibleToUserId = visibleToUserId;
        PostedAt = postedAt;
        IsError = isError;
    }

    public long Id { get; private set; }
    public TenantScope Scope { get; private set; }
    public string ChannelId { get; private set; }
    public string AuthorId { get; private set; }
    public string AuthorName { get; private set; }
    public bool FromBot { get; private set; }
    public bool IsError { get; private set; }
    public string Text { get; private set; }

    /// <summary>The neutral card, as JSON, when the message carries one.</summary>
    public string? CardJson { get; private set; }

    public string? VisibleToUserId { get; private set; }
    public DateTime PostedAt { get; private set; }
}
