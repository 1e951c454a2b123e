using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Host.Tests;

/// <summary>The OpenAPI document at /openapi/v1.json and its reference page, with Slack, Teams and the web war room all on.</summary>
public sealed partial class ApiDescriptionTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private ChatOpsAppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new ChatOpsAppFactory(_database);
        _app.Settings["Slack:Enabled"] = "true";
        _app.Settings["Slack:SigningSecret"] = "test-signing-secret";
        _app.Settings["Slack:BotToken"] = "xoxb-test";
        _app.Settings["Teams:Enabled"] = "true";
        _app.Settings["Teams:AppId"] = "00000000-0000-0000-0000-0000000000b0";
        _app.Settings["Teams:AppPassword"] = "test-only-secret";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Every_mapped_api_route_is_in_the_document_with_its_method()
    {
        var document = await ReadDocumentAsync();
        var paths = document["paths"]!.AsObject();
        var mapped = ApiRoutes().ToList();
        Assert.Contains(mapped, r => r.Path == "/api/slack/commands");
        Assert.Contains(mapped, r => r.Path == "/api/messages");
        Assert.Contains(mapped, r => r.Path == "/api/webchat/channels/{channel}/commands");

        var missing = mapped
            .Where(r => paths[r.Path] is not JsonObject item || item[r.Method.ToLowerInvariant()] is null)
            .Select(r => $"{r.Method} {r.Path}")
            .ToList();
        Assert.True(missing.Count == 0, "routes missing from /openapi/v1.json: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task The_document_describes_the_api_and_leaves_the_pages_out()
    {
        var document = await ReadDocumentAsync();
        Assert.StartsWith("3.", (string)document["openapi"]!, StringComparison.Ordinal);
        Assert.Equal("ChatOpsIR", (string)document["info"]!["title"]!);
        Assert.Contains("X-ChatOpsIR-Antiforgery", (string)document["info"]!["description"]!, StringComparison.Ordinal);

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/incidents/{id}/report", paths);
        Assert.Contains("/exports/incidents/{id}.{format}", paths);
        Assert.DoesNotContain("/", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/assets", StringComparison.Ordinal) || p.StartsWith("/signin", StringComparison.Ordinal));

        // Every operation says what it does and sits in an area of the reference page.
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)operation!["summary"]), $"{method} {path} has no summary");
                Assert.NotEmpty(operation["tags"]!.AsArray());
            }
        }

        var command = document["paths"]!["/api/webchat/channels/{channel}/commands"]!["post"]!;
        Assert.Equal("Web war room", (string)command["tags"]![0]!);
        Assert.NotNull(command["requestBody"]);
    }

    [Fact]
    public async Task The_reference_page_is_served_with_its_script_from_this_server()
    {
        using var client = _app.CreateClient();
        var page = await client.GetAsync("/api-reference");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("ChatOpsIR API", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);

        var scripts = ScriptSources().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.False(Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.Ordinal), $"{s} is loaded from outside"));
        foreach (var script in scripts)
        {
            var url = script.StartsWith('/') ? script : "/api-reference/" + script;
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {response.StatusCode}");
        }
    }

    private async Task<JsonObject> ReadDocumentAsync()
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Every (method, path) the host maps under /api/, with route constraints dropped as OpenAPI writes them.</summary>
    private IEnumerable<(string Method, string Path)> ApiRoutes()
    {
        _ = _app.Server;
        var sources = _app.Services.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (!raw.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            // A group's own route ("/api/insights/") is the same address as OpenAPI's "/api/insights".
            var path = Constraint().Replace(raw, "{$1}").TrimEnd('/');
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                yield return (method, path);
            }
        }
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex("<script[^>]*\\bsrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSources();
}
