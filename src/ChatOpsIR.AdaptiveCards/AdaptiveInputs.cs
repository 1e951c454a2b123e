using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.AdaptiveCards;

/// <summary>The inputs of a form card: Input.Text, Input.Date, Input.Toggle, Input.ChoiceSet, and Teams' people picker.</summary>
internal static class AdaptiveInputs
{
    internal static JsonNode Render(InputElement input)
    {
        var label = InlineText.ToPlain(input.Label);
        var node = new JsonObject { ["id"] = input.Id, ["label"] = label };
        switch (input.Kind)
        {
            case InputKind.Text or InputKind.MultilineText or InputKind.Person:
                node["type"] = "Input.Text";
                node["isMultiline"] = input.Kind == InputKind.MultilineText;
                if (input.MaxLength is { } max)
                {
                    node["maxLength"] = max;
                }

                break;
            case InputKind.Date:
                node["type"] = "Input.Date";
                break;
            case InputKind.Toggle:
                node["type"] = "Input.Toggle";
                node["title"] = label;
                node["valueOn"] = "true";
                node["valueOff"] = "false";
                break;
            case InputKind.Choice or InputKind.MultiChoice:
                node["type"] = "Input.ChoiceSet";
                node["isMultiSelect"] = input.Kind == InputKind.MultiChoice;
                node["style"] = input.Choices.Count <= 4 ? "expanded" : "compact";
                node["choices"] = new JsonArray(input.Choices.Select(c => (JsonNode)new JsonObject { ["title"] = InlineText.ToPlain(c.Title), ["value"] = c.Value }).ToArray<JsonNode?>());
                break;
        }

        if (input.Placeholder is { } placeholder && input.Kind is InputKind.Text or InputKind.MultilineText or InputKind.Person)
        {
            node["placeholder"] = InlineText.ToPlain(placeholder);
        }

        if (input.Value is { } value)
        {
            node["value"] = value;
        }

        if (input.IsRequired)
        {
            node["isRequired"] = true;
            node["errorMessage"] = $"{InlineText.ToPlain(input.Label)} is required.";
        }

        return node;
    }

    /// <summary>
    /// Teams' people picker for one person. A value given (a form shown again with what was submitted) is kept only when
    /// it is an Entra object id, the only value the picker can show; a name typed elsewhere cannot be pre-selected.
    /// </summary>
    internal static JsonNode PeoplePicker(InputElement input)
    {
        var node = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = input.Id,
            ["label"] = InlineText.ToPlain(input.Label),
            ["choices"] = new JsonArray(),
            ["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = AdaptiveCardRenderer.PeopleDataset },
            ["isMultiSelect"] = false,
            ["placeholder"] = "Search for a person",
        };
        if (input.Value is { } value && Guid.TryParse(value, out var objectId))
        {
            node["value"] = objectId.ToString("D");
        }

        if (input.IsRequired)
        {
            node["isRequired"] = true;
            node["errorMessage"] = $"{InlineText.ToPlain(input.Label)} is required.";
        }

        return node;
    }
}
