using System.Text.Json;
using ChatOpsIR.Teams.Activities;
using ChatOpsIR.Teams.Auth;
using ChatOpsIR.Teams.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams;

/// <summary>
/// <c>POST /api/messages</c>, the Bot Framework endpoint. Order: the JWT (BotConnector scheme) before the body is read,
/// then the body, then the checks that need it (serviceurl claim, channel, tenant); only then is anything processed.
/// </summary>
public static partial class TeamsEndpoints
{
    public const string Path = "/api/messages";

    /// <summary>Activities are small; a Teams message is at most about 100 KB.</summary>
    public const int MaxRequestBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapChatOpsTeams(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync).WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes));
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, TeamsActivityDispatcher dispatcher, IOptions<TeamsOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TeamsEndpoints));
        var auth = await http.AuthenticateAsync(BotConnectorAuthentication.Scheme);
        if (!auth.Succeeded || auth.Principal is null)
        {
            LogRejected(logger, auth.Failure?.GetType().Name ?? "no bearer token");
            return Results.Unauthorized();
        }

        if (http.Request.ContentLength > MaxRequestBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadLimitedAsync(http.Request.Body, cancellationToken);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, TeamsJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (activity is null)
        {
            return Results.BadRequest();
        }

        if (!BotConnectorAuthentication.SameServiceUrl(auth.Principal.FindFirst(BotConnectorAuthentication.ServiceUrlClaim)?.Value, activity.ServiceUrl))
        {
            LogRejected(logger, "serviceurl claim differs from the activity's serviceUrl");
            return Results.Unauthorized();
        }

        if (activity.ChannelId != BotConnectorAuthentication.TeamsChannel)
        {
            // Only keys endorsed for Teams are trusted, so only Teams activities are.
            LogRejected(logger, "channel is not msteams");
            return Results.Unauthorized();
        }

        var tenant = activity.TenantId;
        var pinned = options.Value.TenantId;
        if (string.IsNullOrWhiteSpace(tenant) || (!string.IsNullOrWhiteSpace(pinned) && !string.Equals(tenant, pinned, StringComparison.OrdinalIgnoreCase)))
        {
            LogRejected(logger, "tenant not allowed");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        return await dispatcher.DispatchAsync(activity, tenant, cancellationToken);
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Bot Connector request: {Reason}.")]
    private static partial void LogRejected(ILogger logger, string reason);
}
