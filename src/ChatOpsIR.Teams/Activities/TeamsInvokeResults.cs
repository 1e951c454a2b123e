using System.Text.Json.Nodes;
using ChatOpsIR.AdaptiveCards;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Teams.Protocol;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Teams.Activities;

/// <summary>The bodies of invoke answers (PROTOCOLS 2.7): a card, a message or an error for a card action; a dialog step for a message action.</summary>
public static class TeamsInvokeResults
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>The card that replaces the pressed one for the person who pressed it.</summary>
    public static IResult Card(Card card) =>
        Results.Json(new AdaptiveCardInvokeResponse(200, CardContentType, AdaptiveCardRenderer.RenderWithinLimit(card)), TeamsJsonContext.Default.AdaptiveCardInvokeResponse);

    /// <summary>A short message instead of a card; the pressed card stays.</summary>
    public static IResult Message(string text) =>
        Results.Json(new AdaptiveCardInvokeResponse(200, MessageType, JsonValue.Create(text)), TeamsJsonContext.Default.AdaptiveCardInvokeResponse);

    /// <summary>A 400 the person who pressed the button is shown.</summary>
    public static IResult BadRequest(string message) =>
        Results.Json(
            new AdaptiveCardInvokeResponse(StatusCodes.Status400BadRequest, ErrorType, new JsonObject { ["code"] = "BadRequest", ["message"] = message }),
            TeamsJsonContext.Default.AdaptiveCardInvokeResponse);

    /// <summary>A dialog that shows <paramref name="text"/> (a message action that cannot go on).</summary>
    public static IResult TaskMessage(string text) =>
        Results.Json(new TaskModuleResponse(new TaskModuleStep("message", JsonValue.Create(text))), TeamsJsonContext.Default.TaskModuleResponse);

    /// <summary>A dialog with <paramref name="dialog"/> (its title, size and card) to fill in.</summary>
    public static IResult TaskContinue(JsonObject dialog) =>
        Results.Json(new TaskModuleResponse(new TaskModuleStep("continue", dialog)), TeamsJsonContext.Default.TaskModuleResponse);

    /// <summary>An empty object: the dialog closes and nothing is shown.</summary>
    public static IResult TaskClosed() => Results.Json(new JsonObject(), TeamsJsonContext.Default.JsonObject);
}
