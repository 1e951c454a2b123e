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
        endpoints.MapGet("/exports/incidents/{id:guid}.{format}", (Guid id, string format, string? t, ExportLinks links, IncidentExports exports, HttpContext http, CancellationToken cancellationToken) =>
            ServeAsync(http, format, links.Read(ExportLinks.IncidentKind, id, t),
                grant => exports.BuildAsync(grant.Scope, id, new ExportPerson(grant.ById, grant.ByName), cancellationToken),
                export => export.Incident.Reference, ExportFormats.ToJson, ExportFormats.ToMarkdown));
        endpoints.MapGet("/exports/plan-reviews/{id:guid}.{format}", (Guid id, string format, string? t, ExportLinks links, PlanReviewExports exports, HttpContext http, CancellationToken cancellationToken) =>
            ServeAsync(http, format, links.Read(ExportLinks.PlanReviewKind, id, t),
                grant => exports.BuildAsync(grant.Scope, id, new ExportPerson(grant.ById, grant.ByName), cancellationToken),
                export => $"plan-review-{export.SignOff.At[..10]}", ExportFormats.ToJson, ExportFormats.ToMarkdown));
        return endpoints;
    }

    /// <summary>The export a grant opens, as a download named after it; 404 for a format other than json or md, no grant, or nothing to export.</summary>
    private static async Task<IResult> ServeAsync<T>(HttpContext http, string format, ExportGrant? grant, Func<ExportGrant, Task<T?>> build, Func<T, string> name, Func<T, string> json, Func<T, string> markdown)
        where T : class
    {
        if (format is not ("json" or "md") || grant is null || await build(grant) is not { } export)
        {
            return WebProblems.NotFound(NotHere);
        }

        return Download(http, name(export), format, () => json(export), () => markdown(export));
    }

    /// <summary>An export as a download named {name}.{format} (json or md), never cached, never sniffed, never referred.</summary>
    internal static IResult Download(HttpContext http, string name, string format, Func<string> json, Func<string> markdown)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"\"{name}.{format}\"" }.ToString();
        return format == "md"
            ? Results.Text(markdown(), "text/markdown; charset=utf-8", Encoding.UTF8)
            : Results.Text(json(), "application/json; charset=utf-8", Encoding.UTF8);
    }
}
