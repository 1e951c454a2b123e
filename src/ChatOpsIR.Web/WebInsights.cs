using System.Globalization;
using System.Text;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Insights;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ChatOpsIR.Web;

/// <summary>`GET /api/insights`: the figures of the caller's scope, and whether this server may write a sample year into it.</summary>
public sealed record WebInsightsResponse(InsightsReport Insights, bool SampleAvailable, bool HasSampleData, string CsvUrl);

/// <summary>`POST /api/insights/sample`: how many sample incidents were written.</summary>
public sealed record WebSampleResponse(int Incidents, string Detail);

/// <summary>
/// The insights page (`/insights`) and its API: how the team did by quarter, this year against last, as JSON or CSV.
/// The local trial (no sign-in) can also write a sample year into the war room, so a newcomer sees charts at once.
/// </summary>
public static class WebInsights
{
    public const string ApiPath = "/api/insights";
    public const string PagePath = "/insights";

    public const string SamplePresent = "The war room already holds the sample year (its incidents are the ones titled \"Sample: …\"). Nothing was added.";

    /// <summary>
    /// Maps the page with the same access as the war room's page (a session with sign-in, this machine without) and the
    /// API on <paramref name="api"/>, a group carrying the war room API's own access rules. The sample year only exists
    /// without sign-in: with sign-in its address is unknown (404).
    /// </summary>
    public static IEndpointRouteBuilder MapChatOpsInsights(this IEndpointRouteBuilder endpoints, bool signIn, RouteGroupBuilder api)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(WebInsights).Assembly, "wwwroot");
        string page;
        using (var reader = new StreamReader(files.GetFileInfo("insights.html").CreateReadStream()))
        {
            page = reader.ReadToEnd();
        }

        var html = endpoints.MapGet(PagePath, () => Results.Text(page, "text/html; charset=utf-8")).ExcludeFromDescription();
        _ = signIn ? html.RequireAuthorization(WebSignIn.Policy) : html.AddEndpointFilter<LocalOnlyFilter>();

        api.MapGet(string.Empty, ReadAsync)
            .WithName("GetInsights")
            .WithSummary("The incident figures of the caller's scope by quarter, and this year to date against last year (format=csv for a CSV file).")
            .Produces<WebInsightsResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        if (!signIn)
        {
            api.MapPost("/sample", WriteSampleAsync)
                .WithName("AddSampleYear")
                .WithSummary("Writes two years of example incidents into the local war room (the local trial only).")
                .Produces<WebSampleResponse>(StatusCodes.Status201Created)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        return endpoints;
    }

    private static async Task<IResult> ReadAsync(string? format, HttpContext http, WebCallers callers, IIncidentStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return WebProblems.BadRequest("The format parameter is json (the default) or csv.");
        }

        if (!callers.TryScope(http, out var scope, out var problem))
        {
            return problem!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var report = await InsightsReport.BuildAsync(store, scope, now, cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        if (csv)
        {
            var name = $"chatopsir-insights-{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"\"{name}\"" }.ToString();
            return Results.Text(InsightsCsv.Write(report), "text/csv; charset=utf-8", Encoding.UTF8);
        }

        var present = scope == TenantScope.Web && await SampleYear.IsPresentAsync(store, scope, cancellationToken);
        return Results.Ok(new WebInsightsResponse(report, !callers.SignInRequired && !present, present, $"{ApiPath}?format=csv"));
    }

    /// <summary>Refused (409) once the sample is there; two presses at once are refused by the store's unique numbers, also 409.</summary>
    private static async Task<IResult> WriteSampleAsync(IIncidentStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await SampleYear.IsPresentAsync(store, TenantScope.Web, cancellationToken))
        {
            return WebProblems.Problem(StatusCodes.Status409Conflict, SamplePresent);
        }

        try
        {
            var count = await SampleYear.WriteAsync(store, TenantScope.Web, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return Results.Created(PagePath, new WebSampleResponse(count, $"Added {count} sample incidents over this year and last. Their titles start with \"Sample: \"."));
        }
        catch (StoreConflictException)
        {
            store.DiscardChanges();
            return WebProblems.Problem(StatusCodes.Status409Conflict, SamplePresent);
        }
    }
}
