using System.Text.Json;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Tests;

public class CardSerializationTests
{
    [Fact]
    public void A_reply_with_every_element_survives_a_round_trip_through_storage()
    {
        var card = new Card("INC-0001 · Outage",
        [
            new TextElement("hello", TextStyle.Heading),
            new FactsElement([new Fact("Severity", "SEV2")]),
            new ListElement([new ListItem("note", "09:05", "recorded 09:20")], "empty"),
            new InputElement("rootCause.description", "Description", InputKind.Choice) { IsRequired = true, Choices = [new Choice("A", "a")] },
        ],
        [CardButton.Command("Resolve", "resolve", ButtonStyle.Danger, "Sure?")])
        {
            Badge = "EXERCISE",
            Tone = CardTone.Warning,
        };
        var reply = BotReply.ToChannel("text", card);

        var json = JsonSerializer.Serialize(reply, CommandService.ReplyJson);
        var back = JsonSerializer.Deserialize<BotReply>(json, CommandService.ReplyJson)!;

        Assert.Equal(JsonSerializer.Serialize(reply, CommandService.ReplyJson), JsonSerializer.Serialize(back, CommandService.ReplyJson));
        Assert.Equal("resolve", back.Card!.Buttons[0].Data[CardVerbs.CommandLineKey]);
        Assert.IsType<InputElement>(back.Card.Body[3]);
    }
}
