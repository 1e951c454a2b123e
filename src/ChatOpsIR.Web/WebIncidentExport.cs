using ChatOpsIR.Core.Exports;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Web;

/// <summary>
/// `GET /api/incidents/{id}/export?format=json|md`: the incident's export as a download, for someone who may see the
/// incident, the same document a signed export link gives (its scope's pending audit rows linked first).
/// </summary>
internal static class WebIncidentExport
{
    public const string BadFormat = "The parameter 'format' is json or md.";

    public const string NameYourself = "Name yourself with the parameter 'user': an export says who took it.";

    public static async Task<IResult> ReadAsync(
        Guid id, string? format, string? user, HttpContext http, WebCallers callers, IIncidentStore store, WebChannelAccess access,
        IncidentExports exports, CancellationToken cancellationToken)
    {
        if (!WebIncidentCallers.TryResolve(http, callers, user, out var scope, out var who, out var problem))
        {
            return problem!;
        }

        var kind = (format ?? "json").Trim().ToLowerInvariant();
        if (kind is not ("json" or "md"))
        {
            return WebProblems.BadRequest(BadFormat);
        }

        var incident = await store.FindIncidentByIdAsync(scope, id, cancellationToken);
        if (incident is null || !await access.MaySeeAsync(who, incident, cancellationToken))
        {
            return WebProblems.NotFound(WebIncidentDetails.NoIncident);
        }

        if (who is null)
        {
            return WebProblems.BadRequest(NameYourself);
        }

        if (await exports.BuildAsync(scope, id, new ExportPerson(who.User.Id, who.User.DisplayName), cancellationToken) is not { } export)
        {
            return WebProblems.NotFound(WebIncidentDetails.NoIncident);
        }

        return ExportEndpoints.Download(http, export.Incident.Reference, kind, () => ExportFormats.ToJson(export), () => ExportFormats.ToMarkdown(export));
    }
}
