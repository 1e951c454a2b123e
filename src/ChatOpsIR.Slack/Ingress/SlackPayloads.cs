using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatOpsIR.Slack.Ingress;

// Wire shapes of what Slack sends, modelling only the fields ChatOpsIR reads.

public sealed record SlackEventEnvelope(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("challenge")] string? Challenge,
    [property: JsonPropertyName("team_id")] string? TeamId,
    [property: JsonPropertyName("enterprise_id")] string? EnterpriseId,
    [property: JsonPropertyName("is_enterprise_install")] bool? IsEnterpriseInstall,
    [property: JsonPropertyName("api_app_id")] string? ApiAppId,
    [property: JsonPropertyName("event_id")] string? EventId,
    [property: JsonPropertyName("event_time")] long? EventTime,
    [property: JsonPropertyName("event")] SlackEvent? Event,
    [property: JsonPropertyName("authorizations")] IReadOnlyList<SlackAuthorization>? Authorizations);

public sealed record SlackAuthorization(
    [property: JsonPropertyName("enterprise_id")] string? EnterpriseId,
    [property: JsonPropertyName("team_id")] string? TeamId,
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("is_bot")] bool IsBot,
    [property: JsonPropertyName("is_enterprise_install")] bool IsEnterpriseInstall);

public sealed record SlackEvent(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("subtype")] string? Subtype,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("bot_id")] string? BotId,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("ts")] string? Ts,
    [property: JsonPropertyName("thread_ts")] string? ThreadTs,
    [property: JsonPropertyName("channel")] string? Channel,
    [property: JsonPropertyName("channel_type")] string? ChannelType,
    [property: JsonPropertyName("reaction")] string? Reaction,
    [property: JsonPropertyName("item_user")] string? ItemUser,
    [property: JsonPropertyName("item")] SlackReactionItem? Item,
    [property: JsonPropertyName("tab")] string? Tab);

public sealed record SlackReactionItem(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("channel")] string? Channel,
    [property: JsonPropertyName("ts")] string? Ts);

public sealed record SlackInteraction(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("callback_id")] string? CallbackId,
    [property: JsonPropertyName("trigger_id")] string? TriggerId,
    [property: JsonPropertyName("response_url")] string? ResponseUrl,
    [property: JsonPropertyName("team")] SlackRef? Team,
    [property: JsonPropertyName("enterprise")] SlackRef? Enterprise,
    [property: JsonPropertyName("is_enterprise_install")] bool? IsEnterpriseInstall,
    [property: JsonPropertyName("user")] SlackUserRef? User,
    [property: JsonPropertyName("channel")] SlackRef? Channel,
    [property: JsonPropertyName("container")] SlackContainer? Container,
    [property: JsonPropertyName("message_ts")] string? MessageTs,
    [property: JsonPropertyName("message")] SlackMessage? Message,
    [property: JsonPropertyName("actions")] IReadOnlyList<JsonObject>? Actions,
    [property: JsonPropertyName("view")] JsonObject? View);

public sealed record SlackRef(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name);

public sealed record SlackUserRef(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("team_id")] string? TeamId);

public sealed record SlackContainer(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("channel_id")] string? ChannelId,
    [property: JsonPropertyName("message_ts")] string? MessageTs,
    [property: JsonPropertyName("is_ephemeral")] bool? IsEphemeral = null);

public sealed record SlackMessage(
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("bot_id")] string? BotId,
    [property: JsonPropertyName("ts")] string? Ts,
    [property: JsonPropertyName("thread_ts")] string? ThreadTs,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("blocks")] JsonArray? Blocks = null,
    [property: JsonPropertyName("files")] IReadOnlyList<SlackFile>? Files = null);

/// <summary>A file shared in a message, as a message_action payload carries it (only the fields "Add as evidence" reads).</summary>
public sealed record SlackFile(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("mimetype")] string? Mimetype,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("url_private_download")] string? UrlPrivateDownload);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackEventEnvelope))]
[JsonSerializable(typeof(SlackInteraction))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
