using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChatOpsIR.Web;

/// <summary>The incident API beside the war room's: one incident in full, for the incident page.</summary>
internal static class WebIncidents
{
    /// <summary>Maps the incident endpoints on <paramref name="incidents"/> (/api/incidents, which carries the API's sign-in or local-only rule).</summary>
    public static RouteGroupBuilder MapIncidentApi(this RouteGroupBuilder incidents)
    {
        incidents.MapGet("/{id:guid}", WebIncidentDetails.ReadAsync)
            .WithName("GetIncident")
            .WithSummary("One incident in full: roles, key moments, durations, notification clocks, action items, evidence, post-mortem state and timeline. ETag / If-None-Match answer 304 when nothing changed.")
            .Produces<WebIncidentDetail>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return incidents;
    }
}

/// <summary>Who asks the incident API, and in which scope.</summary>
internal static class WebIncidentCallers
{
    public const string BadUser = "The parameter 'user' must be a display name of 1 to 40 characters (no <, > or @).";

    /// <summary>
    /// With sign-in, the session's person and scope (`user` is ignored). In the local trial the war room's scope, and the
    /// person `user` names; without `user` nobody in particular, who sees every incident except the private ones.
    /// </summary>
    public static bool TryResolve(HttpContext http, WebCallers callers, string? user, out TenantScope scope, out WebPerson? who, out IResult? problem)
    {
        who = null;
        if (!callers.TryScope(http, out scope, out problem))
        {
            return false;
        }

        if (!callers.SignInRequired && user is null)
        {
            return true;
        }

        if (!callers.TryGet(http, user, out who, out problem))
        {
            problem = callers.SignInRequired ? problem : WebProblems.BadRequest(BadUser);
            return false;
        }

        return true;
    }
}
