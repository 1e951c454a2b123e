using System.Text;
using System.Text.Json;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Slack.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsIR.Slack.Ingress.Interactions;

/// <summary>The interaction payload types ChatOpsIR handles (payload.type), as Slack spells them.</summary>
public static class SlackInteractionTypes
{
    public const string BlockActions = "block_actions";
    public const string ViewSubmission = "view_submission";
    public const string MessageAction = "message_action";
}

/// <summary>A verified interaction payload for the handler of its type: the install and the person acting.</summary>
/// <param name="Team">The install's key (<see cref="SlackTenant.Key"/>).</param>
public sealed record SlackInteractionRequest(SlackInteraction Payload, SlackTenant Tenant, string Team, ChatUser Person);

/// <summary>
/// Handles the payload types it names and gives Slack its answer (an empty 200, a message, a modal's field errors).
/// Whatever the interaction changes is stored before that answer; only posts are queued for after it.
/// </summary>
public interface ISlackInteractionHandler
{
    /// <summary>The payload types (<see cref="SlackInteractionTypes"/>) served; each type has one handler.</summary>
    IReadOnlyCollection<string> PayloadTypes { get; }

    Task<IResult> HandleAsync(SlackInteractionRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Slack's interactivity request: the form field `payload` is read as JSON and goes to the handler of its type. A type
/// without a handler (a modal closed, a global shortcut) is acknowledged and nothing else.
/// </summary>
public sealed class SlackInteractionsHandler(IEnumerable<ISlackInteractionHandler> handlers, SlackResponseUrls responseUrls)
{
    private readonly Dictionary<string, ISlackInteractionHandler> _handlers =
        handlers.SelectMany(h => h.PayloadTypes.Select(type => KeyValuePair.Create(type, h))).ToDictionary(StringComparer.Ordinal);

    public async Task<IResult> HandleAsync(byte[] body, CancellationToken cancellationToken)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        SlackInteraction? payload;
        try
        {
            payload = form.TryGetValue("payload", out var json) ? JsonSerializer.Deserialize(json.ToString(), SlackJsonContext.Default.SlackInteraction) : null;
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        var tenant = payload is null ? null : SlackTenant.Of(payload);
        if (payload is not { User.Id: { } user } || tenant?.Key is not { } team)
        {
            return Results.BadRequest();
        }

        responseUrls.Received(payload.ResponseUrl);
        if (payload.Type is not { } type || !_handlers.TryGetValue(type, out var handler))
        {
            return Results.Ok();
        }

        var name = payload.User.Name ?? payload.User.Username;
        var person = new ChatUser(user, string.IsNullOrWhiteSpace(name) ? user : name);
        return await handler.HandleAsync(new SlackInteractionRequest(payload, tenant, team, person), cancellationToken);
    }
}
