using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ChatOpsIR.Web;

/// <summary>
/// The OpenAPI document of ChatOpsIR's HTTP API (<see cref="DocumentPath"/>) and a page to browse it
/// (<see cref="ReferencePath"/>). The document lists what other programs call: the JSON API under /api/, the Slack and
/// Teams webhooks, reports, exports and the health check; the pages a browser shows are left out.
/// </summary>
public static partial class ApiDescription
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";

    private const string Overview = """
        ChatOpsIR runs security incident response from Slack, Microsoft Teams and its own web war room.

        **Who may call what**
        - `/api/webchat/*`, `/api/incidents/*`, `/api/insights`: the web war room's API. With sign-in configured
          (`WebChat:Authentication`), a browser session from `/signin` and, on every POST, the header
          `X-ChatOpsIR-Antiforgery` with the token from `GET /api/webchat/session`. Without sign-in (a local trial), this
          machine only, and the caller names themselves with `user`.
        - `/api/slack/*`: Slack's requests, signed with the app's signing secret (`X-Slack-Signature`, `X-Slack-Request-Timestamp`).
        - `/api/messages`: the Bot Connector's activities for Teams, with a Bearer token issued by the Bot Framework.
        - `/incidents/{id}/report` and `/exports/*`: signed links handed out in chat (`t` parameter), or the war room's session.

        Refusals are RFC 7807 problem documents whose `detail` says what to do.
        """;

    /// <summary>The areas of the reference page, by path prefix (the first that matches).</summary>
    private static readonly (string Prefix, string Tag)[] Areas =
    [
        ("/api/webchat", "Web war room"),
        ("/api/incidents", "Incidents"),
        ("/api/insights", "Insights"),
        ("/api/alerts", "Alerts"),
        ("/api/messages", "Microsoft Teams"),
        ("/api/slack", "Slack"),
        ("/incidents", "Reports"),
        ("/exports", "Exports"),
    ];

    /// <summary>What each route of the older modules does, where its mapping carries no summary of its own.</summary>
    private static readonly Dictionary<string, string> Summaries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET api/webchat/session"] = "Who the page acts as, and the antiforgery token its POSTs carry",
        ["GET api/webchat/channels"] = "The war room channels the caller may see, newest activity first",
        ["GET api/webchat/channels/{channel}/messages"] = "A channel's messages after a message id, as the caller sees them",
        ["POST api/webchat/channels/{channel}/commands"] = "Runs a command line in a channel, as after /ir in Slack",
        ["POST api/webchat/channels/{channel}/actions"] = "Runs a card's action (a button or a submitted form)",
        ["POST api/webchat/channels/{channel}/evidence"] = "Uploads a file as evidence of the channel's incident (hashed with SHA-256 as it streams)",
        ["GET api/webchat/channels/{channel}/timeline"] = "The channel's latest incident with its roles, times and timeline",
        ["GET api/incidents/{id}/audit"] = "An incident's audit rows with their hashes and the chain's verification",
        ["POST api/slack/commands"] = "Slack slash commands (/ir …), signed by Slack",
        ["POST api/slack/events"] = "Slack Events API deliveries: channel messages captured into timelines, App Home",
        ["POST api/slack/interactions"] = "Slack interactivity: buttons, modals and shortcuts",
        ["GET api/slack/install"] = "Starts installing the Slack app into a workspace (OAuth v2)",
        ["GET api/slack/oauth/callback"] = "Slack's OAuth v2 redirect after installation",
        ["POST api/messages"] = "Bot Framework activities from Microsoft Teams (messages, card actions, invokes)",
        ["GET incidents/{id}/report"] = "An incident's post-mortem report as HTML or Markdown (a signed link, or the war room's session)",
        ["GET exports/incidents/{id}.{format}"] = "An incident's export for auditors (JSON or Markdown), from a signed link",
        ["GET exports/plan-reviews/{id}.{format}"] = "A plan review's sign-off export (JSON or Markdown), from a signed link",
    };

    public static IServiceCollection AddChatOpsApiDescription(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => IsDescribed(description.RelativePath);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = "ChatOpsIR", Version = DocumentName, Description = Overview };

                // The operations carry the areas below instead of the names of the classes that map them.
                var used = document.Paths?.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet() ?? [];
                document.Tags = Areas.Select(a => a.Tag).Distinct().Where(used.Contains).Select(t => new OpenApiTag { Name = t }).ToHashSet();
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var path = "/" + (context.Description.RelativePath ?? string.Empty);
                if (string.IsNullOrEmpty(operation.Summary)
                    && Summaries.TryGetValue($"{context.Description.HttpMethod} {RouteConstraint().Replace(context.Description.RelativePath ?? string.Empty, "{$1}")}", out var summary))
                {
                    operation.Summary = summary;
                }

                var tag = Areas.FirstOrDefault(a => path.StartsWith(a.Prefix, StringComparison.OrdinalIgnoreCase)).Tag;
                if (tag is not null)
                {
                    operation.Tags = new HashSet<OpenApiTagReference> { new(tag, context.Document) };
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>Serves the document and the reference page (its script comes from this server; no fonts, telemetry or proxy from outside).</summary>
    public static IEndpointRouteBuilder MapChatOpsApiDescription(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("ChatOpsIR API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddDocument(DocumentName, "ChatOpsIR")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideClientButton()
            .HideDeveloperTools());
        return endpoints;
    }

    /// <summary>Routes other programs call; the pages, their assets, sign-in and the dashboard are for browsers.</summary>
    internal static bool IsDescribed(string? relativePath)
    {
        var path = "/" + (relativePath ?? string.Empty);
        return path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/exports/", StringComparison.OrdinalIgnoreCase)
            || (path.StartsWith("/incidents/", StringComparison.OrdinalIgnoreCase) && path.EndsWith("/report", StringComparison.OrdinalIgnoreCase));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([A-Za-z0-9_]+)(:[^}]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();
}
