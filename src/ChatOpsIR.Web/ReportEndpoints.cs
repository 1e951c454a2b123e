using System.Globalization;
using System.Text;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

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
/// A web war room incident links without a token: the local war room (no sign-in) shows it while it is on, and with sign-in a person of its scope opens it.
/// </summary>
public sealed class ReportLinks(IDataProtectionProvider protection, IOptions<ReportOptions> options, TimeProvider clock) : IReportLinks
{
    private const string Purpose = "ChatOpsIR.Reports.v2";

    public string? ReportUrl(Incident incident)
    {
        var path = $"/incidents/{incident.Id}/report";
        if (incident.Scope == TenantScope.Web && !incident.IsPrivate)
        {
            return path;
        }

        // A private incident's report opens with its token only: the link is handed to its people, nobody else finds it.
        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : incident.Scope == TenantScope.Web ? string.Empty : null;
        if (baseUrl is null)
        {
            return null;
        }

        // The expiry travels inside the protected payload and is checked against the injected clock, the same clock
        // that set it (the time-limited protector would compare it with the machine's clock instead).
        var expires = clock.GetUtcNow().AddDays(options.Value.LinkLifetimeDays).ToUnixTimeSeconds();
        var token = Protector().Protect($"{incident.Scope}\n{incident.Id}\n{expires.ToString(CultureInfo.InvariantCulture)}");
        return $"{baseUrl.TrimEnd('/')}{path}?t={Uri.EscapeDataString(token)}";
    }

    /// <summary>
    /// The insights page: the web war room's own page links by its path; Slack and Teams link to the public address,
    /// where the person signs in and sees their own scope's figures (the link carries no token: the page is not per incident).
    /// </summary>
    public string? InsightsUrl(TenantScope scope)
    {
        const string path = "/insights";
        if (scope == TenantScope.Web)
        {
            return path;
        }

        return options.Value.PublicBaseUrl is { Length: > 0 } baseUrl ? $"{baseUrl.TrimEnd('/')}{path}" : null;
    }

    /// <summary>The scope a token grants for this incident, or null when it is missing, forged, expired or for another incident.</summary>
    public TenantScope? ScopeFor(Guid incidentId, string? token)
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
            && TenantScope.TryParse(parts[0], out var scope)
                ? scope
                : null;
    }

    private IDataProtector Protector() => protection.CreateProtector(Purpose);
}

public static class ReportEndpoints
{
    /// <summary>
    /// `GET /incidents/{id}/report`: the post-mortem as a self-contained HTML page (`?format=md` for Markdown, with
    /// `&amp;download=1` as a file; `?version=N` for a published copy; `?tz=Europe/Paris` for the zone its times are in, by default the incident's own, which its cards use).
    /// </summary>
    /// <remarks>
    /// Who may read it: a signed link (Slack, Teams) for its incident; with <paramref name="signIn"/>, else a signed-in
    /// person of the incident's scope (a browser without a session is sent to sign in); without sign-in, the local war
    /// room's own incidents while it is on.
    /// </remarks>
    public static IEndpointRouteBuilder MapChatOpsReports(this IEndpointRouteBuilder endpoints, bool webChatEnabled, bool signIn = false)
    {
        endpoints.MapGet("/incidents/{id:guid}/report", (Guid id, string? t, int? version, string? format, string? tz, string? download, ReportLinks links, IIncidentStore store, PostMortemDocuments documents, WebChannelAccess access, HttpContext http, CancellationToken cancellationToken) =>
            links.ScopeFor(id, t) is null && signIn && WebPerson.FromSession(http.User) is null
                ? Task.FromResult(Results.Challenge(new AuthenticationProperties { RedirectUri = $"{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}" }, [WebSignIn.ProviderScheme]))
                : ReadAsync(id, t, version, format, tz, download, new ReportReader(webChatEnabled, signIn), links, store, documents, access, http, cancellationToken));
        return endpoints;
    }

    private static async Task<IResult> ReadAsync(
        Guid id,
        string? token,
        int? version,
        string? format,
        string? tz,
        string? download,
        ReportReader reader,
        ReportLinks links,
        IIncidentStore store,
        PostMortemDocuments documents,
        WebChannelAccess access,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var markdown = string.Equals(format, "md", StringComparison.OrdinalIgnoreCase) || string.Equals(format, "markdown", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !markdown && !string.Equals(format, "html", StringComparison.OrdinalIgnoreCase))
        {
            return WebProblems.BadRequest("The format parameter is html (the default) or md.");
        }

        TimeZoneInfo? asked = null;
        if (tz is not null && !TryFindZone(tz, out asked))
        {
            return WebProblems.BadRequest($"The tz parameter must be an IANA time zone such as Europe/Paris or America/New_York; \"{Shorten(tz)}\" is not one this server knows.");
        }

        // Not found and not allowed look the same, so a link cannot be used to probe for incidents.
        var linked = links.ScopeFor(id, token);
        if ((linked ?? reader.Scope(http)) is not { } scope
            || await store.FindIncidentByIdAsync(scope, id, cancellationToken) is not { } incident
            || (linked is null && !await access.MaySeeAsync(reader.Person(http), incident, cancellationToken))
            || await store.FindPostMortemAsync(scope, id, cancellationToken) is not { } postMortem)
        {
            return WebProblems.NotFound("There is no post-mortem report here, or this link has expired.");
        }

        string body;
        if (version is { } wanted)
        {
            if (await store.FindPostMortemVersionAsync(scope, postMortem.Id, wanted, cancellationToken) is not { } frozen)
            {
                return WebProblems.NotFound($"Version {wanted} of this report has not been published.");
            }

            body = markdown ? frozen.Markdown : frozen.Html;
        }
        else
        {
            // A published copy keeps the zone it was written in (it says which near its top); a live report uses the one asked for.
            // Without tz, the zone of the incident's cards: the report reads like the channel did.
            var document = await documents.WithAuditAsync(await documents.BuildAsync(incident, postMortem, asked ?? incident.TimeZone, cancellationToken), linkFirst: true, cancellationToken);
            body = markdown ? PostMortemReport.Markdown(document) : PostMortemReport.Html(document);
        }

        var fileName = $"{incident.Reference}-post-mortem{(version is { } v ? $"-v{v.ToString(CultureInfo.InvariantCulture)}" : string.Empty)}.md";
        if (!markdown)
        {
            body = HtmlReportWriter.WithLinks(body, PageLinks(incident, reader.WebChatEnabled, http.Request, fileName));
        }

        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        if (markdown)
        {
            var disposition = new ContentDispositionHeaderValue(download is "1" or "true" ? "attachment" : "inline") { FileName = $"\"{fileName}\"" };
            headers.ContentDisposition = disposition.ToString();
        }

        return Results.Text(body, markdown ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>
    /// Back to where the incident is run (its web war room channel; the war room itself for an incident run in Slack or
    /// Teams, when the war room is on) and the Markdown download: this address with format=md, keeping the token, zone and version.
    /// </summary>
    private static ReportPageLinks PageLinks(Incident incident, bool webChatEnabled, HttpRequest request, string fileName)
    {
        ReportPageLink? back = null;
        if (webChatEnabled)
        {
            back = incident.Scope == TenantScope.Web && incident.ChannelId is { Length: > 0 } channel
                ? new ReportPageLink($"Back to {incident.Reference} in #{channel}", $"/#channel={Uri.EscapeDataString(channel)}")
                : new ReportPageLink("Open the web war room", "/");
        }

        var query = request.Query
            .Where(p => p.Key is "t" or "tz" or "version")
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}")
            .Append("format=md")
            .Append("download=1");
        return new ReportPageLinks(back, $"{request.PathBase}{request.Path}?{string.Join('&', query)}", fileName);
    }

    /// <summary>The scope a reader without a link reaches: the signed-in person's, or the local war room's while it is on.</summary>
    private sealed record ReportReader(bool WebChatEnabled, bool SignIn)
    {
        public TenantScope? Scope(HttpContext http) => SignIn
            ? WebPerson.FromSession(http.User)?.Scope
            : WebChatEnabled ? TenantScope.Web : null;

        /// <summary>Who is reading, where the session says so; without sign-in nobody is known (a private report then needs its link).</summary>
        public WebPerson? Person(HttpContext http) => SignIn ? WebPerson.FromSession(http.User) : null;
    }

    private static bool TryFindZone(string id, out TimeZoneInfo? zone)
    {
        zone = null;
        return id.Length is > 0 and <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 63), "…");
}
