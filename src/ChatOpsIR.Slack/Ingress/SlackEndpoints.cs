using ChatOpsIR.Slack.Ingress.Events;
using ChatOpsIR.Slack.Ingress.Interactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// Slack's request URLs. Every request is verified on its raw body first; nothing is parsed, logged or stored before
/// that. The verified body then goes to the handler of its kind: a slash command, an event, an interaction.
/// </summary>
public static class SlackEndpoints
{
    public static IEndpointRouteBuilder MapChatOpsSlack(this IEndpointRouteBuilder endpoints)
    {
        var slack = endpoints.MapGroup("/api/slack");
        slack.MapPost("/commands", (HttpContext http, [FromServices] SlackRequestVerifier verifier, [FromServices] SlackCommandHandler handler, CancellationToken cancellationToken) =>
            VerifiedAsync(http, verifier, handler.HandleAsync, cancellationToken));
        slack.MapPost("/events", (HttpContext http, [FromServices] SlackRequestVerifier verifier, [FromServices] SlackEventsHandler handler, CancellationToken cancellationToken) =>
            VerifiedAsync(http, verifier, handler.HandleAsync, cancellationToken));
        slack.MapPost("/interactions", (HttpContext http, [FromServices] SlackRequestVerifier verifier, [FromServices] SlackInteractionsHandler handler, CancellationToken cancellationToken) =>
            VerifiedAsync(http, verifier, handler.HandleAsync, cancellationToken));
        slack.MapGet("/install", SlackInstall.StartAsync);
        slack.MapGet("/oauth/callback", SlackInstall.CallbackAsync);
        return endpoints;
    }

    /// <summary>The handler's answer for a body signed by Slack; 401 or 413 (and nothing else done) for any other.</summary>
    private static async Task<IResult> VerifiedAsync(HttpContext http, SlackRequestVerifier verifier, Func<byte[], CancellationToken, Task<IResult>> handle, CancellationToken cancellationToken)
    {
        var verified = await verifier.ReadAsync(http.Request, cancellationToken);
        return verified.IsAccepted ? await handle(verified.Body!, cancellationToken) : Results.StatusCode(verified.Status);
    }
}
