using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.AdaptiveCards.Tests;

/// <summary>Core's inline markup as Adaptive Cards show it (Teams and the web war room), and buttons behind the "…" menu.</summary>
public class AdaptiveCardMarkupTests
{
    private static JsonArray Body(JsonObject card) => card["body"]!.AsArray();

    [Fact]
    public void Code_and_emphasis_become_their_own_text_runs_without_the_markers()
    {
        var card = AdaptiveCardRenderer.Render(new Card("Hint", [new TextElement("Add events with `note <text> at 14:05`; this is _important_, file_name_here is not.", TextStyle.Subtle)]));

        var runs = Body(card)[1]!["inlines"]!.AsArray();
        Assert.Equal("RichTextBlock", (string)Body(card)[1]!["type"]!);
        Assert.Equal(["Add events with ", "note <text> at 14:05", "; this is ", "important", ", file_name_here is not."], runs.Select(r => (string)r!["text"]!));
        Assert.Equal([null, "Monospace", null, null, null], runs.Select(r => (string?)r!["fontType"]));
        Assert.Equal([null, null, null, true, null], runs.Select(r => (bool?)r!["italic"]));
        Assert.All(runs, r => Assert.True((bool)r!["isSubtle"]!));
    }

    [Fact]
    public void Strings_that_cannot_hold_runs_drop_the_markers()
    {
        var card = AdaptiveCardRenderer.Render(new Card("Use `note`", [
            new FactsElement([new Fact("`Owner`", "_bob_")]),
            new InputElement("why", "Why `skip`?", InputKind.Text) { Placeholder = "Type `n/a`", IsRequired = true },
        ], [CardButton.Command("Run `x`", "x")]) { Subtitle = "See `timeline`" });

        Assert.Equal("Use note", (string)Body(card)[0]!["items"]![0]!["inlines"]![0]!["text"]!);
        Assert.Equal(["See ", "timeline"], Body(card)[0]!["items"]![1]!["inlines"]!.AsArray().Select(r => (string)r!["text"]!));
        Assert.Equal("Use note: See timeline", (string)card["fallbackText"]!);
        var fact = Body(card)[1]!["facts"]![0]!;
        Assert.Equal("Owner", (string)fact["title"]!);
        Assert.Equal("bob", (string)fact["value"]!);
        var input = Body(card)[2]!;
        Assert.Equal("Why skip?", (string)input["label"]!);
        Assert.Equal("Type n/a", (string)input["placeholder"]!);
        Assert.Equal("Why skip? is required.", (string)input["errorMessage"]!);
        Assert.Equal("Run x", (string)card["actions"]![0]!["title"]!);
    }

    [Fact]
    public void User_markup_outside_code_and_emphasis_is_still_never_markdown()
    {
        var card = AdaptiveCardRenderer.Render(new Card("t", [new FactsElement([new Fact("**x**", "[link](https://evil.invalid) `<at>Bob</at>`")])]));

        Assert.Equal("\\*\\*x\\*\\*", (string)Body(card)[1]!["facts"]![0]!["title"]!);
        Assert.Equal("\\[link\\]\\(https://evil\\.invalid\\) &lt;at\\>Bob&lt;/at\\>", (string)Body(card)[1]!["facts"]![0]!["value"]!);
    }

    [Fact]
    public void Buttons_after_the_third_are_secondary_so_they_sit_behind_the_more_menu()
    {
        var card = AdaptiveCardRenderer.Render(new Card("Many", [], [
            CardButton.Command("One", "one", ButtonStyle.Primary),
            CardButton.Command("Two", "two"),
            CardButton.Link("Report", "https://chatopsir.invalid/r"),
            CardButton.Command("Four", "four"),
            CardButton.Command("Resolve", "resolve", ButtonStyle.Danger, "Sure?"),
        ]));

        var actions = card["actions"]!.AsArray();
        Assert.Equal(["One", "Two", "Report", "Four", "Resolve"], actions.Select(a => (string)a!["title"]!));
        Assert.Equal([null, null, null, "secondary", "secondary"], actions.Select(a => (string?)a!["mode"]));
        Assert.Equal("Action.ShowCard", (string)actions[4]!["type"]!);
    }

    [Fact]
    public void Three_buttons_are_all_shown()
    {
        var card = AdaptiveCardRenderer.Render(new Card("Few", [], [.. new[] { "A", "B", "C" }.Select(t => CardButton.Command(t, t))]));

        Assert.All(card["actions"]!.AsArray(), a => Assert.Null(a!["mode"]));
    }
}
