using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Slack.BlockKit;
using ChatOpsIR.Slack.Ingress;

namespace ChatOpsIR.Slack.Tests;

public class BlockKitRendererTests
{
    private const string Hostile = "<!channel> & <@U0001> <https://evil|click> *x* <!here> <!subteam^S0001> <!date^1732530000^{date_short}|x>";

    [Fact]
    public void Hostile_text_in_any_part_of_a_card_never_reaches_slack_as_markup()
    {
        var card = new Card(Hostile,
        [
            new TextElement(Hostile),
            new TextElement(Hostile, TextStyle.Heading),
            new TextElement(Hostile, TextStyle.Subtle),
            new TextElement(Hostile, TextStyle.Monospace),
            new TextElement(Hostile, TextStyle.Error),
            new FactsElement([new Fact(Hostile, Hostile)]),
            new ListElement([new ListItem(Hostile, Hostile, Hostile)]),
            new ListElement([], Hostile),
            new InputElement("note", Hostile, InputKind.MultilineText) { Placeholder = Hostile, Value = Hostile },
            new InputElement("pick", Hostile, InputKind.Choice) { Choices = [new Choice(Hostile, "a"), new Choice(Hostile, "b")] },
        ],
        [new CardButton(Hostile, "verb", new Dictionary<string, string> { ["k"] = Hostile }) { Confirm = Hostile }])
        {
            Subtitle = Hostile,
            Badge = Hostile,
        };

        var messages = RenderChecked(card);
        var modal = ModalChecked(card);
        var reply = RenderTextChecked(Hostile);

        var mrkdwn = messages.Append(modal).Append(reply).SelectMany(MrkdwnTexts).ToList();
        var fallbacks = messages.Append(reply).Select(m => (string)m["text"]!).ToList();
        Assert.True(mrkdwn.Count >= 12, $"only {mrkdwn.Count} mrkdwn texts were rendered");
        Assert.All(mrkdwn.Concat(fallbacks), text =>
        {
            Assert.DoesNotContain('<', text);
            Assert.DoesNotContain('>', text);
            Assert.Contains("&lt;!channel&gt; &amp; &lt;@U0001&gt; &lt;https://evil|click&gt;", text);
        });
    }

    [Fact]
    public void User_text_is_escaped_exactly_as_the_fixture_shows()
    {
        var submitted = (string)Fixture("slack", "interaction-view-submission.json")["view"]!["state"]!["values"]!["rc.description"]!["value"]!["value"]!;
        var expectedSection = (string)Fixture("blockkit", "example-postmortem-step.json")["blocks"]!.AsArray()
            .Single(b => (string?)b!["block_id"] == "pm.step.3.cause1.r3")!["text"]!["text"]!;
        var expected = expectedSection[(expectedSection.IndexOf('\n') + 1)..];

        Assert.EndsWith("&lt;!channel&gt; &amp; more", expected);
        Assert.Equal(expected, BlockKitRenderer.EscapeMrkdwn(submitted));

        var section = Blocks(RenderChecked(new Card("Root causes", [new TextElement(submitted)])).Single()).Single(b => Type(b) == "section");
        Assert.Equal(expected, (string)section["text"]!["text"]!);
        Assert.True((bool)section["text"]!["verbatim"]!);
    }

    [Fact]
    public void Escaping_replaces_the_ampersand_first_and_drops_control_characters_but_keeps_line_breaks()
    {
        Assert.Equal("&amp;lt; &amp;amp; &lt;b&gt;", BlockKitRenderer.EscapeMrkdwn("&lt; &amp; <b>"));
        Assert.Equal("ab\nc d\ne", BlockKitRenderer.EscapeMrkdwn("a\u0007b\r\nc\td\u202E\ne\0"));
        Assert.Equal("*bold* _it_ `code`", BlockKitRenderer.EscapeMrkdwn("*bold* _it_ `code`"));
    }

    [Fact]
    public void A_card_renders_as_header_context_sections_and_buttons_with_links_unfurled_nowhere()
    {
        var card = new Card("Post-mortem 3 of 9: Root causes",
            [new FactsElement([new Fact("Incident", "INC-0001"), new Fact("Severity", "sev2")]), new TextElement("What else enabled this?", TextStyle.Subtle)],
            [CardButton.Command("Continue", "pm next", ButtonStyle.Primary)])
        {
            Badge = "EXERCISE",
            Subtitle = "Ransomware on FS01",
            Tone = CardTone.Attention,
        };

        var message = RenderChecked(card).Single();
        Assert.Equal("Post-mortem 3 of 9: Root causes: Ransomware on FS01", (string)message["text"]!);
        Assert.False((bool)message["unfurl_links"]!);
        Assert.False((bool)message["unfurl_media"]!);
        Assert.Equal(["header", "context", "section", "context", "actions"], Blocks(message).Select(Type));
        var header = Blocks(message)[0]["text"]!;
        Assert.Equal("Post-mortem 3 of 9: Root causes", (string)header["text"]!);
        Assert.False((bool)header["emoji"]!);
        Assert.Equal(["*EXERCISE*", "Ransomware on FS01"], Blocks(message)[1]["elements"]!.AsArray().Select(e => (string)e!["text"]!));
        Assert.Equal(["*Incident*\nINC-0001", "*Severity*\nsev2"], Blocks(message)[2]["fields"]!.AsArray().Select(f => (string)f!["text"]!));
        var button = Blocks(message)[4]["elements"]![0]!;
        Assert.Equal("primary", (string)button["style"]!);
        Assert.Equal("""{"verb":"command.run","line":"pm next"}""", (string)button["value"]!);
    }

    [Fact]
    public void Sixty_facts_become_six_sections_of_ten_fields_in_order()
    {
        var facts = Enumerable.Range(1, 60).Select(i => new Fact($"Fact {i}", $"value {i}")).ToList();

        var message = RenderChecked(new Card("Facts", [new FactsElement(facts)])).Single();

        var sections = Blocks(message).Where(b => Type(b) == "section").ToList();
        Assert.Equal(6, sections.Count);
        var fields = sections.SelectMany(s => s["fields"]!.AsArray()).Select(f => (string)f!["text"]!).ToList();
        Assert.Equal(facts.Select(f => $"*{f.Title}*\n{f.Value}"), fields);
    }

    [Fact]
    public void Two_hundred_list_lines_are_packed_into_several_sections_in_order()
    {
        var items = Enumerable.Range(1, 200)
            .Select(i => new ListItem($"Step {i:000} isolated a host & rotated its credentials", $"10:{i % 60:00}", $"by responder {i}"))
            .ToList();

        var message = RenderChecked(new Card("Timeline", [new ListElement(items)])).Single();

        var sections = Blocks(message).Where(b => Type(b) == "section").ToList();
        Assert.InRange(sections.Count, 4, 10);
        var lines = sections.SelectMany(s => ((string)s["text"]!["text"]!).Split('\n')).ToList();
        Assert.Equal(200, lines.Count);
        Assert.Equal("`10:01` Step 001 isolated a host &amp; rotated its credentials _by responder 1_", lines[0]);
        Assert.Equal(items.Select(i => i.Text.Replace("&", "&amp;")), lines.Select(l => l[(l.IndexOf("` ") + 2)..l.IndexOf(" _by")]));
    }

    [Fact]
    public void Ten_thousand_characters_of_text_are_split_into_sections_without_losing_or_breaking_any()
    {
        var words = Enumerable.Range(0, 1400).Select(i => i % 7 == 0 ? "R&D<x>" : $"word{i}");
        var text = string.Join(' ', words);
        Assert.True(text.Length > 10_000);

        var message = RenderChecked(new Card("Notes", [new TextElement(text)])).Single();

        var pieces = Blocks(message).Where(b => Type(b) == "section").Select(b => (string)b["text"]!["text"]!).ToList();
        Assert.InRange(pieces.Count, 4, 6);
        Assert.Equal(BlockKitRenderer.EscapeMrkdwn(text), string.Join(' ', pieces));
    }

    [Fact]
    public void A_huge_text_reply_stays_one_valid_message()
    {
        var reply = RenderTextChecked(string.Concat(Enumerable.Repeat("a<b> ", 60_000)));

        Assert.Equal(50, Blocks(reply).Count);
        Assert.EndsWith("…", (string)reply["text"]!);
    }

    [Fact]
    public void Every_string_too_long_for_slack_is_cut_with_an_ellipsis()
    {
        var huge = string.Concat(Enumerable.Repeat("&<", 2600));
        var card = new Card(new string('T', 500),
            [
                new TextElement(huge, TextStyle.Heading),
                new TextElement(huge, TextStyle.Subtle),
                new TextElement(huge + "\n" + huge, TextStyle.Monospace),
                new FactsElement([new Fact(huge, huge), new Fact("", huge)]),
                new ListElement([new ListItem(huge, huge, huge)]),
                new InputElement(new string('i', 255), huge, InputKind.Text) { Placeholder = huge, Value = huge, MaxLength = 9000 },
                new InputElement("choose", huge, InputKind.Choice) { Choices = Enumerable.Range(0, 250).Select(i => new Choice(huge, $"c{i}")).ToList() },
            ],
            [new CardButton(huge, "a.verb", new Dictionary<string, string>()) { Confirm = huge, Style = ButtonStyle.Danger }])
        {
            Subtitle = huge,
            Badge = huge,
        };

        var message = RenderChecked(card).Single();
        var modal = ModalChecked(card);

        var header = (string)Blocks(message)[0]["text"]!["text"]!;
        Assert.Equal(150, header.Length);
        Assert.EndsWith("…", header);
        Assert.Equal(24, ((string)modal["title"]!["text"]!).Length);
        var confirm = Blocks(message).Single(b => Type(b) == "actions")["elements"]![0]!["confirm"]!;
        Assert.Equal("danger", (string)confirm["style"]!);
        Assert.EndsWith("…", (string)confirm["text"]!["text"]!);
        var select = Blocks(modal).Single(b => (string?)b["block_id"] == "choose")["element"]!;
        Assert.Equal(3, select["option_groups"]!.AsArray().Count);
    }

    [Fact]
    public void More_than_fifty_blocks_are_split_into_messages_with_the_buttons_on_the_last()
    {
        var body = Enumerable.Range(1, 120).Select(i => (CardElement)new TextElement($"Entry {i}")).ToList();
        var card = new Card("Timeline for INC-0001", body, [CardButton.Command("Export", "timeline export")]) { Subtitle = "sev2" };

        var messages = RenderChecked(card);

        Assert.Equal(3, messages.Count);
        Assert.Equal("Timeline for INC-0001", (string)Blocks(messages[0])[0]["text"]!["text"]!);
        Assert.All(messages.Skip(1), m => Assert.Equal("Timeline for INC-0001 (continued)", (string)Blocks(m)[0]["text"]!["text"]!));
        Assert.All(messages.Skip(1), m => Assert.EndsWith("(continued)", (string)m["text"]!));
        Assert.Equal([false, false, true], messages.Select(m => Blocks(m).Any(b => Type(b) == "actions")));
        var entries = messages.SelectMany(Blocks).Where(b => Type(b) == "section").Select(b => (string)b["text"]!["text"]!);
        Assert.Equal(body.Select(e => ((TextElement)e).Text), entries);
    }

    [Fact]
    public void Buttons_keep_their_actions_block_whole_when_the_message_is_nearly_full()
    {
        var body = Enumerable.Range(1, 48).Select(i => (CardElement)new TextElement($"Entry {i}")).ToList();
        var buttons = Enumerable.Range(1, 30).Select(i => CardButton.Command($"B{i}", $"cmd {i}")).ToList();

        var messages = RenderChecked(new Card("Title", body, buttons));

        // 3 buttons, 5 in the overflow, 22 more buttons: 26 elements, two actions blocks kept together on the second message.
        Assert.Equal(2, messages.Count);
        Assert.Equal(["header", "actions", "actions"], Blocks(messages[1]).Select(Type));
    }

    [Fact]
    public void Buttons_round_trip_through_ReadButton()
    {
        var buttons = Enumerable.Range(0, 30)
            .Select(i => new CardButton($"Button {i}", $"pm.step.{i}", new Dictionary<string, string>
            {
                ["incident"] = "INC-0001",
                ["quote"] = "\"<!channel>\" & naïve 😀",
                ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }))
            .Append(CardButton.Command("Declare", "declare Ransomware on FS01 sev2"))
            .ToList();

        var message = RenderChecked(new Card("Buttons", [], buttons)).Single();

        // Three buttons, the 23 beyond the overflow's five options as buttons, then the overflow: 27 elements in two blocks.
        var actionBlocks = Blocks(message).Where(b => Type(b) == "actions").ToList();
        Assert.Equal([25, 2], actionBlocks.Select(b => b["elements"]!.AsArray().Count));
        Assert.Equal(5, actionBlocks[1]["elements"]![1]!["options"]!.AsArray().Count);
        var read = actionBlocks
            .SelectMany(block => block["elements"]!.AsArray().SelectMany(element => ReadAll(element!.AsObject(), (string)block["block_id"]!)))
            .ToList();
        Assert.All(read, r => Assert.NotNull(r));
        Assert.Equal(
            buttons.Select(b => Key(b.Verb, b.Data)).Order(StringComparer.Ordinal),
            read.Select(r => Key(r!.Value.Verb, r.Value.Data)).Order(StringComparer.Ordinal));
        Assert.Equal(buttons.Take(3).Select(b => b.Verb), read.Take(3).Select(r => r!.Value.Verb));
    }

    [Fact]
    public void ReadButton_refuses_values_it_did_not_write()
    {
        var fixtureAction = Fixture("slack", "interaction-block-actions.json")["actions"]![0]!.AsObject();
        Assert.Null(SlackPayloadReader.ReadButton(fixtureAction));

        foreach (var value in new[] { "not json", "[1]", """{"verb":1}""", """{"verb":"a","verb":"b"}""", """{"verb":"a","k":{"x":1}}""", """{"verb":""}""", """{"k":"v"}""" })
        {
            Assert.Null(SlackPayloadReader.ReadButton(new JsonObject { ["type"] = "button", ["action_id"] = "b0.a", ["value"] = value }));
        }

        Assert.Null(SlackPayloadReader.ReadButton(new JsonObject { ["type"] = "static_select", ["value"] = """{"verb":"a"}""" }));
        Assert.Null(SlackPayloadReader.ReadButton(new JsonObject { ["type"] = "button" }));
    }

    [Fact]
    public void Button_data_too_big_for_slack_or_using_the_verb_key_is_refused()
    {
        var big = new CardButton("Big", "verb", new Dictionary<string, string> { ["blob"] = new string('x', 2000) });
        var clash = new CardButton("Clash", "verb", new Dictionary<string, string> { ["verb"] = "other" });

        Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderMessages(new Card("t", [], [big])));
        Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderMessages(new Card("t", [], [clash])));
    }

    [Fact]
    public void A_button_with_a_confirmation_question_opens_a_slack_confirm_dialog()
    {
        var card = new Card("Close INC-0001", [], [
            CardButton.Command("Close incident", "close INC-0001", ButtonStyle.Danger, confirm: "Close INC-0001 for everyone?"),
            CardButton.Command("Keep open", "noop"),
        ]);

        var elements = Blocks(RenderChecked(card).Single()).Single(b => Type(b) == "actions")["elements"]!.AsArray();

        var confirm = elements[0]!["confirm"]!;
        Assert.Equal("Close incident?", (string)confirm["title"]!["text"]!);
        Assert.Equal("Close INC-0001 for everyone?", (string)confirm["text"]!["text"]!);
        Assert.Equal("plain_text", (string)confirm["text"]!["type"]!);
        Assert.Equal("Close incident", (string)confirm["confirm"]!["text"]!);
        Assert.Equal("Cancel", (string)confirm["deny"]!["text"]!);
        Assert.Equal("danger", (string)confirm["style"]!);
        Assert.Equal("danger", (string)elements[0]!["style"]!);
        Assert.Null(elements[1]!["confirm"]);
    }

    [Fact]
    public void A_modal_renders_each_input_kind_and_its_answers_read_back_by_input_id()
    {
        var few = new[] { new Choice("Minimization", "minimization"), new Choice("Compartmentation", "compartmentation"), new Choice("Least privilege", "least-privilege") };
        var many = Enumerable.Range(1, 12).Select(i => new Choice($"Option {i}", $"o{i}")).ToList();
        var card = new Card("Root causes",
            [
                new TextElement("Describe one cause."),
                new InputElement("rc.title", "Short title", InputKind.Text) { IsRequired = true, MaxLength = 80, Placeholder = "e.g. flat network" },
                new InputElement("rc.description", "What enabled it?", InputKind.MultilineText) { IsRequired = true },
                new InputElement("rc.found", "Found on", InputKind.Date) { Value = "2024-11-25" },
                new InputElement("rc.exercise", "Exercise only", InputKind.Toggle),
                new InputElement("rc.severity", "Severity", InputKind.Choice) { Choices = few, Value = "compartmentation" },
                new InputElement("rc.system", "System", InputKind.Choice) { Choices = many },
                new InputElement("rc.principles", "Principles that failed", InputKind.MultiChoice) { Choices = few, Value = "minimization,least-privilege" },
                new InputElement("rc.areas", "Areas", InputKind.MultiChoice) { Choices = many },
            ],
            [CardButton.Command("Cancel", "noop"), CardButton.Command("Save cause", "pm save", ButtonStyle.Primary)]);

        var modal = ModalChecked(card, "pm.step.root-causes", """{"incident":"INC-0001"}""");

        Assert.Equal("Save cause", (string)modal["submit"]!["text"]!);
        Assert.Equal("pm.step.root-causes", (string)modal["callback_id"]!);
        Assert.Equal("""{"incident":"INC-0001"}""", (string)modal["private_metadata"]!);
        var inputs = Blocks(modal).Where(b => Type(b) == "input").ToDictionary(b => (string)b["block_id"]!);
        Assert.Equal(8, inputs.Count);
        Assert.Equal(
            ["plain_text_input", "plain_text_input", "datepicker", "checkboxes", "radio_buttons", "static_select", "checkboxes", "multi_static_select"],
            inputs.Values.Select(b => (string)b["element"]!["type"]!));
        Assert.False((bool)inputs["rc.title"]["optional"]!);
        Assert.True((bool)inputs["rc.found"]["optional"]!);
        Assert.Equal(80, (int)inputs["rc.title"]["element"]!["max_length"]!);
        Assert.True((bool)inputs["rc.description"]["element"]!["multiline"]!);
        Assert.Equal("2024-11-25", (string)inputs["rc.found"]["element"]!["initial_date"]!);
        Assert.Equal("compartmentation", (string)inputs["rc.severity"]["element"]!["initial_option"]!["value"]!);
        Assert.Equal(["minimization", "least-privilege"], inputs["rc.principles"]["element"]!["initial_options"]!.AsArray().Select(o => (string)o!["value"]!));

        var submitted = new Dictionary<string, string>
        {
            ["rc.title"] = "Flat network",
            ["rc.description"] = "Flat network let the worker reach the file share <!channel> & more",
            ["rc.found"] = "2024-11-26",
            ["rc.exercise"] = "true",
            ["rc.severity"] = "least-privilege",
            ["rc.system"] = "o11",
            ["rc.principles"] = "minimization,compartmentation",
            ["rc.areas"] = "o2,o12",
        };
        var state = SlackModalState.Values(inputs.Values, submitted);

        Assert.Equal(submitted.OrderBy(p => p.Key), SlackPayloadReader.ReadModalValues(state).OrderBy(p => p.Key));
    }

    [Fact]
    public void ReadModalValues_reads_the_fixture_submission_and_leaves_out_empty_inputs()
    {
        var values = Fixture("slack", "interaction-view-submission.json")["view"]!["state"]!["values"]!.AsObject();
        values["rc.note"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = null } };
        values["rc.pick"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = null } };
        values["rc.when"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "datepicker", ["selected_date"] = null } };
        values["rc.toggle"] = new JsonObject { ["toggle"] = new JsonObject { ["type"] = "checkboxes", ["selected_options"] = new JsonArray() } };
        values["rc.owner"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "users_select", ["selected_user"] = "U0002" } };

        var read = SlackPayloadReader.ReadModalValues(values);

        Assert.Equal(new Dictionary<string, string>
        {
            ["rc.description"] = "Flat network let the worker reach the file share <!channel> & more",
            ["rc.principles"] = "minimization,compartmentation",
            ["rc.toggle"] = "false",
            ["rc.owner"] = "<@U0002>",
        }.OrderBy(p => p.Key), read.OrderBy(p => p.Key));
    }

    [Fact]
    public void A_modal_keeps_every_input_within_one_hundred_blocks_and_refuses_programming_errors()
    {
        var body = Enumerable.Range(0, 150).Select(i => (CardElement)new TextElement($"Context {i}"))
            .Concat(Enumerable.Range(0, 5).Select(i => new InputElement($"q{i}", $"Question {i}", InputKind.Text)))
            .ToList();

        var modal = ModalChecked(new Card("A form with a title far longer than Slack allows", body));

        Assert.Equal(100, Blocks(modal).Count);
        Assert.Equal(5, Blocks(modal).Count(b => Type(b) == "input"));
        Assert.Equal("A form with a title far…", (string)modal["title"]!["text"]!);
        Assert.Equal("A form with a title far longer than Slack allows", (string)Blocks(modal)[0]["text"]!["text"]!);

        var simple = new Card("Form", [new InputElement("q", "Q", InputKind.Text)]);
        ModalChecked(simple, "cb", new string('m', 3000));
        Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderModal(simple, "cb", new string('m', 3001)));
        Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderModal(simple, new string('c', 256), ""));
        var twice = new Card("Form", [new InputElement("q", "Q", InputKind.Text), new InputElement("q", "Q again", InputKind.Text)]);
        Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderModal(twice, "cb", ""));
        var reserved = new Card("Form", [new InputElement("_b0.section", "Q", InputKind.Text)]);
        Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderModal(reserved, "cb", ""));
        var longValue = new Card("Form", [new InputElement("q", "Q", InputKind.Choice) { Choices = [new Choice("x", new string('v', 76))] }]);
        Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderModal(longValue, "cb", ""));
    }

    [Fact]
    public void A_choice_with_nothing_to_choose_is_explained_rather_than_sent_empty()
    {
        var modal = ModalChecked(new Card("Pick", [new InputElement("cause", "Cause", InputKind.Choice) { IsRequired = true }, new InputElement("q", "Q", InputKind.Text)]));

        Assert.Equal(["context", "input"], Blocks(modal).Select(Type));
        Assert.Contains("nothing to choose from", (string)Blocks(modal)[0]["elements"]![0]!["text"]!);
    }

    [Fact]
    public void Inputs_in_a_message_name_the_questions_and_leave_answering_to_the_buttons()
    {
        var card = new Card("Root causes",
            [
                new TextElement("Step 3"),
                new InputElement("rc.description", "What enabled it?", InputKind.MultilineText) { IsRequired = true },
                new InputElement("rc.principles", "Principles that failed", InputKind.MultiChoice) { Choices = [new Choice("Minimization", "minimization")] },
            ],
            [new CardButton("Answer", "pm.answer.open", new Dictionary<string, string> { ["step"] = "root-causes" }) { Style = ButtonStyle.Primary }]);

        var message = RenderChecked(card).Single();

        Assert.DoesNotContain(Blocks(message), b => Type(b) == "input");
        Assert.Equal(["header", "section", "section", "actions"], Blocks(message).Select(Type));
        var questions = (string)Blocks(message)[2]["text"]!["text"]!;
        Assert.Contains("• What enabled it? _(required)_", questions);
        Assert.Contains("• Principles that failed", questions);
        Assert.Contains("button below", questions);
    }

    [Fact]
    public void Block_ids_are_stable_for_the_same_card_and_change_when_its_content_does()
    {
        static List<string> Ids(string text) =>
            Blocks(RenderChecked(new Card("Status", [new TextElement(text), new TextElement("same")])).Single()).Select(b => (string)b["block_id"]!).ToList();

        Assert.Equal(Ids("one"), Ids("one"));
        Assert.Empty(Ids("one").Intersect(Ids("two")));
    }

    [Fact]
    public void Monospace_text_keeps_backticks_from_ending_the_code_span()
    {
        var blocks = Blocks(RenderChecked(new Card("Logs", [
            new TextElement("ran `whoami` > out & <!here>", TextStyle.Monospace),
            new TextElement("line 1\nline `2`", TextStyle.Monospace),
            new TextElement("Could not reach the SIEM", TextStyle.Error),
            new TextElement("Containment", TextStyle.Heading),
        ])).Single());

        Assert.Equal("`ran ˋwhoamiˋ &gt; out &amp; &lt;!here&gt;`", (string)blocks[1]["text"]!["text"]!);
        Assert.Equal("```line 1\nline ˋ2ˋ```", (string)blocks[2]["text"]!["text"]!);
        Assert.Equal(":warning: Could not reach the SIEM", (string)blocks[3]["text"]!["text"]!);
        Assert.Equal("*Containment*", (string)blocks[4]["text"]!["text"]!);
    }

    [Fact]
    public void An_empty_list_shows_its_empty_text_and_blank_parts_are_left_out()
    {
        var message = RenderChecked(new Card("Actions",
        [
            new ListElement([], "No action items yet."),
            new ListElement([]),
            new TextElement("  \n\u0007 "),
            new TextElement("", TextStyle.Heading),
            new FactsElement([new Fact("", "")]),
        ])).Single();

        Assert.Equal(["header", "context", "context"], Blocks(message).Select(Type));
        Assert.Equal("No action items yet.", (string)Blocks(message)[1]["elements"]![0]!["text"]!);
        Assert.Equal("Nothing to show.", (string)Blocks(message)[2]["elements"]![0]!["text"]!);
    }

    [Fact]
    public void A_card_with_nothing_in_it_still_renders_a_message_slack_accepts()
    {
        RenderChecked(new Card(" ", []));
        RenderTextChecked("");
        RenderTextChecked("\u0000\u0001");
    }

    [Fact]
    public void Random_cards_always_render_within_every_limit_and_their_buttons_read_back()
    {
        var random = new Random(20241125);
        for (var round = 0; round < 60; round++)
        {
            var card = RandomCard(random);

            var messages = RenderChecked(card);
            ModalChecked(card, "random", RandomText(random, 200));

            var buttons = messages.SelectMany(Blocks).Where(b => Type(b) == "actions")
                .SelectMany(b => b["elements"]!.AsArray().SelectMany(e => ReadAll(e!.AsObject(), (string)b["block_id"]!)))
                .ToList();
            Assert.All(buttons, r => Assert.NotNull(r));
            Assert.Equal(
                card.Buttons.Select(b => Key(b.Verb, b.Data)).Order(StringComparer.Ordinal),
                buttons.Select(r => Key(r!.Value.Verb, r.Value.Data)).Order(StringComparer.Ordinal));
        }
    }

    private static Card RandomCard(Random random)
    {
        var body = new List<CardElement>();
        var inputs = 0;
        for (var i = random.Next(0, 90); i > 0; i--)
        {
            body.Add(random.Next(5) switch
            {
                0 => new TextElement(RandomText(random, 4000), (TextStyle)random.Next(5)),
                1 => new FactsElement(Enumerable.Range(0, random.Next(0, 15)).Select(_ => new Fact(RandomText(random, 100), RandomText(random, 2200))).ToList()),
                2 => new ListElement(Enumerable.Range(0, random.Next(0, 40)).Select(_ => new ListItem(RandomText(random, 250), Maybe(random, 40), Maybe(random, 100))).ToList(), Maybe(random, 100)),
                _ => new InputElement($"in{inputs++}", RandomText(random, 100), (InputKind)random.Next(6))
                {
                    IsRequired = random.Next(2) == 0,
                    Placeholder = Maybe(random, 300),
                    Value = random.Next(3) == 0 ? "2024-11-25" : Maybe(random, 4000),
                    MaxLength = random.Next(3) == 0 ? random.Next(-5, 5000) : null,
                    Choices = Enumerable.Range(0, random.Next(0, 130)).Select(c => new Choice(RandomText(random, 120), $"v{c}")).ToList(),
                },
            });
        }

        var buttons = Enumerable.Range(0, random.Next(0, 40))
            .Select(b => new CardButton(RandomText(random, 120), $"verb.{b}", new Dictionary<string, string> { ["id"] = ButtonData(random) })
            {
                Style = (ButtonStyle)random.Next(3),
                Confirm = Maybe(random, 500),
            })
            .ToList();
        return new Card(RandomText(random, 200), body, buttons) { Subtitle = Maybe(random, 400), Badge = Maybe(random, 30) };
    }

    // A broken surrogate cannot travel in JSON at all (it arrives as U+FFFD), so button data here leaves it out.
    private static string ButtonData(Random random) => RandomText(random, 60).Replace("\uD800", "", StringComparison.Ordinal);

    private static string? Maybe(Random random, int maxLength) => random.Next(2) == 0 ? null : RandomText(random, maxLength);

    private static string RandomText(Random random, int maxLength)
    {
        string[] parts = ["<!channel>", "&", "<", ">", "&amp;", "\n", "\r\n", "\t", "\u0000", "\u202E", "😀", "\uD800", "`", "*", "_", " ", "  ", "word", "naïve", "<@U0001>", "?"];
        var builder = new System.Text.StringBuilder();
        var length = random.Next(0, maxLength + 1);
        while (builder.Length < length)
        {
            builder.Append(random.Next(4) == 0 ? new string('x', random.Next(1, 400)) : parts[random.Next(parts.Length)]);
        }

        return builder.ToString();
    }

    // --- helpers -------------------------------------------------------------------------------

    private static IReadOnlyList<JsonObject> RenderChecked(Card card)
    {
        var messages = BlockKitRenderer.RenderMessages(card);
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            BlockKitLimits.AssertMessage(message);
        }

        return messages;
    }

    private static JsonObject RenderTextChecked(string text)
    {
        var message = BlockKitRenderer.RenderText(text);
        BlockKitLimits.AssertMessage(message);
        return message;
    }

    private static JsonObject ModalChecked(Card card, string callbackId = "test.modal", string privateMetadata = "")
    {
        var modal = BlockKitRenderer.RenderModal(card, callbackId, privateMetadata);
        BlockKitLimits.AssertModal(modal);
        return modal;
    }

    private static (string Verb, IReadOnlyDictionary<string, string> Data)? ReadBack(JsonObject button, string blockId) =>
        SlackPayloadReader.ReadButton(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = (string)button["action_id"]!,
            ["block_id"] = blockId,
            ["text"] = button["text"]!.DeepClone(),
            ["value"] = (string)button["value"]!,
            ["action_ts"] = "1732530060.123456",
        });

    /// <summary>What each button or overflow option of an actions element reads back as, from the payload Slack sends when it is pressed or chosen.</summary>
    private static IEnumerable<(string Verb, IReadOnlyDictionary<string, string> Data)?> ReadAll(JsonObject element, string blockId) =>
        Type(element) == "overflow"
            ? element["options"]!.AsArray().Select(option => SlackPayloadReader.ReadButton(new JsonObject
            {
                ["type"] = "overflow",
                ["action_id"] = (string)element["action_id"]!,
                ["block_id"] = blockId,
                ["selected_option"] = option!.DeepClone(),
                ["action_ts"] = "1732530060.123456",
            }))
            : [ReadBack(element, blockId)];

    private static string Key(string verb, IReadOnlyDictionary<string, string> data) =>
        verb + "|" + string.Join("|", data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));

    private static List<JsonObject> Blocks(JsonObject payload) => payload["blocks"]!.AsArray().Select(b => b!.AsObject()).ToList();

    private static string Type(JsonNode block) => (string)block["type"]!;

    private static IEnumerable<string> MrkdwnTexts(JsonNode payload) =>
        BlockKitLimits.Objects(payload).Where(o => (string?)o["type"] == "mrkdwn").Select(o => (string)o["text"]!);

    private static JsonObject Fixture(string folder, string name) =>
        JsonNode.Parse(File.ReadAllText(ChatOpsIR.Testing.RepoPaths.Fixture($"{folder}/{name}")))!.AsObject();
}

/// <summary>
/// Walks a rendered payload and asserts every Block Kit limit of PROTOCOLS 1.9 and the escaping rules of 1.10.
/// The numbers are written out here on purpose, independently of the renderer's own constants.
/// </summary>
internal static class BlockKitLimits
{
    public static void AssertMessage(JsonObject message)
    {
        var fallback = Text(message["text"]);
        Assert.InRange(fallback.Length, 1, 3000);
        AssertEscaped(fallback);
        Assert.False((bool)message["unfurl_links"]!);
        Assert.False((bool)message["unfurl_media"]!);
        var blocks = message["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 50);
        AssertBlocks(blocks);
    }

    public static void AssertModal(JsonObject view)
    {
        Assert.Equal("modal", Text(view["type"]));
        AssertPlain(view["title"], 24);
        AssertPlain(view["submit"], 24);
        AssertPlain(view["close"], 24);
        Assert.InRange(Text(view["callback_id"]).Length, 1, 255);
        Assert.InRange(Text(view["private_metadata"]).Length, 0, 3000);
        var blocks = view["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 100);
        AssertBlocks(blocks);
    }

    public static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var child in obj.SelectMany(p => Objects(p.Value)))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.SelectMany(Objects))
                {
                    yield return child;
                }

                break;
        }
    }

    private static void AssertBlocks(JsonArray blocks)
    {
        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks.Select(b => b!.AsObject()))
        {
            var blockId = Text(block["block_id"]);
            Assert.InRange(blockId.Length, 1, 255);
            Assert.True(blockIds.Add(blockId), $"block_id {blockId} is used twice");
            switch (Text(block["type"]))
            {
                case "header":
                    AssertPlain(block["text"], 150);
                    break;
                case "section":
                    Assert.True(block["text"] is not null || block["fields"] is not null, "a section needs text or fields");
                    if (block["text"] is { } text)
                    {
                        AssertTextObject(text, 3000);
                    }

                    if (block["fields"] is JsonArray fields)
                    {
                        Assert.InRange(fields.Count, 1, 10);
                        Assert.All(fields, f => AssertTextObject(f, 2000));
                    }

                    break;
                case "context":
                    var elements = block["elements"]!.AsArray();
                    Assert.InRange(elements.Count, 1, 10);
                    Assert.All(elements, e => AssertTextObject(e, 3000));
                    break;
                case "actions":
                    AssertActions(block["elements"]!.AsArray());
                    break;
                case "input":
                    AssertPlain(block["label"], 2000);
                    Assert.NotNull((bool?)block["optional"]);
                    AssertInputElement(block["element"]!.AsObject());
                    break;
                case "divider":
                    break;
                default:
                    Assert.Fail($"unexpected block type {block["type"]}");
                    break;
            }
        }
    }

    private static void AssertActions(JsonArray elements)
    {
        Assert.InRange(elements.Count, 1, 25);
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        Assert.True(elements.Count(e => Text(e!["type"]) == "overflow") <= 1, "one overflow menu per actions block at most");
        foreach (var button in elements.Select(e => e!.AsObject()))
        {
            if (Text(button["type"]) == "overflow")
            {
                Assert.True(actionIds.Add(Text(button["action_id"])), "the overflow's action_id is used twice in one block");
                var options = button["options"]!.AsArray();
                Assert.InRange(options.Count, 2, 5);
                Assert.All(options, o =>
                {
                    AssertPlain(o!["text"], 75);
                    Assert.InRange(Text(o["value"]).Length, 1, 150);
                });
                Assert.Null(button["confirm"]);
                continue;
            }

            Assert.Equal("button", Text(button["type"]));
            var actionId = Text(button["action_id"]);
            Assert.InRange(actionId.Length, 1, 255);
            Assert.True(actionIds.Add(actionId), $"action_id {actionId} is used twice in one block");
            AssertPlain(button["text"], 75);
            Assert.InRange(Text(button["value"]).Length, 1, 2000);
            Assert.Contains((string?)button["style"], new string?[] { null, "primary", "danger" });
            if (button["confirm"] is { } confirm)
            {
                AssertPlain(confirm["title"], 100);
                AssertPlain(confirm["text"], 300);
                AssertPlain(confirm["confirm"], 30);
                AssertPlain(confirm["deny"], 30);
                Assert.Contains((string?)confirm["style"], new string?[] { null, "primary", "danger" });
            }
        }
    }

    private static void AssertInputElement(JsonObject element)
    {
        Assert.InRange(Text(element["action_id"]).Length, 1, 255);
        if (element["placeholder"] is { } placeholder)
        {
            AssertPlain(placeholder, 150);
        }

        var options = (element["options"]?.AsArray() ?? []).Select(o => o!.AsObject()).ToList();
        switch (Text(element["type"]))
        {
            case "plain_text_input":
                var maxLength = (int)element["max_length"]!;
                Assert.InRange(maxLength, 1, 3000);
                Assert.InRange(((string?)element["initial_value"] ?? "").Length, 0, maxLength);
                break;
            case "datepicker":
                if (element["initial_date"] is { } date)
                {
                    Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", Text(date));
                }

                break;
            case "checkboxes" or "radio_buttons":
                Assert.InRange(options.Count, 1, 10);
                break;
            case "static_select" or "multi_static_select":
                if (element["option_groups"] is JsonArray groups)
                {
                    Assert.Empty(options);
                    Assert.InRange(groups.Count, 1, 100);
                    foreach (var group in groups)
                    {
                        AssertPlain(group!["label"], 75);
                        var grouped = group["options"]!.AsArray().Select(o => o!.AsObject()).ToList();
                        Assert.InRange(grouped.Count, 1, 100);
                        options.AddRange(grouped);
                    }
                }
                else
                {
                    Assert.InRange(options.Count, 1, 100);
                }

                break;
            default:
                Assert.Fail($"unexpected input element {element["type"]}");
                break;
        }

        foreach (var option in options)
        {
            AssertTextObject(option["text"], 75);
            Assert.InRange(Text(option["value"]).Length, 1, 75);
        }

        var initial = (element["initial_options"]?.AsArray().Select(o => o!) ?? []).Concat(element["initial_option"] is { } one ? [one] : []);
        Assert.All(initial, chosen => Assert.Contains(options, o => JsonNode.DeepEquals(o, chosen)));
    }

    private static void AssertTextObject(JsonNode? node, int maxLength)
    {
        var type = Text(node!["type"]);
        Assert.Contains(type, new[] { "plain_text", "mrkdwn" });
        var text = Text(node["text"]);
        Assert.InRange(text.Length, 1, maxLength);
        Assert.False(string.IsNullOrWhiteSpace(text), "blank text");
        if (type == "mrkdwn")
        {
            AssertEscaped(text);
        }
    }

    private static void AssertPlain(JsonNode? node, int maxLength)
    {
        Assert.Equal("plain_text", Text(node!["type"]));
        AssertTextObject(node, maxLength);
    }

    /// <summary>No raw angle bracket, and every ampersand starts one of the three escapes.</summary>
    private static void AssertEscaped(string text)
    {
        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain('>', text);
        for (var i = text.IndexOf('&'); i >= 0; i = text.IndexOf('&', i + 1))
        {
            var rest = text.AsSpan(i);
            if (!rest.StartsWith("&amp;", StringComparison.Ordinal) && !rest.StartsWith("&lt;", StringComparison.Ordinal) && !rest.StartsWith("&gt;", StringComparison.Ordinal))
            {
                Assert.Fail($"unescaped & in: {text}");
            }
        }

        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
    }

    private static string Text(JsonNode? node)
    {
        Assert.NotNull(node);
        Assert.Equal(JsonValueKind.String, node.GetValueKind());
        return node.GetValue<string>();
    }
}
