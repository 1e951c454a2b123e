using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The command box's completion reads the verbs from `GET /api/webchat/commands`: the same catalog `help` answers with,
/// behind the same door as the rest of the web API.
/// </summary>
public sealed class CommandCatalogTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();

    [Fact]
    public async Task The_catalog_lists_every_verb_with_its_syntax_and_summary_and_the_aliases()
    {
        await using var app = new ChatOpsAppFactory(_database);
        using var http = app.CreateClient();

        var response = await http.GetAsync("/api/webchat/commands");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var commands = body.GetProperty("commands").EnumerateArray().ToList();
        Assert.Equal(HelpCatalog.Verbs.Select(v => v.Verb), commands.Select(c => c.GetProperty("verb").GetString()));
        foreach (var verb in HelpCatalog.Verbs)
        {
            var command = commands.Single(c => c.GetProperty("verb").GetString() == verb.Verb);
            Assert.Equal(verb.Usage, command.GetProperty("syntax").GetString());
            Assert.Equal(verb.Summary, command.GetProperty("summary").GetString());
        }

        var sev = commands.Single(c => c.GetProperty("verb").GetString() == "sev");
        Assert.Equal("sev [INC-n] <1-4>", sev.GetProperty("syntax").GetString());
        Assert.Equal("note", body.GetProperty("aliases").GetProperty("log").GetString());
        Assert.Equal("postmortem", body.GetProperty("aliases").GetProperty("pm").GetString());
    }

    [Fact]
    public async Task Without_sign_in_another_machine_gets_403_and_this_one_the_catalog()
    {
        var remote = new RemoteAddress { Address = IPAddress.Parse("203.0.113.7") };
        await using var parent = new ChatOpsAppFactory(_database);
        await using var app = parent.WithWebHostBuilder(builder => builder
            .UseEnvironment("Development")
            .UseSetting("WebChat:AllowUnauthenticated", "false")
            .ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(remote)));
        using var http = app.CreateClient();

        var refused = await http.GetAsync("/api/webchat/commands");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("declare", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        remote.Address = IPAddress.Loopback;
        var allowed = await http.GetFromJsonAsync<JsonElement>("/api/webchat/commands");
        Assert.Contains(allowed.GetProperty("commands").EnumerateArray(), c => c.GetProperty("verb").GetString() == "declare");
    }

    public void Dispose() => _database.Dispose();

    /// <summary>The address the in-process server reports for each request (it reports none by itself).</summary>
    private sealed class RemoteAddress : IStartupFilter
    {
        public IPAddress Address { get; set; } = IPAddress.Loopback;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = Address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
