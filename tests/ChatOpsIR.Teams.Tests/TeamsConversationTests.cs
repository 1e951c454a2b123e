using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Teams.Conversations;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Teams.Tests;

/// <summary>What responders see in Teams: commands in channel threads and 1:1 chats, replies posted through the Connector.</summary>
public sealed class TeamsConversationTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private static string Thread(string channel) => $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

    /// <summary>All the text a person reads on a card: its TextRuns and facts.</summary>
    private static string CardText(JsonNode? card) => card is null ? string.Empty : string.Join('\n', Texts(card));

    private static IEnumerable<string> Texts(JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextRun" => [o["text"]!.GetValue<string>()],
        JsonObject o when o["title"] is JsonValue t && o["value"] is JsonValue v && o["type"] is null => [$"{t}: {v}"],
        JsonObject o => o.Select(p => p.Value).Where(v => v is JsonObject or JsonArray).SelectMany(v => Texts(v!)),
        JsonArray a => a.Where(v => v is not null).SelectMany(v => Texts(v!)),
        _ => [],
    };

    private async Task<ConnectorCall> CommandAsync(string channel, string command, string from = TeamsTestHost.Alice)
    {
        var before = host.PostsTo(Thread(channel)).Count;
        var activity = host.Mention(channel, command, from);
        await host.SendOkAsync(activity);
        await host.IdleAsync();
        var posts = host.PostsTo(Thread(channel));
        Assert.Equal(before + 1, posts.Count);
        var reply = posts[^1];
        Assert.Equal("POST", reply.Method);
        Assert.Equal(activity["id"]!.GetValue<string>(), reply.ReplyToId);
        Assert.Equal($"Bearer {host.Connector.AccessToken}", reply.Authorization);
        return reply;
    }

    [Fact]
    public async Task A_whole_incident_runs_from_a_Teams_channel()
    {
        const string channel = "war-room-full";
        var declared = await CommandAsync(channel, "declare Ransomware on file server sev2");
        Assert.StartsWith("INC-", declared.Text);
        Assert.Equal("application/vnd.microsoft.card.adaptive", declared.CardContentType);
        Assert.Equal("1.5", declared.Card!["version"]!.GetValue<string>());
        Assert.Contains("Ransomware on file server", CardText(declared.Card));
        Assert.Contains("Alice Example", CardText(declared.Card));

        var note = await CommandAsync(channel, "note contained FS01 &amp; isolated <b>VLAN 12</b> at 10:05");
        Assert.Contains("contained FS01 & isolated VLAN 12", note.Text);

        await CommandAsync(channel, "sev 1");
        await CommandAsync(channel, "mark contained");
        var role = host.Mention(channel, "role scribe <at>Bob Example</at>");
        role["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>Bob Example</at>",
            ["mentioned"] = new JsonObject { ["id"] = TeamsTestHost.Bob, ["name"] = "Bob Example" },
        });
        await host.SendOkAsync(role);
        await host.IdleAsync();

        var resolved = await CommandAsync(channel, "resolve");
        Assert.Contains("resolved", resolved.Text);

        var timeline = await CommandAsync(channel, "timeline");
        var shown = CardText(timeline.Card);
        Assert.Contains("contained FS01 & isolated VLAN 12", shown);

        var (incident, entries) = await host.IncidentAsync(channel);
        Assert.NotNull(incident);
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal(1, incident.Severity);
        Assert.Equal(TeamsTestHost.Alice, incident.Holder(IncidentRoleKind.Commander)!.Id);
        Assert.Equal(TeamsTestHost.Bob, incident.Holder(IncidentRoleKind.Scribe)!.Id);
        Assert.Equal("Bob Example", incident.Holder(IncidentRoleKind.Scribe)!.DisplayName);
        Assert.All(entries, e => Assert.Equal(Platform.Teams, e.Source));
        var noted = Assert.Single(entries, e => e.Kind == TimelineEntryKind.Note);
        Assert.Equal(TeamsTestHost.Alice, noted.AuthorId);

        // "at 10:05" is read in the sender's zone (Europe/Amsterdam, UTC+1 in November).
        Assert.Equal(new DateTime(2026, 11, 25, 9, 5, 0, DateTimeKind.Utc), noted.OccurredAt);
        Assert.Contains(entries, e => e.KeyMoment == KeyMoment.Contained);
    }

    [Fact]
    public async Task A_role_named_by_typing_a_name_instead_of_a_mention_goes_to_nobody_real()
    {
        const string channel = "war-room-typed-name";
        await CommandAsync(channel, "declare Phishing wave sev3");
        await CommandAsync(channel, "role commander @Bob Example");

        // Alice is still able to act as commander: the typed name did not hand the role to the real Bob.
        var (incident, _) = await host.IncidentAsync(channel);
        Assert.NotEqual(TeamsTestHost.Bob, incident!.Holder(IncidentRoleKind.Commander)!.Id);
        var bobResolves = await CommandAsync(channel, "resolve", from: TeamsTestHost.Bob);
        Assert.Contains("Only the incident commander", bobResolves.Text);
        Assert.Equal(IncidentStatus.Open, (await host.IncidentAsync(channel)).Incident!.Status);
    }

    [Fact]
    public async Task Errors_and_help_are_answered_in_the_thread_of_the_message_that_asked()
    {
        const string channel = "war-room-errors";
        var unknown = await CommandAsync(channel, "frobnicate now");
        Assert.Contains("frobnicate", unknown.Text);
        Assert.NotNull(unknown.Card);

        var noIncident = await CommandAsync(channel, "note nothing open");
        Assert.Contains("no open incident", noIncident.Text);
    }

    [Fact]
    public async Task Commands_in_a_personal_chat_need_no_mention()
    {
        var activity = host.Fixture("activity-personal-message.json");
        activity["id"] = host.NextActivityId();
        activity["text"] = "help";
        await host.SendOkAsync(activity);
        await host.IdleAsync();
        var reply = Assert.Single(host.PostsTo("a:1abc-personal-0001"), c => c.ReplyToId == activity["id"]!.GetValue<string>());
        Assert.Contains("declare", CardText(reply.Card));
        Assert.Contains("/amer/v3/conversations/a%3A1abc-personal-0001/activities", reply.RawTarget);
    }

    [Fact]
    public async Task A_channel_message_that_does_not_mention_the_bot_is_ignored()
    {
        const string channel = "war-room-chatter";
        await CommandAsync(channel, "declare Odd traffic sev4");
        var chatter = host.Mention(channel, "ignored");
        chatter["text"] = "note this is just people talking";
        chatter["entities"] = new JsonArray();
        await host.SendOkAsync(chatter);
        await host.IdleAsync();
        Assert.Single(host.PostsTo(Thread(channel)));
        Assert.Single((await host.IncidentAsync(channel)).Timeline);
    }

    [Fact]
    public async Task With_chat_capture_on_people_talking_goes_into_the_timeline_once()
    {
        const string channel = "war-room-capture";
        await CommandAsync(channel, "declare Odd traffic sev4");
        await CommandAsync(channel, "capture on");
        var chatter = host.Mention(channel, "chatter-1");
        chatter["text"] = "Firewall shows <b>outbound</b> 445 to 203.0.113.7";
        chatter["entities"] = new JsonArray();
        await host.SendOkAsync(chatter);
        await host.SendOkAsync(chatter);
        await host.IdleAsync();

        var timeline = (await host.IncidentAsync(channel)).Timeline;
        var captured = Assert.Single(timeline, e => e.Kind == TimelineEntryKind.ChatMessage);
        Assert.Contains("outbound 445 to 203.0.113.7", captured.Text);
        Assert.DoesNotContain("<b>", captured.Text);
        Assert.Contains(timeline, e => e.Text.StartsWith("Chat capture on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redelivered_activity_changes_nothing_and_is_not_answered_twice()
    {
        const string channel = "war-room-dedupe";
        await CommandAsync(channel, "declare Credential stuffing sev3");
        var note = host.Mention(channel, "note blocked the source range");
        await host.SendOkAsync(note);
        await host.SendOkAsync(note);
        await host.IdleAsync();
        Assert.Equal(2, host.PostsTo(Thread(channel)).Count);
        Assert.Single((await host.IncidentAsync(channel)).Timeline, e => e.Text == "blocked the source range");
    }

    [Fact]
    public async Task A_button_pressed_on_an_old_client_arrives_as_a_message_and_still_works()
    {
        const string channel = "war-room-submit";
        await CommandAsync(channel, "declare Legacy client check sev4");
        var submit = host.Mention(channel, "ignored");
        submit.Remove("text");
        submit["entities"] = new JsonArray();
        submit["value"] = new JsonObject { ["verb"] = "command.run", ["line"] = "note pressed on an old client" };
        await host.SendOkAsync(submit);
        await host.IdleAsync();
        Assert.Contains((await host.IncidentAsync(channel)).Timeline, e => e.Text == "pressed on an old client");
        Assert.Contains("pressed on an old client", host.PostsTo(Thread(channel))[^1].Text);
    }

    [Fact]
    public async Task A_message_in_a_new_thread_of_the_same_channel_reaches_the_same_incident()
    {
        const string channel = "war-room-threads";
        await CommandAsync(channel, "declare Two threads sev3");
        var other = host.Mention(channel, "note from another thread");
        other["conversation"]!["id"] = $"{TeamsTestHost.ChannelId(channel)};messageid=1732539999999";
        await host.SendOkAsync(other);
        await host.IdleAsync();
        Assert.Contains((await host.IncidentAsync(channel)).Timeline, e => e.Text == "from another thread");
        Assert.Single(host.PostsTo($"{TeamsTestHost.ChannelId(channel)};messageid=1732539999999"));
    }

    [Fact]
    public async Task One_bot_token_serves_many_posts()
    {
        const string channel = "war-room-token";
        await CommandAsync(channel, "declare Token reuse check sev4");
        await CommandAsync(channel, "note one");
        await CommandAsync(channel, "note two");
        Assert.Single(host.Connector.TokenRequests);
        var form = host.Connector.TokenRequests[0];
        Assert.Contains("grant_type=client_credentials", form);
        Assert.Contains($"client_id={TeamsTestHost.AppId}", form);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", form);
        Assert.Empty(host.Connector.Refused);
    }

    [Fact]
    public async Task A_personal_chat_makes_the_person_reachable_for_direct_messages_later()
    {
        var activity = host.Fixture("activity-personal-message.json");
        using var response = await host.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var scope = host.App.Services.CreateScope();
        var references = scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>();
        var personal = await references.FindPersonalAsync(TeamsTestHost.Tenant, "29:1abc-alice-0001", CancellationToken.None);
        Assert.NotNull(personal);
        Assert.Equal("a:1abc-personal-0001", personal.ConversationId);
        Assert.Equal("00000000-0000-0000-0000-0000000000a1", personal.UserAadObjectId);
        Assert.Null(await references.FindPersonalAsync("00000000-0000-0000-0000-000000000002", "29:1abc-alice-0001", CancellationToken.None));
    }

    [Fact]
    public async Task Installing_the_bot_stores_the_conversation_reference()
    {
        var activity = host.Fixture("activity-conversation-update-installed.json");
        using var response = await host.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Read back through a new scope, as a reminder job on another host would.
        using var scope = host.App.Services.CreateScope();
        var references = scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>();
        var reference = await references.FindAsync(TeamsTestHost.Tenant, "19:abc-team@thread.tacv2", CancellationToken.None);
        Assert.NotNull(reference);
        Assert.Equal(host.Connector.ServiceUrl, reference.ServiceUrl);
        Assert.Equal(TeamsTestHost.BotId, reference.BotId);
        Assert.Equal("19:abc-team@thread.tacv2", reference.TeamId);
    }
}
