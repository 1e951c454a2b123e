using System.Text.Json.Nodes;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Slack.BlockKit;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>Core's replies as Slack messages: cards through the Block Kit renderer, audience as response_type.</summary>
public static class SlackReplies
{
    /// <summary>The messages for a reply; the first carries response_type (ephemeral for the caller, in_channel for everyone).</summary>
    public static IReadOnlyList<JsonObject> Render(BotReply reply)
    {
        var messages = reply.Card is null ? [BlockKitRenderer.RenderText(reply.Text)] : BlockKitRenderer.RenderMessages(reply.Card);
        var type = reply.Audience == ReplyAudience.Channel ? "in_channel" : "ephemeral";
        foreach (var message in messages)
        {
            message["response_type"] = type;
        }

        return messages;
    }
}
