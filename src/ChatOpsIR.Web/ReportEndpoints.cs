using System.Globalization;
using System.Text;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Web;

/// <summary>`Reports:*`: where people reach this server from a browser, so Slack and Teams messages can link to reports.</summary>
public sealed class ReportOptions
{
    public const string SectionName = "Reports";

    /// <summary>The public https address of this server (e.g. https://chatopsir.example.com). Without it, only the web war room links to reports.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a report link from Slack or Teams keeps working.</summary>
    public int LinkLifetimeDays { get; set; } = 90;
}

/// <summary>
/// Signed report links. A report holds everything about an incident, so a link from Slack or Teams carries a token,
/// protected with the host's Data Protection keys and limited in time, naming the workspace and incident it opens.
/// The web war room (no sign-in, one scope) links without a token, and only while it is on.
/// </summary>
public sealed class ReportLinks(IDataProtectionProvider protection, IOptions<ReportOptions> options, TimeProvider clock) : IReportLinks
{
    private const string Purpose = "ChatOpsIR.Reports.v2";

    public string? ReportUrl(Incident incident)
    {
        var path = $"/incidents/{incident.Id}/report";
        if (incident.Scope == WebChatEndpoints.Scope)
        {
            return path;
        }

        if (options.Value.PublicBaseUrl is not { Length: > 0 } baseUrl)
        {
            return null;
        }

        // The expiry travels inside the protected payload and is checked against the injected clock, the same clock
        // that set it (the time-limited protector would compare it with the machine's clock instead).
        var expires = clock.GetUtcNow().AddDays(options.Value.LinkLifetimeDays).ToUnixTimeSeconds();
        var token = Protector().Protect($"{incident.Scope}\n{incident.Id}\n{expires.ToString(CultureInfo.InvariantCulture)}");
        return $"{baseUrl.TrimEnd('/')}{path}?t={Uri.EscapeDataString(token)}";
    }

    /// <summary>The scope a token grants for this incident, or null when it is missing, forged, expired or for another incident.</summary>
    public string? ScopeFor(Guid incidentId, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string payload;
        try
        {
            payload = Protector().Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('\n');
        return parts.Length == 3
            && Guid.TryParse(parts[1], out var id) && id == incidentId
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && clock.GetUtcNow().ToUnixTimeSeconds() <= expires
                ? parts[0]
                : null;
    }

    private IDataProtector Protector() => protection.CreateProtector(Purpose);
}

public static class ReportEndpoints
{
    /// <summary>`GET /incidents/{id}/report`: the post-mortem as a self-contained HTML page (`?format=md` for Markdown, `?version=N` for a published copy).</summary>
    public static IEndpointRouteBuilder MapChatOpsReports(this IEndpointRouteBuilder endpoints, bool webChatEnabled)
    {
        endpoints.MapGet("/incidents/{id:guid}/report", (Guid id, string? t, int? version, string? format, ReportLinks links, IIncidentStore store, PostMortemWorkflows postMortems, HttpContext http, CancellationToken cancellationToken) =>
            ReadAsync(id, t, version, format, webChatEnabled, links, store, postMortems, http, cancellationToken));
        return endpoints;
    }

    private static async Task<IResult> ReadAsync(
        Guid id,
        string? token,
        int? version,
        string? format,
        bool webChatEnabled,
        ReportLinks links,
        IIncidentStore store,
        PostMortemWorkflows postMortems,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var markdown = string.Equals(format, "md", StringComparison.OrdinalIgnoreCase) || string.Equals(format, "markdown", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !markdown && !string.Equals(format, "html", StringComparison.OrdinalIgnoreCase))
        {
            return Results.BadRequest(new WebProblem("format is html (the default) or md."));
        }

        // Not found and not allowed look the same, so a link cannot be used to probe for incidents.
        var scope = links.ScopeFor(id, token) ?? (webChatEnabled ? WebChatEndpoints.Scope : null);
        if (scope is null
            || await store.FindIncidentByIdAsync(scope, id, cancellationToken) is not { } incident
            || await store.FindPostMortemAsync(scope, id, cancellationToken) is not { } postMortem)
        {
            return Results.NotFound(new WebProblem("There is no post-mortem report here, or this link has expired."));
        }

        string body;
        if (version is { } wanted)
        {
            if (await store.FindPostMortemVersionAsync(scope, postMortem.Id, wanted, cancellationToken) is not { } frozen)
            {
                return Results.NotFound(new WebProblem($"Version {wanted} of this report has not been published."));
            }

            body = markdown ? frozen.Markdown : frozen.Html;
        }
        else
        {
            var document = await postMortems.DocumentAsync(incident, postMortem, TimeZoneInfo.Utc, cancellationToken);
            body = markdown ? PostMortemReport.Markdown(document) : PostMortemReport.Html(document);
        }

        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return Results.Text(body, markdown ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8", Encoding.UTF8);
    }
}
