using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// Every refusal of the web war room's API says why in an RFC 7807 problem body, the ones ASP.NET answers itself
/// included, through the real pipeline; and a refused request writes nothing.
/// </summary>
public class WebApiRefusalTests
{
    private const string Commands = "/api/webchat/channels/war-room/commands";

    public static TheoryData<string, string, HttpStatusCode, string> Refusals => new()
    {
        { "{\"user\":\"Alice\",\"text\":\"help\"", "application/json", HttpStatusCode.BadRequest, "could not be read" },
        { "{\"user\":5,\"text\":\"help\"}", "application/json", HttpStatusCode.BadRequest, "could not be read" },
        { "user=Alice&text=help", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json" },
        { "{\"user\":\"Alice\",\"text\":\"help\"}", "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_body_ASP_NET_cannot_bind_is_refused_with_a_problem_and_changes_nothing(string body, string contentType, HttpStatusCode status, string detail)
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var client = app.CreateClient();

        var response = await client.PostAsync(Commands, new StringContent(body, Encoding.UTF8, contentType));

        await AssertProblemAsync(response, status, detail);
        Assert.Empty(await client.GetFromJsonAsync<List<object>>("/api/webchat/channels") ?? []);
    }

    [Fact]
    public async Task A_command_over_the_limit_is_refused_with_how_long_it_may_be_and_the_limit_itself_is_accepted()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var client = app.CreateClient();

        var tooLong = await client.PostAsJsonAsync(Commands, new { user = "Alice", text = "note " + new string('x', 3_996) });
        await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, "A command is at most 4,000 characters; this one has 4,001.");
        Assert.Empty(await client.GetFromJsonAsync<List<object>>("/api/webchat/channels") ?? []);

        var alice = new WebChatClient(client, "war-room", "Alice");
        await alice.SendAsync("declare Long notes sev3");
        var longest = await alice.SendAsync("note " + new string('y', 3_995));
        Assert.False(longest.IsError, longest.Text);
        Assert.Contains(new string('y', 3_995), longest.Text);
    }

    [Fact]
    public async Task An_oversized_body_Kestrel_refuses_while_reading_gets_a_problem_too()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        app.Settings["urls"] = "http://127.0.0.1:0";
        app.UseKestrel(0);
        app.StartServer();
        using var http = new HttpClient { BaseAddress = WarRoomBrowserFixture.ServerAddress(app) };

        // Sent in chunks, without a length, so only the server's limit on reading the body can stop it.
        var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"user\":\"Alice\",\"text\":\"note {new string('x', 200_000)}\"}}")));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Commands) { Content = body };
        request.Headers.TransferEncodingChunked = true;
        var response = await http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "A request is at most 64 KiB");
        Assert.Empty(await http.GetFromJsonAsync<List<object>>("/api/webchat/channels") ?? []);
    }

    [Fact]
    public async Task Bad_query_values_and_unknown_addresses_answer_with_problems()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var client = app.CreateClient();

        await AssertProblemAsync(await client.GetAsync("/api/webchat/channels/war-room/messages?user=Alice&after=soon"), HttpStatusCode.BadRequest, "could not be read");
        await AssertProblemAsync(await client.GetAsync("/api/webchat/nothing-here"), HttpStatusCode.NotFound, "nothing at this address");
        await AssertProblemAsync(await client.DeleteAsync(Commands), HttpStatusCode.MethodNotAllowed, "does not accept that method");
    }

    internal static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        Assert.Contains(detail, problem["detail"]!.GetValue<string>());
        return problem;
    }
}
