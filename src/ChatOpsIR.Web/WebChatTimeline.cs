using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Web;

/// <summary>The side panel: the channel's latest incident in the caller's scope, with its roles, times and timeline.</summary>
internal static class WebChatTimeline
{
    internal static async Task<IResult> ReadAsync(string channel, string? tz, string? user, HttpContext http, WebCallers callers, IIncidentStore store, WebChannelAccess access, CancellationToken cancellationToken)
    {
        if (WebChatEndpoints.ValidateChannel(channel) is { } badChannel)
        {
            return badChannel;
        }

        if (!callers.TryScope(http, out var scope, out var problem))
        {
            return problem!;
        }

        // A private incident's panel is its people's: someone else (or someone not yet named) sees no incident here.
        var who = callers.TryGet(http, user, out var person, out _) ? person : null;
        var incident = await store.FindLatestIncidentAsync(scope, channel, cancellationToken);
        if (incident is null || !await access.MaySeeAsync(who, scope, channel, cancellationToken))
        {
            return Results.Ok(new WebTimelineResponse(null, []));
        }

        var entries = await store.GetTimelineAsync(scope, incident.Id, cancellationToken);
        var web = new WebIncident(
            incident.Id,
            incident.Reference,
            incident.Title,
            incident.Severity,
            WebIncidentMapping.Status(incident.Status),
            incident.IsExercise,
            incident.Exercise.Describe(),
            incident.Holder(IncidentRoleKind.Commander)?.DisplayName,
            WebIncidentMapping.Roles(incident),
            incident.LastStatus,
            incident.DeclaredAt,
            incident.ResolvedAt,
            WebIncidentMapping.Durations(incident));
        return Results.Ok(new WebTimelineResponse(web, entries.Select(WebIncidentMapping.Entry).ToList()));
    }
}
