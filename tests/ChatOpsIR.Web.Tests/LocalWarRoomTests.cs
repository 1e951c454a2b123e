using System.Net;
using System.Net.Http.Json;
using ChatOpsIR.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// In Development without sign-in anyone who reaches the war room could pick any name, so it answers this machine only:
/// the page and every API call refuse another address with 403, before anything is read or written.
/// </summary>
public sealed class LocalWarRoomTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private readonly RemoteAddress _remote = new();

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("192.168.1.20")]
    [InlineData("2001:db8::7")]
    [InlineData("::ffff:10.0.0.5")]
    public async Task A_request_from_another_machine_gets_403_and_changes_nothing(string address)
    {
        await using var app = DevelopmentHost();
        using var http = app.CreateClient();
        _remote.Address = IPAddress.Parse(address);

        foreach (var path in new[] { "/", "/api/webchat/session", "/api/webchat/channels?user=Alice", "/api/webchat/channels/war-room/messages?user=Alice", "/api/webchat/channels/war-room/timeline?user=Alice" })
        {
            var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET {path} answered {response.StatusCode}");
        }

        var post = await http.PostAsJsonAsync("/api/webchat/channels/war-room/commands", new { user = "Alice", text = "declare From afar sev1" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("only on this machine", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _remote.Address = IPAddress.Loopback;
        Assert.Empty(await new WebChatClient(http, "war-room", "Alice").MessagesAsync());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task This_machine_uses_the_name_picker(string address)
    {
        await using var app = DevelopmentHost();
        using var http = app.CreateClient();
        _remote.Address = IPAddress.Parse(address);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        var declared = await new WebChatClient(http, "war-room", "Alice").SendAsync("declare Close to home sev3");
        Assert.False(declared.IsError, declared.Text);
    }

    public void Dispose() => _database.Dispose();

    /// <summary>The host as `dotnet run` starts it (Development, no sign-in), with each request coming from <see cref="_remote"/>.</summary>
    private DevelopmentApp DevelopmentHost()
    {
        var app = new ChatOpsAppFactory(_database);
        return new DevelopmentApp(app.WithWebHostBuilder(builder => builder
            .UseEnvironment("Development")
            .UseSetting("WebChat:AllowUnauthenticated", "false")
            .ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(_remote))), app);
    }

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

    /// <summary>The derived factory and the one it came from, disposed together.</summary>
    private sealed class DevelopmentApp(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> derived, ChatOpsAppFactory parent) : IAsyncDisposable
    {
        public HttpClient CreateClient() => derived.CreateClient();

        public async ValueTask DisposeAsync()
        {
            await derived.DisposeAsync();
            await parent.DisposeAsync();
        }
    }
}
