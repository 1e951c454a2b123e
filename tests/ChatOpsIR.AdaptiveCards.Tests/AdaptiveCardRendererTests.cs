using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.AdaptiveCards.Tests;

public class AdaptiveCardRendererTests
{
    private const string Hostile = "<at>Everyone</at> **bold** [click](https://evil.example) {{DATE(2026-01-01T00:00:00Z)}} _x_";

    private static IEnumerable<JsonObject> All(JsonNode node)
    {
        if (node is JsonObject o)
        {
            yield return o;
            foreach (var (_, child) in o)
            {
                if (child is not null)
                {
                    foreach (var d in All(child))
                    {
                        yield return d;
                    }
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                if (child is not null)
                {
                    foreach (var d in All(child))
                    {
                        yield return d;
                    }
                }
            }
        }
    }

    [Fact]
    public void The_root_is_a_schema_1_5_card_with_fallback_text_and_full_width()
    {
        var card = AdaptiveCardRenderer.Render(new Card("INC-0001 · Outage") { Subtitle = "SEV2" });
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal("INC-0001 · Outage: SEV2", card["fallbackText"]!.GetValue<string>());
        Assert.Equal("Full", card["msteams"]!["width"]!.GetValue<string>());
    }

    [Fact]
    public void User_text_is_only_ever_in_text_runs_never_in_markdown_text_blocks()
    {
        var card = AdaptiveCardRenderer.Render(new Card(Hostile,
            [new TextElement(Hostile), new ListElement([new ListItem(Hostile, Hostile, Hostile)])])
        {
            Subtitle = Hostile,
            Badge = Hostile,
        });

        var nodes = All(card).ToList();
        Assert.DoesNotContain(nodes, n => n["type"]?.GetValue<string>() == "TextBlock");
        // Each place shows the hostile text whole, in runs: "_x_" is Core's emphasis (an italic run), the rest verbatim.
        var shown = nodes.Where(n => n["type"]?.GetValue<string>() == "RichTextBlock")
            .Select(n => string.Concat(n["inlines"]!.AsArray().Select(r => r!["text"]!.GetValue<string>())))
            .ToList();
        Assert.Equal(7, shown.Count(r => r == Hostile.Replace("_x_", "x", StringComparison.Ordinal)));
        Assert.Contains(nodes, n => n["type"]?.GetValue<string>() == "TextRun" && n["text"]!.GetValue<string>() == "x" && n["italic"]?.GetValue<bool>() == true);
        Assert.Contains(nodes, n => n["type"]?.GetValue<string>() == "TextRun" && n["text"]!.GetValue<string>() == "<at>Everyone</at> **bold** [click](https://evil.example) {{DATE(2026-01-01T00:00:00Z)}} ");
        Assert.Null(card["msteams"]!["entities"]);
    }

    [Fact]
    public void Facts_are_escaped_so_they_cannot_form_links_mentions_emphasis_or_date_functions()
    {
        var card = AdaptiveCardRenderer.Render(new Card("t", [new FactsElement([new Fact("Title *x*", Hostile)])]));
        var fact = All(card).Single(n => n["type"]?.GetValue<string>() == "FactSet")["facts"]![0]!;
        var value = fact["value"]!.GetValue<string>();
        Assert.Equal("Title \\*x\\*", fact["title"]!.GetValue<string>());
        Assert.DoesNotContain("<at>", value);
        Assert.Contains("&lt;at\\>Everyone", value);
        Assert.Contains("\\*\\*bold\\*\\*", value);
        Assert.Contains("\\[click\\]\\(https://evil\\.example\\)", value);
        Assert.DoesNotContain("{{", value, StringComparison.Ordinal);
        Assert.Contains("{\u200B{", value, StringComparison.Ordinal);
        // "_x_" is Core's emphasis, which a fact cannot show: the markers are dropped, never passed on as markdown.
        Assert.EndsWith(" x", value, StringComparison.Ordinal);
        Assert.DoesNotContain("_", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_are_dropped_and_newlines_kept_in_runs()
    {
        var card = AdaptiveCardRenderer.Render(new Card("t", [new TextElement("line1\nline2\u0007\u001b[31m")]));
        var run = All(card).Last(n => n["type"]?.GetValue<string>() == "TextRun");
        Assert.Equal("line1\nline2[31m", run["text"]!.GetValue<string>());
    }

    [Fact]
    public void Buttons_are_execute_actions_with_a_submit_fallback_carrying_verb_and_data()
    {
        var card = AdaptiveCardRenderer.Render(new Card("t", buttons: [CardButton.Command("Timeline", "timeline", ButtonStyle.Primary)]));
        var action = card["actions"]![0]!;
        Assert.Equal("Action.Execute", action["type"]!.GetValue<string>());
        Assert.Equal(CardVerbs.RunCommand, action["verb"]!.GetValue<string>());
        Assert.Equal("timeline", action["data"]![CardVerbs.CommandLineKey]!.GetValue<string>());
        Assert.Equal("positive", action["style"]!.GetValue<string>());
        Assert.Equal("Action.Submit", action["fallback"]!["type"]!.GetValue<string>());
        Assert.Equal(CardVerbs.RunCommand, action["fallback"]!["data"]!["verb"]!.GetValue<string>());
    }

    [Fact]
    public void A_button_that_needs_confirmation_asks_in_a_show_card_first()
    {
        var card = AdaptiveCardRenderer.Render(new Card("t", buttons: [CardButton.Command("Resolve", "resolve", ButtonStyle.Danger, "Resolve INC-0001?")]));
        var show = card["actions"]![0]!;
        Assert.Equal("Action.ShowCard", show["type"]!.GetValue<string>());
        Assert.Equal("Resolve INC-0001?", All(show["card"]!).First(n => n["type"]?.GetValue<string>() == "TextRun")["text"]!.GetValue<string>());
        var confirm = show["card"]!["actions"]![0]!;
        Assert.Equal("Action.Execute", confirm["type"]!.GetValue<string>());
        Assert.Equal("Yes, resolve", confirm["title"]!.GetValue<string>());
        Assert.Equal("destructive", confirm["style"]!.GetValue<string>());
    }

    [Fact]
    public void Inputs_render_with_stable_ids_labels_and_required_messages()
    {
        var card = AdaptiveCardRenderer.Render(new Card("t",
        [
            new InputElement("rootCause.description", "Description", InputKind.MultilineText) { IsRequired = true, MaxLength = 2000, Placeholder = "What happened" },
            new InputElement("rootCause.principles", "Principles", InputKind.MultiChoice) { Choices = [new Choice("Rigor", "rigor"), new Choice("Opportunity", "opportunity")] },
            new InputElement("action.due", "Due", InputKind.Date) { Value = "2026-12-01" },
            new InputElement("action.class", "Removes a class of problems", InputKind.Toggle),
        ]));
        var inputs = All(card).Where(n => n["id"] is not null).ToList();
        Assert.Equal(["Input.Text", "Input.ChoiceSet", "Input.Date", "Input.Toggle"], inputs.Select(i => i["type"]!.GetValue<string>()));
        Assert.True(inputs[0]["isMultiline"]!.GetValue<bool>());
        Assert.Equal("Description is required.", inputs[0]["errorMessage"]!.GetValue<string>());
        Assert.True(inputs[1]["isMultiSelect"]!.GetValue<bool>());
        Assert.Equal("2026-12-01", inputs[2]["value"]!.GetValue<string>());
        Assert.Equal("true", inputs[3]["valueOn"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(CardTone.Attention, "attention")]
    [InlineData(CardTone.Good, "good")]
    [InlineData(CardTone.Default, "emphasis")]
    public void The_tone_colours_the_header(CardTone tone, string style) =>
        Assert.Equal(style, AdaptiveCardRenderer.Render(new Card("t") { Tone = tone })["body"]![0]!["style"]!.GetValue<string>());

    [Fact]
    public void A_person_input_is_the_people_picker_in_Teams_and_a_text_field_in_the_web_war_room()
    {
        const string objectId = "00000000-0000-0000-0000-0000000000a3";
        Card Form(string? value) => new("Reassign", [new InputElement("owner", "New owner", InputKind.Person) { IsRequired = true, Placeholder = "@name", Value = value }]);
        JsonObject Owner(JsonObject card) => All(card).Single(e => e["id"]?.GetValue<string>() == "owner");

        var web = Owner(AdaptiveCardRenderer.Render(Form("@Carol")));
        Assert.Equal("Input.Text", web["type"]!.GetValue<string>());
        Assert.Equal("@name", web["placeholder"]!.GetValue<string>());
        Assert.Equal("@Carol", web["value"]!.GetValue<string>());
        Assert.Null(web["choices.data"]);

        var teams = Owner(AdaptiveCardRenderer.RenderWithinLimit(Form(objectId.ToUpperInvariant())));
        Assert.Equal("Input.ChoiceSet", teams["type"]!.GetValue<string>());
        Assert.Empty(teams["choices"]!.AsArray());
        Assert.Equal("Data.Query", teams["choices.data"]!["type"]!.GetValue<string>());
        Assert.Equal("graph.microsoft.com/users", teams["choices.data"]!["dataset"]!.GetValue<string>());
        Assert.False(teams["isMultiSelect"]!.GetValue<bool>());
        Assert.True(teams["isRequired"]!.GetValue<bool>());
        Assert.Equal("New owner", teams["label"]!.GetValue<string>());
        Assert.Equal(objectId, teams["value"]!.GetValue<string>());

        // The picker can pre-select only an object id: a typed name is not carried over into it.
        Assert.Null(Owner(AdaptiveCardRenderer.RenderWithinLimit(Form("@Carol")))["value"]);
    }
}
