using System.Text;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Teams.Cards;

namespace ChatOpsIR.Teams.Tests;

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

    private static readonly System.Text.Json.JsonSerializerOptions StrictEscapes = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
