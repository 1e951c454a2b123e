using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Teams.Activities;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// The permission matrix through Teams' real activities: every guarded typed command, and every Action.Execute button
/// and card form, tried by Bob (no role, owns nothing, no manager) in a channel of its own. A typed command's refusal
/// is the bot's reply in the thread of the message that asked (Teams has no ephemeral bot messages); a button's is the
/// invoke answer (400, application/vnd.microsoft.error), shown to the presser only, with nothing posted or updated in
/// the conversation. Each says who may, and nothing changes in the database. The allowed do the same and it takes.
/// </summary>
public sealed class TeamsPermissionMatrixTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private const string Olga = "29:1abc-olga-0005";
    private const string Zed = "29:1abc-zed-0009";
    private static int _channels;

    private static readonly Dictionary<string, JsonObject> People = new()
    {
        [TeamsTestHost.Bob] = new JsonObject { ["id"] = TeamsTestHost.Bob, ["name"] = "Bob Example", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a2" },
        [Olga] = new JsonObject { ["id"] = Olga, ["name"] = "Olga Example", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a5" },
        [Zed] = new JsonObject { ["id"] = Zed, ["name"] = "Zed Example", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a9" },
    };

    [Theory]
    [MemberData(nameof(GuardedCases.Names), MemberType = typeof(GuardedCases))]
    public async Task A_bystander_is_refused_privately_with_who_may_and_nothing_changes(string name)
    {
        var guarded = GuardedCases.Named(name);
        var staged = await StageAsync(guarded);
        var before = await SnapshotAsync(staged);
        var said = Said(staged);
        var refusal = guarded.Refusal(staged, "Alice Example", "Olga Example");

        if (guarded.IsTyped)
        {
            var id = await TypeAsync(staged, TeamsTestHost.Bob, guarded);
            var reply = Assert.Single(Said(staged).Skip(said.Count));
            Assert.Equal(id, reply.ReplyToId);
            Assert.Contains(refusal, reply.Text, StringComparison.Ordinal);
        }
        else
        {
            var answer = await PressAsync(staged, TeamsTestHost.Bob, guarded);
            Assert.Equal(400, answer["statusCode"]!.GetValue<int>());
            Assert.Equal(TeamsInvokeResults.ErrorType, answer["type"]!.GetValue<string>());
            Assert.Equal(refusal, answer["value"]!["message"]!.GetValue<string>());
            Assert.Equal(said.Count, Said(staged).Count);
        }

        Assert.Equal(before, await SnapshotAsync(staged));
    }

    [Theory]
    [MemberData(nameof(GuardedCases.AllowedNames), MemberType = typeof(GuardedCases))]
    public async Task The_commander_or_the_items_owner_is_not_refused_and_it_takes(string name, bool byOwner)
    {
        var guarded = GuardedCases.Named(name);
        var staged = await StageAsync(guarded);
        var before = await SnapshotAsync(staged);
        var said = Said(staged).Count;
        var user = byOwner ? Olga : TeamsTestHost.Alice;

        if (guarded.IsTyped)
        {
            await TypeAsync(staged, user, guarded);
            Assert.DoesNotContain(Said(staged).Skip(said), c => c.Text?.StartsWith("Only ", StringComparison.Ordinal) == true);
        }
        else
        {
            var answer = await PressAsync(staged, user, guarded);
            Assert.True(answer["statusCode"]!.GetValue<int>() == 200, answer.ToJsonString());
        }

        Assert.NotEqual(before, await SnapshotAsync(staged));
    }

    private static string Thread(string channel) => $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

    /// <summary>Everything the bot sent into the incident's thread: posts and updates of its cards.</summary>
    private List<ConnectorCall> Said(StagedIncident staged) =>
        host.Connector.Calls.Where(c => c.Path.Contains($"/conversations/{Thread(staged.Channel)}/", StringComparison.Ordinal)).ToList();

    /// <summary>Alice declares and commands, Olga owns an action item, the post-mortem is started; then the case's setup.</summary>
    private async Task<StagedIncident> StageAsync(GuardedCase guarded)
    {
        var channel = $"perm-matrix-{Interlocked.Increment(ref _channels)}";
        List<string> lines = ["declare Ransomware on FS01 sev3", "action <at>Olga Example</at> +7d Rotate the service keys", "postmortem"];
        if (guarded.Setup is { } setup)
        {
            lines.Add(setup);
        }

        foreach (var line in lines)
        {
            await host.SendOkAsync(Typed(channel, TeamsTestHost.Alice, line));
            if (line == lines[0])
            {
                await host.IdleAsync(); // a declaration may be work a job finishes
            }
        }

        await host.IdleAsync();

        await using var scope = host.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        var incident = (await store.FindLatestIncidentAsync(Scope, TeamsTestHost.ChannelId(channel), CancellationToken.None))!;
        var item = Assert.Single(await store.GetActionItemsAsync(Scope, incident.Id, CancellationToken.None));
        return new StagedIncident(channel, incident.Number, item.Number);
    }

    private static TenantScope Scope => TenantScope.Teams(TeamsTestHost.Tenant);

    private Task<string> SnapshotAsync(StagedIncident staged) => GuardedCases.SnapshotAsync(host.App.Services, Scope, staged.Incident);

    /// <summary>An @mention of the bot with this line from <paramref name="from"/>; the people it names are mentioned as Teams does.</summary>
    private JsonObject Typed(string channel, string from, string line)
    {
        var activity = host.Mention(channel, line);
        if (from != TeamsTestHost.Alice)
        {
            activity["from"] = People[from].DeepClone();
        }

        foreach (var person in People.Values.Where(p => line.Contains($"<at>{p["name"]}</at>", StringComparison.Ordinal)))
        {
            activity["entities"]!.AsArray().Add(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = $"<at>{person["name"]}</at>",
                ["mentioned"] = new JsonObject { ["id"] = person["id"]!.DeepClone(), ["name"] = person["name"]!.DeepClone() },
            });
        }

        return activity;
    }

    /// <summary>The case typed by <paramref name="from"/>; returns the id of the message, once everything it queued is sent.</summary>
    private async Task<string> TypeAsync(StagedIncident staged, string from, GuardedCase guarded)
    {
        var activity = Typed(staged.Channel, from, guarded.TypedLine(staged, "<at>Zed Example</at>"));
        await host.SendOkAsync(activity);
        await host.IdleAsync();
        return activity["id"]!.GetValue<string>();
    }

    /// <summary>The case's Action.Execute pressed by <paramref name="from"/>, with its form's inputs merged into the data as Teams does; the invoke answer.</summary>
    private async Task<JsonObject> PressAsync(StagedIncident staged, string from, GuardedCase guarded)
    {
        var data = new JsonObject { ["verb"] = guarded.Verb };
        foreach (var (key, value) in guarded.PressData(staged, "@Zed"))
        {
            data[key] = value;
        }

        var activity = host.Fixture("invoke-adaptive-card-action.json");
        activity["id"] = $"f:{host.NextActivityId()}";
        activity["conversation"]!["id"] = Thread(staged.Channel);
        activity["channelData"]!["channel"]!["id"] = TeamsTestHost.ChannelId(staged.Channel);
        if (from != TeamsTestHost.Alice)
        {
            activity["from"] = People[from].DeepClone();
        }

        activity["value"]!["action"]!["verb"] = guarded.Verb;
        activity["value"]!["action"]!["data"] = data;
        using var response = await host.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        await host.IdleAsync();
        return answer;
    }
}
