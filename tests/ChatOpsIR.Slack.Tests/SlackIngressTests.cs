using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Slack.Ingress;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

public class SlackIngressTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    private static async Task<string> TimelineTextAsync(SlackApp slack, string team = "T0001", string channel = "C0001") =>
        SlackApp.Text(await slack.CommandAsync("timeline", team, channel));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_declare_fixture_opens_an_incident_in_a_new_war_room(string provider)
    {
        await using var slack = await SlackApp.StartAsync(provider);
        slack.Slack.Answer("conversations.create", body => new JsonObject
        {
            ["ok"] = true,
            ["channel"] = new JsonObject { ["id"] = "C0WAR", ["name"] = body["name"]!.DeepClone() },
        });
        var fixture = SlackSigner.Fixture("slack/slash-command-declare.txt")
            .Replace(Uri.EscapeDataString("https://hooks.slack.com/commands/T0001/0000000001/FAKEfakeFAKEfake0001"), Uri.EscapeDataString(slack.Slack.ResponseUrl("commands/9")), StringComparison.Ordinal);
        var response = await slack.SendCommandAsync(Encoding.UTF8.GetBytes(fixture));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ransomware on file server", SlackApp.Text(await response.Content.ReadFromJsonAsync<JsonObject>()));
        await slack.Slack.WaitForAsync("hooks");
        var card = slack.Slack.CallsTo("chat.postMessage").Single();
        Assert.Contains("INC-0001", SlackApp.Text(card.Body));
        Assert.NotNull(card.Body["blocks"]);
        Assert.Contains("Incident declared: Ransomware on file server (SEV2 (high))", await TimelineTextAsync(slack, channel: "C0WAR"));
    }

    [Fact]
    public async Task Errors_and_help_are_ephemeral()
    {
        await using var slack = await SlackApp.StartAsync();
        var error = await slack.CommandAsync("frobnicate");
        Assert.Equal("ephemeral", error["response_type"]!.GetValue<string>());
        Assert.Contains("frobnicate", SlackApp.Text(error));
        Assert.Equal("ephemeral", (await slack.CommandAsync("help"))["response_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_whole_incident_runs_from_slash_commands()
    {
        await using var slack = await SlackApp.StartAsync();
        var declared = await slack.CommandAsync("declare Leaked deploy key sev2");
        Assert.Equal("in_channel", declared["response_type"]!.GetValue<string>());
        Assert.NotNull(declared["blocks"]);
        await slack.CommandAsync("note Key revoked at 10:05");
        await slack.CommandAsync("status Contained; rotating keys");
        await slack.CommandAsync("sev 1");
        Assert.Contains("is now scribe", SlackApp.Text(await slack.CommandAsync("role scribe <@U0002|bob>")));
        await slack.CommandAsync("mark contained");
        var notCommander = await slack.CommandAsync("resolve", user: "U0002");
        Assert.Contains("Only the incident commander", SlackApp.Text(notCommander));
        Assert.Contains("Resolved by alice", SlackApp.Text(await slack.CommandAsync("resolve")));

        var timeline = await TimelineTextAsync(slack);
        foreach (var expected in new[] { "Key revoked", "Status: Contained; rotating keys", "SEV1", "bob is now scribe", "Key moment: Contained", "Incident resolved by alice" })
        {
            Assert.Contains(expected, timeline);
        }
    }

    [Fact]
    public async Task Slack_markup_in_a_note_is_stored_as_readable_text_and_never_pings_anyone_back()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Outage");
        await slack.CommandAsync("note Paged <!channel> and <@U0002|bob> about <https://status.example.org|the status page> &amp; more");

        var timeline = await slack.CommandAsync("timeline");
        var text = SlackApp.Text(timeline);
        Assert.Contains("Paged @channel and @bob about the status page (https://status.example.org) &amp; more", text);
        Assert.DoesNotContain("<!channel>", text);
        Assert.DoesNotContain("<@U0002", text);
    }

    [Fact]
    public async Task One_workspace_never_sees_another_workspaces_incident_in_a_channel_with_the_same_id()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Secret incident of T0001");
        Assert.Contains("No incident has been declared", await TimelineTextAsync(slack, team: "T0002"));
        Assert.Contains("no open incident", SlackApp.Text(await slack.CommandAsync("note hello", team: "T0002")), StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string> BadSignatures => ["wrong-secret", "body-changed", "too-old", "too-new", "missing-headers", "v1-prefix", "not-a-number"];

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Forged_replayed_or_unsigned_requests_get_401_and_change_nothing(string flaw)
    {
        await using var slack = await SlackApp.StartAsync();
        var body = SlackApp.Command("declare Forged incident sev1");
        var request = flaw switch
        {
            "wrong-secret" => slack.Signer.Request("/api/slack/commands", body, "application/x-www-form-urlencoded", secretOverride: "another-secret"),
            "too-old" => slack.Signer.Request("/api/slack/commands", body, "application/x-www-form-urlencoded", TimeSpan.FromSeconds(-301)),
            "too-new" => slack.Signer.Request("/api/slack/commands", body, "application/x-www-form-urlencoded", TimeSpan.FromSeconds(301)),
            _ => slack.Signer.Request("/api/slack/commands", body, "application/x-www-form-urlencoded"),
        };
        switch (flaw)
        {
            case "body-changed":
                var changed = (byte[])body.Clone();
                changed[^1] ^= 0x01;
                var headers = request.Headers.ToList();
                request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/commands") { Content = new ByteArrayContent(changed) };
                foreach (var header in headers)
                {
                    request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                break;
            case "missing-headers":
                request.Headers.Remove("X-Slack-Signature");
                request.Headers.Remove("X-Slack-Request-Timestamp");
                break;
            case "v1-prefix":
                var signature = request.Headers.GetValues("X-Slack-Signature").Single();
                request.Headers.Remove("X-Slack-Signature");
                request.Headers.Add("X-Slack-Signature", "v1=" + signature[3..]);
                break;
            case "not-a-number":
                request.Headers.Remove("X-Slack-Request-Timestamp");
                request.Headers.Add("X-Slack-Request-Timestamp", "17325300a0");
                break;
        }

        var response = await slack.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Contains("No incident has been declared", await TimelineTextAsync(slack));
    }

    [Fact]
    public async Task A_replay_at_exactly_five_minutes_is_still_accepted_and_one_second_more_is_not()
    {
        await using var slack = await SlackApp.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await slack.SendCommandAsync(SlackApp.Command("help"), TimeSpan.FromSeconds(-300))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await slack.SendCommandAsync(SlackApp.Command("help"), TimeSpan.FromSeconds(-301))).StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_gets_413_before_anything_is_parsed()
    {
        await using var slack = await SlackApp.StartAsync();
        var body = SlackApp.Command("note " + new string('x', 70_000));
        var response = await slack.SendCommandAsync(body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Url_verification_echoes_the_challenge()
    {
        await using var slack = await SlackApp.StartAsync();
        var response = await slack.SendEventAsync(SlackSigner.Fixture("slack/event-url-verification.json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = JsonNode.Parse(SlackSigner.Fixture("slack/event-url-verification.json"))!["challenge"]!.GetValue<string>();
        Assert.Equal(expected, (await response.Content.ReadFromJsonAsync<JsonObject>())!["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_gets_400()
    {
        await using var slack = await SlackApp.StartAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await slack.SendEventAsync("{not json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await slack.SendInteractionAsync("[1,2")).StatusCode);
    }

    [Fact]
    public async Task An_app_mention_runs_the_command_posts_the_answer_and_a_retry_changes_nothing()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Ransomware on file server sev2");
        var mention = SlackSigner.Fixture("slack/event-app-mention.json");

        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(mention)).StatusCode);
        var posted = await slack.Slack.WaitForAsync("chat.postMessage");
        Assert.Equal($"Bearer {SlackApp.Token}", posted[0].Authorization);
        Assert.Equal("C0001", posted[0].Body["channel"]!.GetValue<string>());
        Assert.Contains("contained FS01", SlackApp.Text(posted[0].Body));

        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(mention, retry: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(mention, retry: 2)).StatusCode);
        await Task.Delay(300);
        Assert.Single(slack.Slack.CallsTo("chat.postMessage"));
        var timeline = await TimelineTextAsync(slack);
        Assert.Equal(1, CountOf(timeline, "contained FS01"));
    }

    [Fact]
    public async Task The_bots_own_messages_are_ignored()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Outage");
        var own = JsonNode.Parse(SlackSigner.Fixture("slack/event-app-mention.json"))!;
        own["event"]!["user"] = "U0009";
        own["event_id"] = "Ev0099OWN";
        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(own.ToJsonString())).StatusCode);
        await Task.Delay(300);
        Assert.Empty(slack.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task The_add_to_timeline_shortcut_copies_the_message_with_its_author_and_time_once()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Ransomware on file server sev2");
        slack.Slack.Answer("users.info", body => new JsonObject
        {
            ["ok"] = true,
            ["user"] = new JsonObject { ["id"] = body["user"]!.DeepClone(), ["name"] = "carol.w", ["profile"] = new JsonObject { ["display_name"] = "carol" } },
        });
        var shortcut = JsonNode.Parse(SlackSigner.Fixture("slack/interaction-message-shortcut.json"))!;
        shortcut["response_url"] = slack.Slack.ResponseUrl();

        Assert.Equal(HttpStatusCode.OK, (await slack.SendInteractionAsync(shortcut.ToJsonString())).StatusCode);
        var confirmation = await slack.Slack.WaitForAsync("hooks");
        Assert.Contains("Added to the INC-0001 timeline", SlackApp.Text(confirmation[0].Body));
        Assert.Equal("ephemeral", confirmation[0].Body["response_type"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await slack.SendInteractionAsync(shortcut.ToJsonString())).StatusCode);
        var second = await slack.Slack.WaitForAsync("hooks", 2);
        Assert.Contains("already in the INC-0001 timeline", SlackApp.Text(second[1].Body));

        var timeline = await TimelineTextAsync(slack);
        Assert.Equal(1, CountOf(timeline, "carol: EDR flagged vssadmin delete shadows on FS01 at 13:58"));
        Assert.Single(slack.Slack.CallsTo("users.info"));
        // Posted at ts 1732529000 = 2024-11-25 10:03:20 UTC, recorded at 10:30: shown at its own time.
        Assert.Contains("11-25 10:03", timeline);
    }

    [Fact]
    public async Task The_pin_reaction_copies_the_message_into_the_timeline_once()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Ransomware on file server sev2");
        slack.Slack.Answer("conversations.history", _ => new JsonObject
        {
            ["ok"] = true,
            ["messages"] = new JsonArray(new JsonObject { ["user"] = "U0003", ["ts"] = "1732530300.000300", ["text"] = "Blocked outbound 445 to 203.0.113.7 on the edge firewall <!here>" }),
        });
        var reaction = SlackSigner.Fixture("slack/event-reaction-added.json");

        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(reaction)).StatusCode);
        var read = (await slack.Slack.WaitForAsync("conversations.history"))[0].Body;
        Assert.Equal("C0001", read["channel"]!.GetValue<string>());
        Assert.Equal(read["oldest"]!.GetValue<string>(), read["latest"]!.GetValue<string>());
        await WaitUntilAsync(async () => (await TimelineTextAsync(slack)).Contains("Blocked outbound 445", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(reaction, retry: 1)).StatusCode);
        await slack.Slack.WaitForAsync("conversations.history", 2);
        await Task.Delay(300);

        var timeline = await TimelineTextAsync(slack);
        Assert.Equal(1, CountOf(timeline, "Blocked outbound 445 to 203.0.113.7 on the edge firewall @here"));
    }

    [Fact]
    public async Task A_card_button_runs_its_command_and_answers_through_the_response_url()
    {
        await using var slack = await SlackApp.StartAsync();
        var declared = await slack.CommandAsync("declare Outage sev2");
        var button = declared["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .First(e => e!["text"]!["text"]!.GetValue<string>() == "Timeline")!.AsObject();

        var press = JsonNode.Parse(SlackSigner.Fixture("slack/interaction-block-actions.json"))!;
        press["response_url"] = slack.Slack.ResponseUrl("actions/1");
        press["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = button["action_id"]!.GetValue<string>(),
            ["block_id"] = "b1",
            ["value"] = button["value"]!.GetValue<string>(),
            ["action_ts"] = "1732530060.123456",
        });

        Assert.Equal(HttpStatusCode.OK, (await slack.SendInteractionAsync(press.ToJsonString())).StatusCode);
        var answer = await slack.Slack.WaitForAsync("hooks");
        Assert.Contains("Timeline", SlackApp.Text(answer[0].Body));
        Assert.Contains("INC-0001", SlackApp.Text(answer[0].Body));
    }

    [Fact]
    public async Task A_choice_from_an_overflow_menu_runs_exactly_like_the_button_it_stands_for()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Outage sev2");

        // A card with five buttons: the last two are offered in the "…" overflow menu, carrying the buttons' own values.
        var card = new ChatOpsIR.Core.Cards.Card("Outage", [], [
            ChatOpsIR.Core.Cards.CardButton.Command("Timeline", "timeline"),
            ChatOpsIR.Core.Cards.CardButton.Command("Status", "status Investigating"),
            ChatOpsIR.Core.Cards.CardButton.Command("Help", "help"),
            ChatOpsIR.Core.Cards.CardButton.Command("Mark contained", "mark contained"),
            ChatOpsIR.Core.Cards.CardButton.Command("Action items", "actions"),
        ]);
        var elements = ChatOpsIR.Slack.BlockKit.BlockKitRenderer.RenderMessages(card).Single()["blocks"]!.AsArray()
            .Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        Assert.Equal(["button", "button", "button", "overflow"], elements.Select(e => e!["type"]!.GetValue<string>()));
        var overflow = elements[3]!;
        var option = overflow["options"]!.AsArray().Single(o => o!["text"]!["text"]!.GetValue<string>() == "Mark contained")!;

        var press = JsonNode.Parse(SlackSigner.Fixture("slack/interaction-block-actions.json"))!;
        press["response_url"] = slack.Slack.ResponseUrl("actions/overflow");
        press["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "overflow",
            ["action_id"] = overflow["action_id"]!.GetValue<string>(),
            ["block_id"] = "b1",
            ["selected_option"] = option.DeepClone(),
            ["action_ts"] = "1732530060.123456",
        });

        Assert.Equal(HttpStatusCode.OK, (await slack.SendInteractionAsync(press.ToJsonString())).StatusCode);
        // The fixture's message is another card, which the answer replaces first; then comes the answer itself.
        var calls = await slack.Slack.WaitForAsync("hooks", 2);
        Assert.Contains(calls, call => SlackApp.Text(call.Body).Contains("contained", StringComparison.OrdinalIgnoreCase) && SlackApp.Text(call.Body).Contains("INC-0001", StringComparison.Ordinal));
        Assert.Contains("Key moment: Contained", await TimelineTextAsync(slack));
    }

    [Fact]
    public async Task A_response_url_on_another_host_is_never_called()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Outage");
        var shortcut = JsonNode.Parse(SlackSigner.Fixture("slack/interaction-message-shortcut.json"))!;
        shortcut["response_url"] = slack.Slack.ResponseUrl().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await slack.SendInteractionAsync(shortcut.ToJsonString())).StatusCode);
        await Task.Delay(300);
        Assert.Empty(slack.Slack.CallsTo("hooks"));
    }

    [Fact]
    public async Task Declare_with_new_channel_creates_the_war_room_posts_and_pins_the_card_and_says_where_it_is()
    {
        await using var slack = await SlackApp.StartAsync();
        slack.Slack.Script("conversations.create", () => FakeSlackApi.Status(HttpStatusCode.OK, "{\"ok\":false,\"error\":\"name_taken\"}"));
        slack.Slack.Answer("conversations.create", body => new JsonObject
        {
            ["ok"] = true,
            ["channel"] = new JsonObject { ["id"] = "C0NEW", ["name"] = body["name"]!.DeepClone() },
        });
        var responseUrl = slack.Slack.ResponseUrl("commands/1");
        var response = await slack.SendCommandAsync(SlackApp.Command("declare Ransomware on file server sev2 new-channel", responseUrl: responseUrl));
        var ack = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("ephemeral", ack["response_type"]!.GetValue<string>());
        Assert.Contains("Opening a war-room channel", SlackApp.Text(ack));

        var told = await slack.Slack.WaitForAsync("hooks");
        var creates = slack.Slack.CallsTo("conversations.create");
        Assert.Equal("inc-20241125-ransomware-on-file-server", creates[0].Body["name"]!.GetValue<string>());
        Assert.Equal("inc-20241125-ransomware-on-file-server-2", creates[1].Body["name"]!.GetValue<string>());
        Assert.Equal("U0001", slack.Slack.CallsTo("conversations.invite").Single().Body["users"]!.GetValue<string>());
        var card = slack.Slack.CallsTo("chat.postMessage").Single();
        Assert.Equal("C0NEW", card.Body["channel"]!.GetValue<string>());
        Assert.Contains("INC-0001", SlackApp.Text(card.Body));
        Assert.Equal("C0NEW", slack.Slack.CallsTo("pins.add").Single().Body["channel"]!.GetValue<string>());
        Assert.Equal("in_channel", told[0].Body["response_type"]!.GetValue<string>());
        Assert.Contains("<#C0NEW>", SlackApp.Text(told[0].Body));

        // The incident lives in the new channel, not where the command was typed.
        Assert.Contains("Incident declared", await TimelineTextAsync(slack, channel: "C0NEW"));
        Assert.Contains("No incident has been declared", await TimelineTextAsync(slack));
    }

    [Fact]
    public async Task When_slack_refuses_to_create_the_channel_the_declarer_is_told_why_and_nothing_is_declared()
    {
        await using var slack = await SlackApp.StartAsync();
        slack.Slack.Answer("conversations.create", _ => new JsonObject { ["ok"] = false, ["error"] = "missing_scope" });
        await slack.SendCommandAsync(SlackApp.Command("declare Outage <!channel> new-channel", responseUrl: slack.Slack.ResponseUrl("commands/2")));

        var told = await slack.Slack.WaitForAsync("hooks");
        Assert.Equal("ephemeral", told[0].Body["response_type"]!.GetValue<string>());
        Assert.Contains("channels:manage", SlackApp.Text(told[0].Body));
        Assert.DoesNotContain("<!channel>", told[0].Body.ToJsonString());
        Assert.Empty(slack.Slack.CallsTo("chat.postMessage"));
        Assert.Contains("No incident has been declared", await TimelineTextAsync(slack));
    }

    [Theory]
    [InlineData("Ransomware on file server", "inc-20261125-ransomware-on-file-server")]
    [InlineData("Données clients exposées !!", "inc-20261125-donnees-clients-exposees")]
    [InlineData("***", "inc-20261125")]
    public void War_room_channel_names_follow_slacks_rules(string title, string expected)
    {
        var name = SlackWarRoom.ChannelName(title, new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc));
        Assert.Equal(expected, name);
        Assert.Matches("^[a-z0-9-]{1,80}$", name);
        Assert.InRange(SlackWarRoom.ChannelName(new string('a', 300), DateTime.UtcNow).Length, 1, 80);
    }

    [Fact]
    public async Task Opening_the_app_home_shows_my_incidents_and_action_items_of_my_workspace_only()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Leaked deploy key sev1");
        await slack.CommandAsync("action <@U0001|alice> +7d Rotate every deploy key");
        await slack.CommandAsync("declare Other workspace incident", team: "T0002", channel: "C0009");
        var home = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T0001",
            ["api_app_id"] = "A0001",
            ["event_id"] = "Ev0010HOME",
            ["event_time"] = 1732530600,
            ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U0001", ["channel"] = "D0001", ["tab"] = "home" },
        };

        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(home.ToJsonString())).StatusCode);
        var published = (await slack.Slack.WaitForAsync("views.publish")).Single().Body;
        Assert.Equal("U0001", published["user_id"]!.GetValue<string>());
        Assert.Equal("home", published["view"]!["type"]!.GetValue<string>());
        var text = SlackApp.Text(published);
        Assert.Contains("Leaked deploy key", text);
        Assert.Contains("you are commander", text);
        Assert.Contains("Rotate every deploy key", text);
        Assert.Contains("A1", text);
        Assert.DoesNotContain("Other workspace incident", text);
    }

    [Fact]
    public async Task A_bare_declare_opens_a_modal_whose_errors_show_under_the_fields_and_whose_submission_declares()
    {
        await using var slack = await SlackApp.StartAsync();
        var response = await slack.SendCommandAsync(SlackApp.Command("declare"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var opened = slack.Slack.CallsTo("views.open").Single().Body;
        Assert.Equal("1.1.fake", opened["trigger_id"]!.GetValue<string>());
        var view = opened["view"]!.AsObject();
        Assert.Equal("modal", view["type"]!.GetValue<string>());
        Assert.Equal("declare.submit", view["callback_id"]!.GetValue<string>());

        JsonObject Submission(string title, string severity) => new()
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = "T0001" },
            ["user"] = new JsonObject { ["id"] = "U0001", ["name"] = "alice" },
            ["view"] = new JsonObject
            {
                ["id"] = "V1",
                ["callback_id"] = view["callback_id"]!.DeepClone(),
                ["private_metadata"] = view["private_metadata"]!.DeepClone(),
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject
                    {
                        ["declare.title"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = title } },
                        ["declare.severity"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = severity } } },
                        ["declare.exercise"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = "real" } } },
                    },
                },
            },
        };

        var invalid = await slack.SendInteractionAsync(Submission("", "2").ToJsonString());
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("errors", errors["response_action"]!.GetValue<string>());
        Assert.Contains("title", errors["errors"]!["declare.title"]!.GetValue<string>());
        Assert.Contains("No incident has been declared", await TimelineTextAsync(slack));

        var valid = await slack.SendInteractionAsync(Submission("Ransomware <!channel>", "2").ToJsonString());
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(string.Empty, await valid.Content.ReadAsStringAsync());
        var posted = (await slack.Slack.WaitForAsync("chat.postMessage")).Single().Body;
        Assert.Equal("C0001", posted["channel"]!.GetValue<string>());
        Assert.Contains("INC-0001", SlackApp.Text(posted));
        Assert.DoesNotContain("<!channel>", posted.ToJsonString());
        // Modal input is literal text, not Slack markup: kept as typed, and escaped wherever it is shown.
        Assert.Contains("Incident declared: Ransomware &lt;!channel&gt; (SEV2 (high))", await TimelineTextAsync(slack));
    }

    [Fact]
    public async Task Channel_messages_go_into_the_timeline_only_while_capture_is_on_and_only_once()
    {
        await using var slack = await SlackApp.StartAsync();
        await slack.CommandAsync("declare Ransomware on file server sev2");
        var message = SlackSigner.Fixture("slack/event-message-channel.json");
        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(message)).StatusCode);
        Assert.DoesNotContain("Blocked outbound 445", await TimelineTextAsync(slack));

        Assert.Contains("Chat capture on", SlackApp.Text(await slack.CommandAsync("capture on")));
        var again = JsonNode.Parse(message)!;
        again["event_id"] = "Ev0001MESSAGE-later";
        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(again.ToJsonString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await slack.SendEventAsync(again.ToJsonString(), retry: 1)).StatusCode);

        var command = JsonNode.Parse(message)!;
        command["event_id"] = "Ev0004COMMAND";
        command["event"]!["ts"] = "1732530400.000400";
        command["event"]!["text"] = "<@U0009> note contained FS01";
        await slack.SendEventAsync(command.ToJsonString());

        var timeline = await TimelineTextAsync(slack);
        Assert.Equal(1, CountOf(timeline, "Blocked outbound 445 to 203.0.113.7 on the edge firewall @here"));
        Assert.DoesNotContain("note contained FS01", timeline);
    }

    [Fact]
    public async Task A_new_war_room_captures_its_chat_from_the_start()
    {
        await using var slack = await SlackApp.StartAsync();
        slack.Slack.Answer("conversations.create", body => new JsonObject
        {
            ["ok"] = true,
            ["channel"] = new JsonObject { ["id"] = "C0WAR", ["name"] = body["name"]!.DeepClone() },
        });
        await slack.SendCommandAsync(SlackApp.Command("declare Leaked key sev1 new-channel", responseUrl: slack.Slack.ResponseUrl("commands/3")));
        await slack.Slack.WaitForAsync("hooks");

        var message = JsonNode.Parse(SlackSigner.Fixture("slack/event-message-channel.json"))!;
        message["event"]!["channel"] = "C0WAR";
        await slack.SendEventAsync(message.ToJsonString());
        Assert.Contains("Blocked outbound 445", await TimelineTextAsync(slack, channel: "C0WAR"));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The condition did not become true.");
    }
}
