using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace ChatOpsIR.Web;

/// <summary>The incident API beside the war room's (the list, one incident in full, its export) and the incident list page.</summary>
internal static class WebIncidents
{
    /// <summary>Maps the incident endpoints on <paramref name="incidents"/> (/api/incidents, which carries the API's sign-in or local-only rule).</summary>
    public static RouteGroupBuilder MapIncidentApi(this RouteGroupBuilder incidents)
    {
        incidents.MapGet(string.Empty, WebIncidentListing.ReadAsync)
            .WithName("ListIncidents")
            .WithSummary("The incidents of the caller's scope, most recent activity first, as Open, Resolved and Exercises. Filters: status, severity (repeatable or comma list), kind, from/to (yyyy-MM-dd, UTC days of declaration), q (reference, title, channel, last status), limit (default 200, at most 500). ETag / If-None-Match answer 304 when nothing changed.")
            .Produces<WebIncidentList>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        incidents.MapGet("/{id:guid}", WebIncidentDetails.ReadAsync)
            .WithName("GetIncident")
            .WithSummary("One incident in full: roles, key moments, durations, notification clocks, action items, evidence, post-mortem state and timeline. ETag / If-None-Match answer 304 when nothing changed.")
            .Produces<WebIncidentDetail>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        incidents.MapGet("/{id:guid}/export", WebIncidentExport.ReadAsync)
            .WithName("ExportIncident")
            .WithSummary("The incident's export as a download (format=json or md): its whole record with its audit rows, the same document a signed export link gives.")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/markdown")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return incidents;
    }

    /// <summary>`GET /incidents`: the incident list page (its data comes from the API above).</summary>
    public static RouteHandlerBuilder MapIncidentListPage(this IEndpointRouteBuilder endpoints, IFileProvider files)
    {
        using var reader = new StreamReader(files.GetFileInfo("incidents.html").CreateReadStream());
        var page = reader.ReadToEnd();
        return endpoints.MapGet("/incidents", () => Results.Text(page, "text/html; charset=utf-8"))
            .WithName("IncidentListPage")
            .ExcludeFromDescription();
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
