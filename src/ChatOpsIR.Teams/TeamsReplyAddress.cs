using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsIR.Teams;

/// <summary>
/// Where a Teams command is answered later, as Core stores it with the command's slow work: the conversation (thread
/// included) at the activity's serviceUrl, the message to answer, the bot, and the team the channel belongs to.
/// </summary>
public sealed record TeamsReplyAddress(
    string TenantId,
    string ServiceUrl,
    string ConversationId,
    string? ActivityId,
    string BotId,
    string? ConversationType,
    string? TeamGroupId,
    string? TeamId)
{
    /// <summary>Where the Connector lists the conversation's members: the team's id in a channel, else the chat's id.</summary>
    public string Roster => TeamId ?? TeamsKeys.ConversationRoot(ConversationId);

    public string Write() => new JsonObject
    {
        ["tenant"] = TenantId,
        ["serviceUrl"] = ServiceUrl,
        ["conversation"] = ConversationId,
        ["activity"] = ActivityId,
        ["bot"] = BotId,
        ["conversationType"] = ConversationType,
        ["teamGroup"] = TeamGroupId,
        ["team"] = TeamId,
    }.ToJsonString();

    public static TeamsReplyAddress? TryRead(string? address)
    {
        if (address is null)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(address) is JsonObject o
                && Read(o, "tenant") is { } tenant && Read(o, "serviceUrl") is { } serviceUrl && Read(o, "conversation") is { } conversation && Read(o, "bot") is { } bot)
            {
                return new TeamsReplyAddress(tenant, serviceUrl, conversation, Read(o, "activity"), bot, Read(o, "conversationType"), Read(o, "teamGroup"), Read(o, "team"));
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    public static TeamsReplyAddress Read(string address) => TryRead(address) ?? throw new FormatException("Not a Teams reply address.");

    private static string? Read(JsonObject o, string key) => o[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
