using ChatOpsIR.Core.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsIR.Web;

/// <summary>
/// Every refusal of the web war room's API is an RFC 7807 problem (`application/problem+json` with a title and a
/// detail the page shows the person), the ones written here and the ones ASP.NET answers itself with an empty body:
/// a body over the size limit (413), a body that is not JSON (415), JSON that does not read (400), an unknown address.
/// </summary>
public static class WebProblems
{
    public const string ApiPath = "/api/webchat";

    /// <summary>The API about incidents themselves (their audit trail), beside the war room's.</summary>
    public const string IncidentsApiPath = "/api/incidents";

    /// <summary>Whether a request is for the web API (answered with problem bodies and 401s, never a sign-in page).</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments(ApiPath) || path.StartsWithSegments(IncidentsApiPath) || path.StartsWithSegments(WebInsights.ApiPath);

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, detail);

    public static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status, title: Title(status));

    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "That request was refused",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "That method is not allowed here",
        StatusCodes.Status413PayloadTooLarge => "That request is too large",
        StatusCodes.Status415UnsupportedMediaType => "That request is not JSON",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "The request failed",
    };

    /// <summary>What to tell the person when ASP.NET refused the request before any of our code said why.</summary>
    public static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read. Send a JSON object such as {\"user\":\"Alice\",\"text\":\"help\"}, with every field of the right type.",
        StatusCodes.Status404NotFound => "There is nothing at this address in the web war room.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept that method.",
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => "Send the request as JSON, with the header Content-Type: application/json.",
        _ => "The server could not handle this request.",
    };

    public static string TooLarge =>
        $"A request is at most {WebChatEndpoints.MaxRequestBytes / 1024} KiB, and a command at most {Count(CommandParser.MaxLineLength)} characters. Nothing was saved.";

    /// <summary>"4,000".</summary>
    public static string Count(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Fills an empty error answer of the API with a problem body, before anything else was written.</summary>
    internal static async Task FillEmptyRefusalsAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await Problem(response.StatusCode, DefaultDetail(response.StatusCode)).ExecuteAsync(context);
        }
    }

    /// <summary>Puts <see cref="FillEmptyRefusalsAsync"/> in front of the pipeline for the API's paths only.</summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseWhen(c => IsApi(c.Request.Path), api => api.Use(FillEmptyRefusalsAsync));
            next(app);
        };
    }
}
