using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Slack.Ingress.Events;

/// <summary>The Events API's event types ChatOpsIR acts on (<c>event.type</c>), as Slack spells them; others are acknowledged and left.</summary>
public static class SlackEventTypes
{
    public const string AppMention = "app_mention";
    public const string Message = "message";
    public const string ReactionAdded = "reaction_added";
    public const string AppHomeOpened = "app_home_opened";
    public const string AppUninstalled = "app_uninstalled";
    public const string TokensRevoked = "tokens_revoked";
}

/// <summary>One event of an event_callback, from a person (never our own bot), for the handler of its type.</summary>
/// <param name="EventId">Slack's id of the delivery: the same on every retry of it.</param>
/// <param name="Team">The install's key (<see cref="SlackTenant.Key"/>).</param>
/// <param name="BotUserId">Our bot's user id in this install, when Slack says.</param>
public sealed record SlackEventDelivery(string EventId, SlackTenant Tenant, string Team, SlackEvent Event, string? BotUserId);

/// <summary>
/// Handles the event types it names, before Slack is answered: whatever must not be lost once Slack hears "OK" is stored
/// here, and only posts that may be lost (see <see cref="SlackBackgroundWork"/>) are queued for after.
/// </summary>
public interface ISlackEventHandler
{
    /// <summary>The event types (<see cref="SlackEventTypes"/>) served; each type has one handler.</summary>
    IReadOnlyCollection<string> EventTypes { get; }

    Task HandleAsync(SlackEventDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>
/// Slack's Events API request: url_verification is answered with its challenge; an event_callback goes to the handler of
/// its event type, unless our own bot caused it. Slack always gets 200 for a well-formed event, handled or not.
/// </summary>
public sealed class SlackEventsHandler(IEnumerable<ISlackEventHandler> handlers)
{
    private readonly Dictionary<string, ISlackEventHandler> _handlers =
        handlers.SelectMany(h => h.EventTypes.Select(type => KeyValuePair.Create(type, h))).ToDictionary(StringComparer.Ordinal);

    public async Task<IResult> HandleAsync(byte[] body, CancellationToken cancellationToken)
    {
        SlackEventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, SlackJsonContext.Default.SlackEventEnvelope);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (envelope?.Type == "url_verification")
        {
            return envelope.Challenge is { Length: > 0 and <= 500 } challenge ? Results.Json(new JsonObject { ["challenge"] = challenge }) : Results.BadRequest();
        }

        var tenant = envelope is null ? null : SlackTenant.Of(envelope);
        if (envelope is not { Type: "event_callback", EventId: { } eventId, Event: { } inner } || tenant?.Key is not { } team)
        {
            return Results.BadRequest();
        }

        var botUser = envelope.Authorizations?.FirstOrDefault(a => a.IsBot)?.UserId;
        if (inner.BotId is not null || (botUser is not null && inner.User == botUser))
        {
            return Results.Ok(); // our own messages: never act on them
        }

        if (inner.Type is { } type && _handlers.TryGetValue(type, out var handler))
        {
            await handler.HandleAsync(new SlackEventDelivery(eventId, tenant, team, inner, botUser), cancellationToken);
        }

        return Results.Ok();
    }
}
