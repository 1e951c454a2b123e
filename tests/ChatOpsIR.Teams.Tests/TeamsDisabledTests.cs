using System.Net;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

public sealed class TeamsDisabledTests
{
    [Fact]
    public async Task Without_Teams_Enabled_there_is_no_Bot_Framework_endpoint()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        using var http = app.CreateClient();
        using var response = await http.PostAsync("/api/messages", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
