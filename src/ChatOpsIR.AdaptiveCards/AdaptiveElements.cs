using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using static ChatOpsIR.AdaptiveCards.AdaptiveText;

namespace ChatOpsIR.AdaptiveCards;

/// <summary>The body elements of a card: text, facts and lists here; inputs through <see cref="AdaptiveInputs"/>.</summary>
internal static class AdaptiveElements
{
    internal static IEnumerable<JsonNode> Render(CardElement element, PersonInput person) => element switch
    {
        TextElement text => [Text(text)],
        FactsElement facts => [new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray(facts.Facts.Select(f => (JsonNode)new JsonObject
            {
                ["title"] = AdaptiveCardRenderer.EscapeMarkdown(InlineText.ToPlain(f.Title)),
                ["value"] = AdaptiveCardRenderer.EscapeMarkdown(InlineText.ToPlain(f.Value)),
            }).ToArray<JsonNode?>()),
        }],
        ListElement list => List(list),
        InputElement { Kind: InputKind.Person } input when person == PersonInput.TeamsPeoplePicker => [AdaptiveInputs.PeoplePicker(input)],
        InputElement input => [AdaptiveInputs.Render(input)],
        _ => [],
    };

    private static JsonNode Text(TextElement text) => text.Style switch
    {
        TextStyle.Heading => Rich(Runs(text.Text, weight: "Bolder", size: "Medium"), spacing: "Medium"),
        TextStyle.Subtle => Rich(Runs(text.Text, subtle: true, size: "Small")),
        TextStyle.Monospace => Rich(Run(text.Text, monospace: true)), // code as a whole, shown verbatim
        TextStyle.Error => Rich(Runs(text.Text, color: "Attention", weight: "Bolder")),
        _ => Rich(Runs(text.Text)),
    };

    private static IEnumerable<JsonNode> List(ListElement list)
    {
        if (list.Items.Count == 0)
        {
            yield return Rich(Runs(list.EmptyText ?? "Nothing to show.", subtle: true));
            yield break;
        }

        foreach (var item in list.Items)
        {
            var text = new JsonArray { Rich(Runs(item.Text)) };
            if (item.Detail is { } detail)
            {
                text.Add(Rich(Runs(detail, subtle: true, size: "Small")));
            }

            var columns = new JsonArray();
            if (item.Label is { } label)
            {
                columns.Add(new JsonObject
                {
                    ["type"] = "Column",
                    ["width"] = "auto",
                    ["items"] = new JsonArray(Rich(Run(InlineText.ToPlain(label), monospace: true, subtle: true))),
                });
            }
            else
            {
                columns.Add(new JsonObject { ["type"] = "Column", ["width"] = "auto", ["items"] = new JsonArray(Rich(Run("•"))) });
            }

            columns.Add(new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = text });
            yield return new JsonObject { ["type"] = "ColumnSet", ["spacing"] = "Small", ["columns"] = columns };
        }
    }
}
