using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Data;
using ChatOpsIR.Teams.Activities;
using ChatOpsIR.Teams.Graph;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// "Add as evidence" on Teams: the message action answers at once, a job fetches the channel file through Microsoft
/// Graph's shares API, hashes it and records the item; the card goes to the message's thread.
/// </summary>
public sealed class TeamsEvidenceFileTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private const string MessageId = "1732529000000";

    private static string Thread(string channel) => $"{TeamsTestHost.ChannelId(channel)};messageid={MessageId}";

    /// <summary>Bob picks "Add as evidence" on Carol's message in <paramref name="channel"/>, with these attachments.</summary>
    private async Task<string> PickAsync(string channel, params JsonObject[] attachments)
    {
        var activity = host.Fixture("invoke-compose-extension-submit-action.json");
        activity["id"] = $"f:{host.NextActivityId()}";
        activity["name"] = "composeExtension/fetchTask";
        activity["conversation"]!["id"] = Thread(channel);
        activity["channelData"]!["channel"]!["id"] = TeamsTestHost.ChannelId(channel);
        activity["value"]!["commandId"] = TeamsEvidenceAction.CommandId;
        activity["value"]!["messagePayload"]!["attachments"] = new JsonArray([.. attachments]);
        using var response = await host.SendAsync(activity);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("message", answer["task"]!["type"]!.GetValue<string>());
        return answer["task"]!["value"]!.GetValue<string>();
    }

    private async Task<Incident> DeclareAsync(string channel)
    {
        await host.SendOkAsync(host.Mention(channel, "declare Phishing wave sev3"));
        await host.IdleAsync();
        return (await host.IncidentAsync(channel)).Incident!;
    }

    private async Task<List<Evidence>> EvidenceAsync(Incident incident)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>().Evidence.AsNoTracking().Where(e => e.IncidentId == incident.Id).ToListAsync();
    }

    [Fact]
    public async Task A_channel_file_is_fetched_through_graph_hashed_and_recorded_with_who_shared_it()
    {
        const string channel = "evidence-shared-file";
        var incident = await DeclareAsync(channel);
        var content = new byte[150_000];
        new Random(7).NextBytes(content);
        const string sharingUrl = "https://contoso.sharepoint.com/sites/IR/Shared%20Documents/General/phish.eml";
        host.Graph.AddSharedFile(sharingUrl, content);

        var told = await PickAsync(channel, new JsonObject
        {
            ["id"] = "5e1f0e4a-0000-0000-0000-000000000001",
            ["contentType"] = "reference",
            ["contentUrl"] = sharingUrl,
            ["name"] = "phish.eml",
        });
        Assert.Equal($"Fetching phish.eml… it will be recorded as evidence of {incident.Reference} with its SHA-256.", told);

        await host.IdleAsync();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var fetch = host.Graph.Calls.Single(c => c.Path.EndsWith("/driveItem/content", StringComparison.Ordinal));
        Assert.Equal($"/v1.0/shares/{TeamsGraph.ShareId(sharingUrl)}/driveItem/content", fetch.Path);
        Assert.StartsWith("/v1.0/shares/u!", fetch.Path, StringComparison.Ordinal);
        Assert.DoesNotContain("=", fetch.Path, StringComparison.Ordinal);
        Assert.Equal($"Bearer {FakeGraph.AccessToken}", fetch.Authorization);

        var item = Assert.Single(await EvidenceAsync(incident));
        Assert.Equal(sha256, item.Sha256);
        Assert.Equal($"File phish.eml ({FileSizeText.Of(content.Length)}, type unknown) shared by Carol Example", item.Description);
        Assert.Equal("Bob Example", item.CollectedByName);
        Assert.Contains(host.PostsTo(Thread(channel)), post => post.Body.ToJsonString().Contains(sha256, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_without_a_file_is_refused_and_points_to_add_to_timeline()
    {
        const string channel = "evidence-no-file";
        var incident = await DeclareAsync(channel);

        var told = await PickAsync(channel);
        await host.IdleAsync();

        Assert.Equal(EvidenceFileWorkflow.NoFile, told);
        Assert.Empty(await EvidenceAsync(incident));
    }
}
