using System.Text;
using ChatOpsIR.Core.Exports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace ChatOpsIR.Web;

public static class ExportEndpoints
{
    /// <summary>Says nothing of whether the record exists: a wrong, expired or borrowed token reads like a missing export.</summary>
    public const string NotHere = "There is no export here, or this link has expired. Ask for a new one with `export`.";

    /// <summary>
    /// `GET /exports/incidents/{id}.json|.md?t=…` and `GET /exports/plan-reviews/{id}.json|.md?t=…`: the export a signed
    /// link (from `export`) opens, as a download. The token is the only way in; it names the record, so it opens no other.
    /// </summary>
    public static IEndpointRouteBuilder MapChatOpsExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/exports/incidents/{id:guid}.{format}", async (Guid id, string format, string? t, ExportLinks links, IncidentExports exports, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (Format(format) is not { } markdown || links.Read(ExportLinks.IncidentKind, id, t) is not { } grant
                || await exports.BuildAsync(grant.Scope, id, new ExportPerson(grant.ById, grant.ByName), cancellationToken) is not { } export)
            {
                return WebProblems.NotFound(NotHere);
            }

            return Download(http, $"{export.Incident.Reference}.{format}", markdown ? ExportFormats.ToMarkdown(export) : ExportFormats.ToJson(export), markdown);
        });
        endpoints.MapGet("/exports/plan-reviews/{id:guid}.{format}", async (Guid id, string format, string? t, ExportLinks links, PlanReviewExports exports, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (Format(format) is not { } markdown || links.Read(ExportLinks.PlanReviewKind, id, t) is not { } grant
                || await exports.BuildAsync(grant.Scope, id, new ExportPerson(grant.ById, grant.ByName), cancellationToken) is not { } export)
            {
                return WebProblems.NotFound(NotHere);
            }

            return Download(http, $"plan-review-{export.SignOff.At[..10]}.{format}", markdown ? ExportFormats.ToMarkdown(export) : ExportFormats.ToJson(export), markdown);
        });
        return endpoints;
    }

    /// <summary>True for Markdown, false for JSON, null for anything else.</summary>
    private static bool? Format(string format) => format switch
    {
        "json" => false,
        "md" => true,
        _ => null,
    };

    private static IResult Download(HttpContext http, string fileName, string body, bool markdown)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"\"{fileName}\"" }.ToString();
        return Results.Text(body, markdown ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8", Encoding.UTF8);
    }
}
