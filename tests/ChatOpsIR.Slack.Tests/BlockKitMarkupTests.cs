using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Slack.BlockKit;
using ChatOpsIR.Slack.Ingress;

namespace ChatOpsIR.Slack.Tests;

/// <summary>Core's inline markup as Slack shows it, and buttons beyond the third in the overflow menu.</summary>
public class BlockKitMarkupTests
{
    private static JsonObject Render(Card card)
    {
        var message = BlockKitRenderer.RenderMessages(card).Single();
        BlockKitLimits.AssertMessage(message);
        return message;
    }

    private static List<JsonObject> Blocks(JsonObject message) => message["blocks"]!.AsArray().Select(b => b!.AsObject()).ToList();

    private static string Mrkdwn(JsonObject block) => (string)(block["text"] ?? block["elements"]![0])!["text"]!;

    [Fact]
    public void Code_and_emphasis_become_mrkdwn_code_and_italics_with_everything_inside_escaped()
    {
        var message = Render(new Card("Use `note` _now_", [
            new TextElement("Add missing events with `note <text> at 14:05`; this is _important_ & file_name_here stays."),
            new TextElement("Run `<!channel> & <@U1>` here", TextStyle.Subtle),
        ]) { Subtitle = "See `timeline`" });

        var blocks = Blocks(message);
        Assert.Equal("Use note now", (string)blocks[0]["text"]!["text"]!);
        Assert.Equal("See `timeline`", Mrkdwn(blocks[1]));
        Assert.Equal("Add missing events with `note &lt;text&gt; at 14:05`; this is _important_ &amp; file_name_here stays.", Mrkdwn(blocks[2]));
        Assert.Equal("Run `&lt;!channel&gt; &amp; &lt;@U1&gt;` here", Mrkdwn(blocks[3]));
        Assert.Equal("Use note now: See timeline", (string)message["text"]!);
    }

    [Fact]
    public void Plain_text_fields_and_the_fallback_drop_the_markers()
    {
        var card = new Card("Form", [
            new FactsElement([new Fact("`Owner`", "`@bob` _today_")]),
            new ListElement([new ListItem("`A1` item", null, "_detail_")]),
            new InputElement("why", "Why `skip`?", InputKind.Text) { Placeholder = "Type `n/a` if unsure" },
        ], [CardButton.Command("Run `x`", "x")]);

        var blocks = Blocks(Render(card));
        Assert.Equal("*Owner*\n`@bob` _today_", (string)blocks[1]["fields"]![0]!["text"]!);
        Assert.Equal("• `A1` item _detail_", Mrkdwn(blocks[2]));
        Assert.Contains("• Why skip?", Mrkdwn(blocks[3]));
        Assert.Equal("Run x", (string)blocks[4]["elements"]![0]!["text"]!["text"]!);

        var modal = BlockKitRenderer.RenderModal(card, "cb", "{}");
        var input = modal["blocks"]!.AsArray().Single(b => (string)b!["type"]! == "input")!;
        Assert.Equal("Why skip?", (string)input["label"]!["text"]!);
        Assert.Equal("Type n/a if unsure", (string)input["element"]!["placeholder"]!["text"]!);
        Assert.Equal("Run x", (string)modal["submit"]!["text"]!);
    }

    [Fact]
    public void A_reply_text_with_code_renders_it_and_its_notification_text_is_plain()
    {
        var message = BlockKitRenderer.RenderText("There is no open incident. Open one with `declare <title> [sev1-4]`.");
        BlockKitLimits.AssertMessage(message);

        Assert.Equal("There is no open incident. Open one with `declare &lt;title&gt; [sev1-4]`.", Mrkdwn(Blocks(message)[0]));
        Assert.Equal("There is no open incident. Open one with declare &lt;title&gt; [sev1-4].", (string)message["text"]!);
    }

    [Fact]
    public void A_long_text_split_into_sections_never_splits_a_code_span_open()
    {
        var text = string.Join(" ", Enumerable.Range(0, 400).Select(i => i % 3 == 0 ? $"`cmd {i} <x>`" : $"word{i} _em {i}_"));

        var pieces = Blocks(BlockKitRenderer.RenderText(text)).Select(Mrkdwn).ToList();

        Assert.True(pieces.Count > 1);
        Assert.All(pieces, piece =>
        {
            Assert.InRange(piece.Length, 1, 3000);
            Assert.Equal(0, piece.Count(c => c == '`') % 2);
            Assert.DoesNotContain("``", piece);
        });
        foreach (var i in Enumerable.Range(0, 400).Where(i => i % 3 == 0))
        {
            Assert.Single(pieces, p => p.Contains($"`cmd {i} &lt;x&gt;`", StringComparison.Ordinal));
        }

        Assert.Equal(400, pieces.Sum(p => p.Split(' ').Count(w => w.StartsWith("word", StringComparison.Ordinal) || w.StartsWith("`cmd", StringComparison.Ordinal))));
    }

    [Fact]
    public void Buttons_after_the_third_go_into_one_overflow_menu_and_links_and_confirmations_stay_buttons()
    {
        var card = new Card("Many", [], [
            CardButton.Command("One", "one", ButtonStyle.Primary),
            CardButton.Command("Two", "two"),
            CardButton.Command("Three", "three"),
            CardButton.Command("Four", "four"),
            CardButton.Link("Report", "https://chatopsir.invalid/r/1"),
            CardButton.Command("Resolve", "resolve", ButtonStyle.Danger, "Sure?"),
            CardButton.Command("Five", "five"),
            CardButton.Command("Six `x`", "six"),
        ]);

        var actions = Blocks(Render(card)).Single(b => (string)b["type"]! == "actions")["elements"]!.AsArray();

        Assert.Equal(["button", "button", "button", "button", "button", "overflow"], actions.Select(e => (string)e!["type"]!));
        Assert.Equal(["One", "Two", "Three", "Report", "Resolve"], actions.Take(5).Select(e => (string)e!["text"]!["text"]!));
        var options = actions[5]!["options"]!.AsArray();
        Assert.Equal(["Four", "Five", "Six x"], options.Select(o => (string)o!["text"]!["text"]!));
        var four = SlackPayloadReader.ReadButton(new JsonObject { ["type"] = "overflow", ["action_id"] = (string)actions[5]!["action_id"]!, ["selected_option"] = options[0]!.DeepClone() });
        Assert.Equal(CardVerbs.RunCommand, four!.Value.Verb);
        Assert.Equal("four", four.Value.Data[CardVerbs.CommandLineKey]);
    }

    [Fact]
    public void A_lone_extra_button_stays_a_button_because_an_overflow_needs_two_options()
    {
        var card = new Card("Four", [], [.. Enumerable.Range(1, 4).Select(i => CardButton.Command($"B{i}", $"cmd {i}"))]);

        var actions = Blocks(Render(card)).Single(b => (string)b["type"]! == "actions")["elements"]!.AsArray();

        Assert.Equal(["B1", "B2", "B3", "B4"], actions.Select(e => (string)e!["text"]!["text"]!));
    }

    [Fact]
    public void A_button_whose_value_is_too_long_for_an_option_stays_a_button()
    {
        var longLine = new string('a', 200);
        var card = new Card("Long", [], [
            .. Enumerable.Range(1, 3).Select(i => CardButton.Command($"B{i}", $"cmd {i}")),
            CardButton.Command("Long", longLine),
            CardButton.Command("Short 1", "s1"),
            CardButton.Command("Short 2", "s2"),
        ]);

        var actions = Blocks(Render(card)).Single(b => (string)b["type"]! == "actions")["elements"]!.AsArray();

        Assert.Equal(["button", "button", "button", "button", "overflow"], actions.Select(e => (string)e!["type"]!));
        Assert.Equal("Long", (string)actions[3]!["text"]!["text"]!);
        Assert.Equal(["Short 1", "Short 2"], actions[4]!["options"]!.AsArray().Select(o => (string)o!["text"]!["text"]!));
    }

    [Fact]
    public void A_chosen_option_leaves_the_message_and_a_lone_last_option_becomes_a_button()
    {
        var card = new Card("Reminder", [], [.. new[] { "Done", "Snooze 1 day", "New date", "Snooze 1 week", "Reassign" }.Select(t => CardButton.Command(t, t.ToLowerInvariant()))]);
        var message = Render(card);
        var overflow = Blocks(message).Single(b => (string)b["type"]! == "actions")["elements"]![3]!;
        var chosen = overflow["options"]![0]!;

        var after = BlockKitRenderer.RenderWithoutButton((string)message["text"]!, message["blocks"]!.AsArray(), (string)overflow["action_id"]!, "“Snooze 1 week” pressed", "bob", DateTimeOffset.UnixEpoch, (string)chosen["value"]!);

        var elements = Blocks(after).Single(b => (string)b["type"]! == "actions")["elements"]!.AsArray();
        Assert.Equal(["Done", "Snooze 1 day", "New date", "Reassign"], elements.Select(e => (string)e!["text"]!["text"]!));
        Assert.All(elements, e => Assert.Equal("button", (string)e!["type"]!));
        Assert.StartsWith("“Snooze 1 week” pressed by bob at", Mrkdwn(Blocks(after)[^1]), StringComparison.Ordinal);
    }
}
