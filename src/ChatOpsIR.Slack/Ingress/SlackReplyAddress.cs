using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// Where the answer to a slash command goes later, as Core stores it with the command's slow work: the install, the
/// workspace (for an org-wide install, where channels are created), the channel, the person and the response_url.
/// </summary>
public sealed record SlackReplyAddress(string Team, string? Workspace, string Channel, string UserId, string? ResponseUrl)
{
    public SlackReplyTarget Target => new(Team, Channel, UserId, ResponseUrl);

    /// <summary>The address of a request from <paramref name="tenant"/>; a response_url only where the request carried one.</summary>
    public static SlackReplyAddress For(SlackTenant tenant, string channel, string userId, string? responseUrl) =>
        new(tenant.Key ?? throw new ArgumentException("The request names no install.", nameof(tenant)), tenant.Workspace, channel, userId, responseUrl is { Length: > 0 } ? responseUrl : null);

    public string Write() => new JsonObject
    {
        ["team"] = Team,
        ["workspace"] = Workspace,
        ["channel"] = Channel,
        ["user"] = UserId,
        ["response_url"] = ResponseUrl,
    }.ToJsonString();

    public static SlackReplyAddress Read(string address)
    {
        try
        {
            if (JsonNode.Parse(address) is JsonObject o
                && o["team"]?.GetValue<string>() is { Length: > 0 } team
                && o["channel"]?.GetValue<string>() is { Length: > 0 } channel
                && o["user"]?.GetValue<string>() is { Length: > 0 } user)
            {
                return new SlackReplyAddress(team, o["workspace"]?.GetValue<string>(), channel, user, o["response_url"]?.GetValue<string>());
            }
        }
        catch (JsonException)
        {
        }

        throw new FormatException("Not a Slack reply address.");
    }
}
