using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// The two journeys that used to break after `resolve`, from a Teams channel only (signed @mentions and card
/// invokes, every reply read at the loopback Bot Connector) on SQLite and PostgreSQL: correcting the timeline during
/// the post-mortem until the incident is closed, and reaching an earlier incident by reference once the channel has
/// moved on to a new one, in its own tenant only.
/// </summary>
public sealed class TeamsLifecycleJourneyTests
{
    private const string OtherTenant = "00000000-0000-0000-0000-000000000002";

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_timeline_can_be_corrected_from_Teams_during_the_post_mortem_until_the_incident_is_closed(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var host = new TeamsJourneyHost(database);
        await host.InitializeAsync();
        try
        {
            var room = new Room(host, "lifecycle-vpn");
            Shown(await room.SayAsync("declare Credential stuffing on the VPN sev2"), "INC-0001");
            await room.SayAsync("note Spike in failed VPN logins", TeamsTestHost.Bob);
            await room.SayAsync("mark detected at 09:30");
            host.App.Clock.Advance(TimeSpan.FromHours(2));
            await room.SayAsync("note Blocked the source ranges", TeamsTestHost.Bob);
            var resolved = Ok(await room.SayAsync("resolve Source ranges blocked"));
            Shown(resolved, "INC-0001 resolved");
            Shown(Ok(await room.SayAsync("postmortem", TeamsTestHost.Bob)), "Post-mortem of INC-0001 started");

            // What the timeline-review section asks for works from Teams, and says it came after resolve.
            var note = Ok(await room.SayAsync("note First failed login from the botnet at 09:05", TeamsTestHost.Bob));
            Shown(note, "INC-0001");
            Shown(note, "added after resolve");
            Shown(note, "First failed login from the botnet");
            var mark = Ok(await room.SayAsync("mark contained 10:20"));
            Shown(mark, "INC-0001");
            Shown(mark, "Contained");
            Shown(mark, "added after resolve");
            Shown(Ok(await room.SayAsync("evidence VPN gateway logs for the night", TeamsTestHost.Bob)), "VPN gateway logs for the night");
            Shown(Ok(await room.SayAsync("action <at>Bob Example</at> +7d Turn on MFA for every VPN account", TeamsTestHost.Bob, mention: (TeamsTestHost.Bob, "Bob Example"))),
                "Turn on MFA for every VPN account");
            Shown(Ok(await room.SayAsync("status Post-mortem under way; MFA rollout planned")), "Post-mortem under way; MFA rollout planned");

            var timeline = Ok(await room.SayAsync("timeline", TeamsTestHost.Bob));
            Shown(timeline, "First failed login from the botnet");
            Shown(timeline, "added after resolve");
            Shown(timeline, "Key moment: Contained");
            Shown(timeline, "VPN gateway logs for the night");
            Shown(timeline, "Post-mortem under way; MFA rollout planned");

            // The resolved card's Timeline button, pressed during the post-mortem, shows its incident.
            var pressed = await room.InvokeAsync(CommandButton(resolved.Card!, "timeline"), TeamsTestHost.Bob);
            Assert.Equal(200, pressed["statusCode"]!.GetValue<int>());
            var pressedText = Regex.Unescape(pressed["value"]!.ToJsonString());
            Assert.Contains("INC-0001", pressedText);
            Assert.Contains("First failed login from the botnet", pressedText);

            // Only the commander brings it back, and a reopened incident takes commands as an open one.
            Shown(await room.SayAsync("reopen", TeamsTestHost.Bob), "Only the incident commander (Alice Example)");
            Shown(Ok(await room.SayAsync("reopen The attacker came back")), "INC-0001 reopened");
            var openNote = Ok(await room.SayAsync("note The attacker is back on a new range", TeamsTestHost.Bob));
            Shown(openNote, "The attacker is back on a new range");
            Assert.DoesNotContain("added after resolve", Seen(openNote));
            Shown(Ok(await room.SayAsync("resolve Blocked again")), "INC-0001 resolved");

            // Closing needs a reason and the commander; after it the channel's commands no longer change the record.
            Shown(await room.SayAsync("close"), "reason");
            Shown(await room.SayAsync("close Not worth a post-mortem", TeamsTestHost.Bob), "Only the incident commander (Alice Example)");
            var closed = Ok(await room.SayAsync("close Handled in the quarterly VPN review"));
            Shown(closed, "INC-0001 closed");
            Shown(closed, "Handled in the quarterly VPN review");

            var late = await room.SayAsync("note One more thing", TeamsTestHost.Bob);
            Shown(late, "INC-0001");
            Shown(late, "closed");
            Shown(await room.SayAsync("note INC-0001 One more thing", TeamsTestHost.Bob), "reopen INC-0001");

            // Still readable, without what was refused.
            var after = await room.SayAsync("timeline", TeamsTestHost.Bob);
            Shown(after, "Credential stuffing on the VPN");
            Shown(after, "First failed login from the botnet");
            Assert.DoesNotContain("One more thing", Seen(after));
            Assert.DoesNotContain("Not worth a post-mortem", Seen(after));
            Assert.Empty(host.Connector.Refused);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_earlier_post_mortem_stays_reachable_from_Teams_by_reference_in_its_own_tenant_only(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var host = new TeamsJourneyHost(database);
        await host.InitializeAsync();
        try
        {
            var room = new Room(host, "lifecycle-soc");
            Ok(await room.SayAsync("declare First thing sev4"));
            Ok(await room.SayAsync("resolve done"));
            Ok(await room.SayAsync("postmortem"));
            var firstStatus = Ok(await room.SayAsync("postmortem status"));
            Shown(firstStatus, "INC-0001");

            var second = Ok(await room.SayAsync("declare Second thing sev4"));
            Shown(second, "INC-0002");
            Shown(second, "INC-0001");
            Shown(second, "postmortem INC-0001");

            // Without a reference the channel's commands act on the new incident …
            var newStatus = await room.SayAsync("postmortem status");
            Shown(newStatus, "INC-0002");
            Assert.DoesNotContain("INC-0001", Seen(newStatus));
            var newTimeline = Ok(await room.SayAsync("timeline"));
            Shown(newTimeline, "Second thing");
            Assert.DoesNotContain("First thing", Seen(newTimeline));

            // … and with one, on the earlier incident, from every verb that acts on an incident.
            var oldStatus = Ok(await room.SayAsync("postmortem status INC-0001"));
            Shown(oldStatus, "INC-0001");
            Shown(oldStatus, "First thing");
            Shown(Ok(await room.SayAsync("postmortem INC-0001")), "Resuming the post-mortem of INC-0001");
            var report = Ok(await room.SayAsync("report INC-0001"));
            Shown(report, "INC-0001");
            Shown(report, "First thing");
            var oldTimeline = Ok(await room.SayAsync("timeline INC-0001"));
            Shown(oldTimeline, "First thing");
            Assert.DoesNotContain("Second thing", Seen(oldTimeline));
            var note = Ok(await room.SayAsync("note INC-0001 Found the cause while working on the second", TeamsTestHost.Bob));
            Shown(note, "INC-0001");
            Shown(note, "added after resolve");
            Shown(Ok(await room.SayAsync("timeline INC-0001")), "Found the cause while working on the second");
            Assert.DoesNotContain("Found the cause", Seen(await room.SayAsync("timeline")));

            // The earlier incident's status card, pressed now, still acts on it and not on the channel's new incident.
            var pressedReport = await room.InvokeAsync(CommandButton(firstStatus.Card!, "report"), TeamsTestHost.Alice);
            Assert.Equal(200, pressedReport["statusCode"]!.GetValue<int>());
            var pressedText = Regex.Unescape(pressedReport["value"]!.ToJsonString());
            Assert.Contains("INC-0001", pressedText);
            Assert.DoesNotContain("INC-0002", pressedText);

            var unknown = await room.SayAsync("timeline INC-0099");
            Shown(unknown, "There is no INC-0099");

            // References are per tenant: the same reference from another tenant, even in a channel with the same id, does not reach it.
            var elsewhere = await room.SayAsync("timeline INC-0001", tenant: OtherTenant);
            Shown(elsewhere, "There is no INC-0001");
            Assert.DoesNotContain("First thing", Seen(elsewhere));
            Shown(await room.SayAsync("note INC-0001 Written from another tenant", tenant: OtherTenant), "There is no INC-0001");
            var elsewhereStatus = await room.SayAsync("postmortem status INC-0001", tenant: OtherTenant);
            Shown(elsewhereStatus, "There is no INC-0001");
            Assert.DoesNotContain("First thing", Seen(elsewhereStatus));
            Assert.DoesNotContain("Written from another tenant", Seen(await room.SayAsync("timeline INC-0001")));

            // A second open incident in the channel is still refused, and says which one is open.
            var third = await room.SayAsync("declare Third thing");
            Shown(third, "INC-0002");
            Assert.DoesNotContain("INC-0003", Seen(third));
            Assert.Empty(host.Connector.Refused);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>One Teams channel: commands @mention the bot, buttons are adaptiveCard/action invokes.</summary>
    private sealed class Room(TeamsJourneyHost host, string channel)
    {
        public string Conversation => $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

        /// <summary>Sends a command and returns the bot's one reply in the thread of the command.</summary>
        public async Task<ConnectorCall> SayAsync(string command, string from = TeamsTestHost.Alice, string tenant = TeamsTestHost.Tenant, (string Id, string Name)? mention = null)
        {
            var activity = host.Mention(channel, command, from);
            activity["conversation"]!["tenantId"] = tenant;
            activity["channelData"]!["tenant"]!["id"] = tenant;
            if (mention is { } person)
            {
                activity["entities"]!.AsArray().Add(new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = $"<at>{person.Name}</at>",
                    ["mentioned"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name },
                });
            }

            var before = host.PostsTo(Conversation).Count;
            await host.SendOkAsync(activity);
            await host.IdleAsync();
            var reply = Assert.Single(host.PostsTo(Conversation).Skip(before));
            Assert.Equal(activity["id"]!.GetValue<string>(), reply.ReplyToId);
            return reply;
        }

        /// <summary>Presses a button the way Teams does: an adaptiveCard/action invoke with the button's verb and data.</summary>
        public async Task<JsonObject> InvokeAsync(JsonObject button, string from)
        {
            var activity = host.Fixture("invoke-adaptive-card-action.json");
            activity["id"] = $"f:{host.NextActivityId()}";
            activity["conversation"]!["id"] = Conversation;
            activity["channelData"]!["channel"]!["id"] = TeamsTestHost.ChannelId(channel);
            if (from == TeamsTestHost.Bob)
            {
                activity["from"] = new JsonObject { ["id"] = TeamsTestHost.Bob, ["name"] = "Bob Example", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a2" };
            }

            activity["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button["verb"]!.DeepClone(), ["data"] = button["data"]!.DeepClone() },
                ["trigger"] = "manual",
            };
            using var response = await host.SendAsync(activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            await host.IdleAsync();
            return answer;
        }
    }

    /// <summary>What a person reads of a reply: its text and its card's text.</summary>
    private static string Seen(ConnectorCall reply) => $"{reply.Text}\n{(reply.Card is { } card ? Regex.Unescape(card.ToJsonString()) : string.Empty)}";

    private static ConnectorCall Ok(ConnectorCall reply)
    {
        // A refusal names what went wrong; none of the steps checked with this expects one.
        var seen = Seen(reply);
        Assert.DoesNotContain("Only the incident commander", seen);
        Assert.DoesNotContain("There is no", seen);
        Assert.DoesNotMatch(@"INC-\d{4}( \([^)]*\))? is closed", seen);
        return reply;
    }

    private static void Shown(ConnectorCall reply, string expected)
    {
        var seen = Seen(reply);
        if (!seen.Contains(expected, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"Expected Teams to be shown \"{expected}\".\nIt got: {seen}");
        }
    }

    private static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Walk(p.Value))),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    /// <summary>The card's button that runs a command starting with <paramref name="verb"/> (found by what it does, not its title).</summary>
    private static JsonObject CommandButton(JsonObject card, string verb)
    {
        var buttons = Walk(card).Where(o => o["type"] is JsonValue t && t.GetValue<string>() == "Action.Execute").ToList();
        return buttons.FirstOrDefault(b => b["verb"]?.GetValue<string>() == "command.run"
                && b["data"]?["line"]?.GetValue<string>() is { } line
                && (line == verb || line.StartsWith(verb + " ", StringComparison.Ordinal)))
            ?? throw new Xunit.Sdk.XunitException($"No button runs `{verb}`. Buttons: {string.Join(", ", buttons.Select(b => b["data"]?.ToJsonString()))}");
    }
}
