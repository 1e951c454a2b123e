using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// `export` typed in Teams: in a channel everyone would read the answer, so the links go to the person's 1:1 chat with the
/// bot and the channel hears only that; typed in that chat, the answer itself holds links that download the incident.
/// </summary>
public sealed partial class ExportTeamsTests
{
    private const string PublicBase = "https://chatopsir.example.test";

    [Fact]
    public async Task Links_come_in_a_one_to_one_chat_and_never_in_a_channel()
    {
        using var database = TestDatabase.Sqlite();
        var host = new TeamsJourneyHost(database);
        host.Settings["Reports:PublicBaseUrl"] = PublicBase;
        await host.InitializeAsync();
        try
        {
            await host.SendOkAsync(host.Mention("export-room", "declare Ransomware note on FS01 sev2"));
            var channelConversation = $"{TeamsTestHost.ChannelId("export-room")};messageid=1732530000000";
            await host.IdleAsync();
            var before = host.PostsTo(channelConversation).Count;

            await host.SendOkAsync(host.Mention("export-room", "export"));
            await host.IdleAsync();

            var told = Assert.Single(host.PostsTo(channelConversation).Skip(before)).Body.ToJsonString();
            Assert.Contains("The export links of INC-0001 are in your 1:1 chat with ChatOpsIR", told);
            Assert.DoesNotContain("/exports/", told);
            Assert.DoesNotContain("Ransomware", told);
            var sent = Assert.Single(host.Connector.Calls, c => c.Path.StartsWith("/amer/v3/conversations/a:created-", StringComparison.Ordinal));
            Assert.True(Link().IsMatch(Regex.Unescape(sent.Body.ToJsonString())), sent.Body.ToJsonString());

            var chat = host.Fixture("activity-personal-message.json");
            chat["id"] = host.NextActivityId();
            chat["text"] = "export INC-0001";
            var personal = chat["conversation"]!["id"]!.GetValue<string>();
            await host.SendOkAsync(chat);
            await host.IdleAsync();

            var answer = host.PostsTo(personal)[^1];
            var link = Link().Match(Regex.Unescape(answer.Body.ToJsonString()));
            Assert.True(link.Success, answer.Body.ToJsonString());
            var response = await host.Http.GetAsync(link.Value[PublicBase.Length..]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("Ransomware note on FS01", document["incident"]!["title"]!.GetValue<string>());
            Assert.Equal($"teams:{TeamsTestHost.Tenant}", document["audit"]!["scope"]!.GetValue<string>());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [GeneratedRegex(@"https://chatopsir\.example\.test/exports/incidents/[0-9a-f-]{36}\.json\?t=[^\s""\\)`]+")]
    private static partial Regex Link();
}
