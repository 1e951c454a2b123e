using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatOpsIR.Teams.Protocol;

/// <summary>The Bot Framework Activity, limited to the fields ChatOpsIR reads (PROTOCOLS 2.1).</summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? LocalTimezone { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? ReplyToId { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public JsonElement? Value { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public string? Action { get; init; }

    /// <summary>The tenant the activity comes from: channelData.tenant.id, else conversation.tenantId.</summary>
    [JsonIgnore]
    public string? TenantId => ChannelData?.Tenant?.Id is { Length: > 0 } id ? id : Conversation?.TenantId;
}

public sealed record ChannelAccount(string? Id, string? Name = null, string? AadObjectId = null);

public sealed record ConversationAccount(string? Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null);

public sealed record Entity(string? Type, string? Text = null, ChannelAccount? Mentioned = null, string? Timezone = null);

public sealed record TeamsChannelData
{
    public IdOnly? Tenant { get; init; }
    public TeamInfo? Team { get; init; }
    public ChannelInfo? Channel { get; init; }
    public string? EventType { get; init; }
}

public sealed record IdOnly(string? Id);

public sealed record TeamInfo(string? Id, string? Name = null, string? AadGroupId = null);

public sealed record ChannelInfo(string? Id, string? Name = null);

/// <summary>`value` of an `adaptiveCard/action` invoke.</summary>
public sealed record AdaptiveCardInvokeValue(AdaptiveCardInvokeAction? Action, string? Trigger);

/// <remarks>Teams may also send the button's <c>title</c>; it is only used to word a receipt.</remarks>
public sealed record AdaptiveCardInvokeAction(string? Type, string? Id, string? Verb, JsonObject? Data, string? Title = null);

/// <summary>`value` of a `composeExtension/fetchTask` or `composeExtension/submitAction` invoke.</summary>
public sealed record MessageActionValue(string? CommandId, string? CommandContext, JsonObject? Data, MessagePayload? MessagePayload);

public sealed record MessagePayload(string? Id, DateTimeOffset? CreatedDateTime, string? LinkToMessage, MessageFrom? From, MessageBody? Body, IReadOnlyList<MessageAttachment>? Attachments = null);

/// <summary>An attachment of a message; a file shared in a channel is <c>contentType: "reference"</c> with its SharePoint URL in <c>contentUrl</c>.</summary>
public sealed record MessageAttachment(string? Id, string? ContentType, string? ContentUrl, string? Name);

public sealed record MessageFrom(MessageUser? User);

public sealed record MessageUser(string? Id, string? DisplayName);

public sealed record MessageBody(string? ContentType, string? Content);

/// <summary>A message the bot sends to the Connector (PROTOCOLS 2.4).</summary>
public sealed record OutgoingActivity(string Text, IReadOnlyList<Attachment>? Attachments = null)
{
    /// <summary>The message text, sent as plain text: the markers of Core's inline markup (<see cref="ChatOpsIR.Core.Cards.InlineText"/>) are dropped.</summary>
    public string Text { get; init; } = ChatOpsIR.Core.Cards.InlineText.ToPlain(Text);

    public string Type { get; init; } = "message";
    public string TextFormat { get; init; } = "plain";
    public string? ReplyToId { get; init; }
    public string? Id { get; init; }
}

public sealed record Attachment(string ContentType, JsonObject Content);

/// <summary>The Connector's answer to a post: the new activity's (or conversation's) id.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>`GET v3/teams/{teamId}`: a team's details; <see cref="AadGroupId"/> is the team's id in Microsoft Graph.</summary>
public sealed record TeamDetails(string? Id, string? Name = null, string? AadGroupId = null);

/// <summary>`POST v3/conversations` body for a proactive 1:1 chat.</summary>
public sealed record ConversationParameters(ChannelAccount Bot, IReadOnlyList<ChannelAccount> Members, bool IsGroup, string TenantId, JsonObject ChannelData);

/// <summary>`POST v3/conversations` body that starts a new thread in a Teams channel with its first message.</summary>
public sealed record ChannelConversationParameters(bool IsGroup, string TenantId, JsonObject ChannelData, OutgoingActivity Activity);

/// <summary>Client-credentials token response.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("access_token")] string? AccessToken);

/// <summary>The body of an invoke answer for `adaptiveCard/action` (PROTOCOLS 2.7).</summary>
public sealed record AdaptiveCardInvokeResponse(int StatusCode, string Type, JsonNode Value);

public sealed record InvokeError(string Code, string Message);

/// <summary>The body of an invoke answer for dialogs and message actions: `{"task":{…}}`.</summary>
public sealed record TaskModuleResponse(TaskModuleStep Task);

public sealed record TaskModuleStep(string Type, JsonNode Value);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(MessageActionValue))]
[JsonSerializable(typeof(OutgoingActivity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(TeamDetails))]
[JsonSerializable(typeof(ChannelAccount))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ChannelConversationParameters))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(InvokeError))]
[JsonSerializable(typeof(TaskModuleResponse))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class TeamsJsonContext : JsonSerializerContext;
