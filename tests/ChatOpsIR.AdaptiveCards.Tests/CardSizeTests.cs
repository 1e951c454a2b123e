using System.Text;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.AdaptiveCards.Tests;

public class CardSizeTests
{
    private static int Bytes(System.Text.Json.Nodes.JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());

    private static Card LongTimeline(int entries) => new(
        "Timeline · INC-0042 Ransomware",
        [new ListElement(Enumerable.Range(1, entries).Select(i => new ListItem($"Entry {i}: {new string('x', 120)} ✓", $"10:{i % 60:00}", "Alice Example")).ToList())],
        [CardButton.Command("Resolve", "resolve", ButtonStyle.Danger)])
    {
        Subtitle = "opened by Alice",
    };

    [Fact]
    public void A_card_within_the_budget_is_unchanged()
    {
        var card = LongTimeline(5);
        Assert.Equal(AdaptiveCardRenderer.Render(card).ToJsonString(), AdaptiveCardRenderer.RenderWithinLimit(card).ToJsonString());
    }

    [Fact]
    public void A_long_card_is_cut_to_the_budget_and_says_where_the_rest_is()
    {
        var card = LongTimeline(1000);
        Assert.True(Bytes(AdaptiveCardRenderer.Render(card)) > AdaptiveCardRenderer.MaxCardBytes);

        var fitted = AdaptiveCardRenderer.RenderWithinLimit(card);
        Assert.InRange(Bytes(fitted), AdaptiveCardRenderer.MaxCardBytes - 2048, AdaptiveCardRenderer.MaxCardBytes);
        var body = fitted["body"]!.AsArray();
        Assert.Contains("Timeline · INC-0042 Ransomware", body[0]!.ToJsonString(StrictEscapes));
        Assert.Contains("Entry 1:", body[1]!.ToJsonString(StrictEscapes));
        Assert.Equal(AdaptiveCardRenderer.TruncatedNotice, body[^1]!["inlines"]![0]!["text"]!.GetValue<string>());
        Assert.Contains("web war room", AdaptiveCardRenderer.TruncatedNotice);
        Assert.Equal("Resolve", fitted["actions"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void A_long_form_is_cut_before_its_fields_and_keeps_its_error_and_inputs()
    {
        var card = new Card(
            "Post-mortem 3 of 9: Root causes",
            [
                new TextElement("Cause 30 saved by Alice."),
                .. Enumerable.Range(1, 30).Select(i => (CardElement)new TextElement($"Cause {i}: {new string('x', 1500)}")),
                new TextElement("Answer: Describe a root cause", TextStyle.Error),
                new InputElement("pm.cause.text", "Describe a root cause", InputKind.MultilineText) { IsRequired = true, Value = "typed before the error" },
                new InputElement("pm.cause.enabler", "What enabled it?", InputKind.Choice) { Choices = [new("Process", "process"), new("Tooling", "tooling")] },
            ],
            [new CardButton("Save cause, add another", "pm.answer", new Dictionary<string, string> { ["section"] = "root-causes" })]);
        Assert.True(Bytes(AdaptiveCardRenderer.Render(card)) > AdaptiveCardRenderer.MaxCardBytes);

        var fitted = AdaptiveCardRenderer.RenderWithinLimit(card);
        Assert.InRange(Bytes(fitted), AdaptiveCardRenderer.MaxCardBytes - 2048, AdaptiveCardRenderer.MaxCardBytes);
        var body = fitted["body"]!.AsArray().Select(e => e!.ToJsonString(StrictEscapes)).ToList();
        Assert.Contains("Cause 30 saved by Alice.", body[1]);
        Assert.Contains("Cause 1: ", body[2]);
        Assert.DoesNotContain(body, e => e.Contains("Cause 30: ", StringComparison.Ordinal));
        Assert.Contains(AdaptiveCardRenderer.TruncatedNotice, body[^4]);
        Assert.Contains("Answer: Describe a root cause", body[^3]);
        Assert.Contains("\"id\":\"pm.cause.text\"", body[^2]);
        Assert.Contains("typed before the error", body[^2]);
        Assert.Contains("\"id\":\"pm.cause.enabler\"", body[^1]);
        Assert.Equal("Save cause, add another", fitted["actions"]![0]!["title"]!.GetValue<string>());
    }

    private static readonly System.Text.Json.JsonSerializerOptions StrictEscapes = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
