using System.Text.Json.Nodes;
using ChatOpsIR.Slack.BlockKit;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>The HTTP answers Slack reads within its 3 seconds: a message, or a modal's field errors.</summary>
public static class SlackResults
{
    /// <summary>A JSON body exactly as built (Slack reads response_type, response_action and the blocks from it).</summary>
    public static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8");

    /// <summary>A line only the caller sees.</summary>
    public static JsonObject Ephemeral(string text)
    {
        var message = BlockKitRenderer.RenderText(text);
        message["response_type"] = "ephemeral";
        return message;
    }

    /// <summary>Keeps a modal open with each message under its field (Slack allows 300 characters each).</summary>
    public static IResult FieldErrors(IReadOnlyDictionary<string, string> errors) => Json(new JsonObject
    {
        ["response_action"] = "errors",
        ["errors"] = new JsonObject(errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)Truncate(e.Value, 300)))),
    });

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
