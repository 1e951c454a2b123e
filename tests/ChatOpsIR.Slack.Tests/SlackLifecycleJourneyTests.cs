using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>
/// The two journeys that used to break after `resolve`, from Slack only (signed slash commands and button presses,
/// answers read from the HTTP response or at the loopback fake Slack) on SQLite and PostgreSQL: correcting the timeline
/// during the post-mortem until the incident is closed, and reaching an earlier incident by reference once the channel
/// has moved on to a new one.
/// </summary>
public class SlackLifecycleJourneyTests
{
    private const string Alice = "U0001";
    private const string Bob = "U0002";

    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_timeline_can_be_corrected_from_slack_during_the_post_mortem_until_the_incident_is_closed(string provider)
    {
        await using var app = await SlackApp.StartAsync(provider);
        var presses = new Presses(app);

        Shown(await app.CommandAsync("declare Credential stuffing on the VPN sev2"), "INC-0001");
        await app.CommandAsync("note Spike in failed VPN logins", user: Bob);
        await app.CommandAsync("mark detected at 10:00");
        app.App.Clock.Advance(TimeSpan.FromHours(2));
        await app.CommandAsync("note Blocked the source ranges", user: Bob);
        var resolved = Ok(await app.CommandAsync("resolve Source ranges blocked"));
        Shown(resolved, "Resolved by alice");
        var started = Ok(await app.CommandAsync("postmortem", user: Bob));
        Assert.Equal("in_channel", started["response_type"]!.GetValue<string>());
        Shown(started, "INC-0001");

        // What the timeline-review section asks for works from Slack, and says it came after resolve.
        var note = Ok(await app.CommandAsync("note First failed login from the botnet at 09:45", user: Bob));
        Assert.Equal("in_channel", note["response_type"]!.GetValue<string>());
        Shown(note, "INC-0001");
        Shown(note, "added after resolve");
        Shown(note, "First failed login from the botnet");
        var mark = Ok(await app.CommandAsync("mark contained 11:00"));
        Shown(mark, "INC-0001");
        Shown(mark, "Contained");
        Shown(mark, "added after resolve");
        Shown(Ok(await app.CommandAsync("evidence VPN gateway logs for the night", user: Bob)), "VPN gateway logs for the night");
        Shown(Ok(await app.CommandAsync("action <@U0002|bob> +7d Turn on MFA for every VPN account", user: Bob)), "Turn on MFA for every VPN account");
        Shown(Ok(await app.CommandAsync("status Post-mortem under way; MFA rollout planned")), "Post-mortem under way; MFA rollout planned");

        var timeline = Ok(await app.CommandAsync("timeline", user: Bob));
        Shown(timeline, "First failed login from the botnet");
        Shown(timeline, "added after resolve");
        Shown(timeline, "Key moment: Contained");
        Shown(timeline, "VPN gateway logs for the night");
        Shown(timeline, "Post-mortem under way; MFA rollout planned");

        // The resolved card's buttons, pressed during the post-mortem, act on its incident.
        var pressedTimeline = await presses.PressAsync(CommandButton(resolved, "timeline"), Bob, resolved);
        Shown(pressedTimeline, "INC-0001");
        Shown(pressedTimeline, "First failed login from the botnet");
        Shown(pressedTimeline, "added after resolve");
        var pressedPostMortem = await presses.PressAsync(CommandButton(resolved, "postmortem"), Bob, resolved);
        Shown(pressedPostMortem, "Resuming the post-mortem of INC-0001");

        // Only the commander brings it back, and a reopened incident takes commands as an open one.
        var bystander = await app.CommandAsync("reopen", user: Bob);
        Assert.Equal("ephemeral", bystander["response_type"]!.GetValue<string>());
        Shown(bystander, "Only the incident commander (alice)");
        var reopened = Ok(await app.CommandAsync("reopen The attacker came back"));
        Assert.Equal("in_channel", reopened["response_type"]!.GetValue<string>());
        Shown(reopened, "INC-0001");
        Shown(reopened, "Reopened by alice");
        var openNote = Ok(await app.CommandAsync("note The attacker is back on a new range", user: Bob));
        Shown(openNote, "The attacker is back on a new range");
        Assert.DoesNotContain("added after resolve", SlackApp.Text(openNote));
        Shown(Ok(await app.CommandAsync("resolve Blocked again")), "Resolved by alice");

        // Closing needs a reason and the commander; after it the channel's commands no longer change the record.
        var noReason = await app.CommandAsync("close");
        Assert.Equal("ephemeral", noReason["response_type"]!.GetValue<string>());
        Shown(noReason, "reason");
        var notCommander = await app.CommandAsync("close Not worth a post-mortem", user: Bob);
        Assert.Equal("ephemeral", notCommander["response_type"]!.GetValue<string>());
        Shown(notCommander, "Only the incident commander (alice)");
        var closed = Ok(await app.CommandAsync("close Handled in the quarterly VPN review"));
        Assert.Equal("in_channel", closed["response_type"]!.GetValue<string>());
        Shown(closed, "INC-0001");
        Shown(closed, "Closed by alice");
        Shown(closed, "Handled in the quarterly VPN review");

        var late = await app.CommandAsync("note One more thing", user: Bob);
        Assert.Equal("ephemeral", late["response_type"]!.GetValue<string>());
        Shown(late, "INC-0001");
        Shown(late, "closed");
        var byReference = await app.CommandAsync("note INC-0001 One more thing", user: Bob);
        Assert.Equal("ephemeral", byReference["response_type"]!.GetValue<string>());
        Shown(byReference, "reopen INC-0001");

        // Still readable, without what was refused.
        var after = await app.CommandAsync("timeline", user: Bob);
        Shown(after, "Credential stuffing on the VPN");
        Shown(after, "First failed login from the botnet");
        Assert.DoesNotContain("One more thing", SlackApp.Text(after));
        Assert.DoesNotContain("Not worth a post-mortem", SlackApp.Text(after));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_earlier_post_mortem_stays_reachable_from_slack_by_reference_in_its_own_workspace_only(string provider)
    {
        await using var app = await SlackApp.StartAsync(provider);
        var presses = new Presses(app);

        Ok(await app.CommandAsync("declare First thing sev4"));
        Ok(await app.CommandAsync("resolve done"));
        Ok(await app.CommandAsync("postmortem"));
        var firstStatus = Ok(await app.CommandAsync("postmortem status"));
        Shown(firstStatus, "INC-0001");

        var second = Ok(await app.CommandAsync("declare Second thing sev4"));
        Assert.Equal("in_channel", second["response_type"]!.GetValue<string>());
        Shown(second, "INC-0002");
        Shown(second, "INC-0001");
        Shown(second, "postmortem INC-0001");

        // Without a reference the channel's commands act on the new incident …
        var newStatus = await app.CommandAsync("postmortem status");
        Shown(newStatus, "INC-0002");
        Assert.DoesNotContain("INC-0001", SlackApp.Text(newStatus));
        var newTimeline = Ok(await app.CommandAsync("timeline"));
        Shown(newTimeline, "Second thing");
        Assert.DoesNotContain("First thing", SlackApp.Text(newTimeline));

        // … and with one, on the earlier incident, from every verb that acts on an incident.
        var oldStatus = Ok(await app.CommandAsync("postmortem status INC-0001"));
        Shown(oldStatus, "INC-0001");
        Shown(oldStatus, "First thing");
        var resumed = Ok(await app.CommandAsync("postmortem INC-0001"));
        Assert.Equal("in_channel", resumed["response_type"]!.GetValue<string>());
        Shown(resumed, "Resuming the post-mortem of INC-0001");
        var report = Ok(await app.CommandAsync("report INC-0001"));
        Shown(report, "INC-0001");
        Shown(report, "First thing");
        var oldTimeline = Ok(await app.CommandAsync("timeline INC-0001"));
        Shown(oldTimeline, "First thing");
        Assert.DoesNotContain("Second thing", SlackApp.Text(oldTimeline));
        var note = Ok(await app.CommandAsync("note INC-0001 Found the cause while working on the second", user: Bob));
        Shown(note, "INC-0001");
        Shown(note, "added after resolve");
        Shown(Ok(await app.CommandAsync("timeline INC-0001")), "Found the cause while working on the second");
        Assert.DoesNotContain("Found the cause", SlackApp.Text(await app.CommandAsync("timeline")));

        // The earlier incident's cards, pressed now, still act on it and not on the channel's new incident.
        var pressedReport = await presses.PressAsync(CommandButton(firstStatus, "report"), Alice, firstStatus);
        Shown(pressedReport, "INC-0001");
        Assert.DoesNotContain("INC-0002", SlackApp.Text(pressedReport));
        var reportStatus = await presses.PressAsync(CommandButton(report, "postmortem status"), Alice, report);
        Shown(reportStatus, "INC-0001");
        Assert.DoesNotContain("INC-0002", SlackApp.Text(reportStatus));

        var unknown = await app.CommandAsync("timeline INC-0099");
        Assert.Equal("ephemeral", unknown["response_type"]!.GetValue<string>());
        Shown(unknown, "There is no INC-0099");

        // References are per workspace: the same reference typed in another workspace's channel does not reach it.
        var elsewhere = await app.CommandAsync("timeline INC-0001", team: "T0002", channel: "C0002");
        Shown(elsewhere, "There is no INC-0001");
        Assert.DoesNotContain("First thing", SlackApp.Text(elsewhere));
        var elsewhereNote = await app.CommandAsync("note INC-0001 Written from another workspace", team: "T0002", channel: "C0002");
        Shown(elsewhereNote, "There is no INC-0001");
        var elsewhereStatus = await app.CommandAsync("postmortem status INC-0001", team: "T0002", channel: "C0001");
        Shown(elsewhereStatus, "There is no INC-0001");
        Assert.DoesNotContain("First thing", SlackApp.Text(elsewhereStatus));
        Assert.DoesNotContain("Written from another workspace", SlackApp.Text(await app.CommandAsync("timeline INC-0001")));

        // A second open incident in the channel is still refused, and says which one is open.
        var third = await app.CommandAsync("declare Third thing");
        Assert.Equal("ephemeral", third["response_type"]!.GetValue<string>());
        Shown(third, "INC-0002");
        Assert.DoesNotContain("INC-0003", SlackApp.Text(third));
    }

    /// <summary>Button presses on messages in C0001 of T0001, each answered through its own response_url at the fake.</summary>
    private sealed class Presses(SlackApp app)
    {
        private int _count;

        public async Task<JsonObject> PressAsync(JsonObject button, string user, JsonObject message)
        {
            var id = ++_count;
            var responseUrl = app.Slack.ResponseUrl($"actions/lifecycle-{id}");
            var press = new JsonObject
            {
                ["type"] = "block_actions",
                ["user"] = new JsonObject { ["id"] = user, ["username"] = user == Alice ? "alice" : "bob", ["name"] = user == Alice ? "alice" : "bob", ["team_id"] = "T0001" },
                ["api_app_id"] = "A0001",
                ["team"] = new JsonObject { ["id"] = "T0001", ["domain"] = "example-sec" },
                ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = $"1732530000.{id:000000}", ["channel_id"] = "C0001", ["is_ephemeral"] = false },
                ["message"] = new JsonObject
                {
                    ["type"] = "message",
                    ["bot_id"] = "B0001",
                    ["ts"] = $"1732530000.{id:000000}",
                    ["text"] = message["text"]?.DeepClone(),
                    ["blocks"] = message["blocks"]?.DeepClone(),
                },
                ["channel"] = new JsonObject { ["id"] = "C0001", ["name"] = "incident-war-room" },
                ["trigger_id"] = $"{id}.1.lifecycle",
                ["response_url"] = responseUrl,
                ["state"] = new JsonObject { ["values"] = new JsonObject() },
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = button["action_id"]!.DeepClone(),
                    ["block_id"] = "lifecycle.actions",
                    ["text"] = button["text"]!.DeepClone(),
                    ["value"] = button["value"]!.DeepClone(),
                    ["action_ts"] = "1732530060.123456",
                }),
            };
            var response = await app.SendInteractionAsync(press.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // The answer (not a replacement of the pressed card) through this press's response_url.
            var path = $"/hooks/actions/lifecycle-{id}";
            var answers = await app.Slack.WaitForAsync("hooks", c => c.Path == path && c.Body["replace_original"]?.GetValue<bool>() != true);
            return answers[^1].Body;
        }
    }

    private static JsonObject Ok(JsonObject reply)
    {
        // Refusals come back as private (ephemeral) answers that start with what went wrong; a reply that names no
        // incident at all is not what any of these steps expects.
        var text = SlackApp.Text(reply);
        Assert.DoesNotContain("Only the incident commander", text);
        Assert.DoesNotContain("There is no", text);
        Assert.DoesNotMatch(@"INC-\d{4}( \([^)]*\))? is closed", text);
        return reply;
    }

    private static void Shown(JsonObject message, string expected)
    {
        var text = SlackApp.Text(message);
        if (!text.Contains(expected, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"Expected Slack to be shown \"{expected}\".\nIt got: {text}");
        }
    }

    /// <summary>The button of a message that runs a command starting with <paramref name="verb"/> (found by what it does, not its label).</summary>
    private static JsonObject CommandButton(JsonObject message, string verb)
    {
        var buttons = (message["blocks"] as JsonArray ?? [])
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => e!.AsObject())
            .Where(e => e["value"] is JsonValue)
            .ToList();
        return buttons.FirstOrDefault(b => JsonNode.Parse(b["value"]!.GetValue<string>()) is JsonObject value
                && value["verb"]?.GetValue<string>() == "command.run"
                && value["line"]?.GetValue<string>() is { } line
                && (line == verb || line.StartsWith(verb + " ", StringComparison.Ordinal)))
            ?? throw new Xunit.Sdk.XunitException($"No button runs `{verb}`. Buttons: {string.Join(", ", buttons.Select(b => b["value"]))}");
    }
}
