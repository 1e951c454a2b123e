using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using static ChatOpsIR.AdaptiveCards.AdaptiveText;

namespace ChatOpsIR.AdaptiveCards;

/// <summary>
/// The buttons of a card: Action.OpenUrl for links, Action.Execute (with an Action.Submit fallback) for verbs, and an
/// Action.ShowCard that asks first where a button wants confirming.
/// </summary>
internal static class AdaptiveButtons
{
    internal static JsonNode Render(CardButton button, bool secondary)
    {
        var action = Action(button);
        if (secondary)
        {
            action["mode"] = "secondary";
        }

        return action;
    }

    private static JsonObject Action(CardButton button)
    {
        var title = InlineText.ToPlain(button.Title);
        if (button.Url is { } url)
        {
            return new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };
        }

        var execute = Execute(title, button);
        if (button.Confirm is null)
        {
            return execute;
        }

        // Adaptive Cards have no confirmation dialog: the button opens a small card that asks first.
        // "Yes, resolve" where it fits a button; a longer title ("Publish version 2") stands as it is, so it is read whole.
        var yes = $"Yes, {title.ToLowerInvariant()}";
        execute["title"] = yes.Length <= CardButton.MaxTitleLength ? yes : title;
        return new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = title,
            ["card"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["body"] = new JsonArray(Rich(Runs(button.Confirm))),
                ["actions"] = new JsonArray(execute),
            },
        };
    }

    private static JsonObject Execute(string title, CardButton button)
    {
        var data = new JsonObject { ["verb"] = button.Verb };
        foreach (var (key, value) in button.Data)
        {
            data[key] = value;
        }

        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = button.Verb,
            ["data"] = data,
            ["associatedInputs"] = button.SubmitsInputs ? "auto" : "none",
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data.DeepClone(), ["associatedInputs"] = button.SubmitsInputs ? "auto" : "none" },
        };
        var style = button.Style switch { ButtonStyle.Primary => "positive", ButtonStyle.Danger => "destructive", _ => null };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }
}
