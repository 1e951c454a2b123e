using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Slack.BlockKit;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// Reads what Slack sends back from what <see cref="BlockKitRenderer"/> drew: a pressed button's verb and data, what
/// was pressed and how it was titled, and a submitted modal's input values. Everything read is untrusted; anything
/// malformed reads as null or is left out.
/// </summary>
public static class SlackPayloadReader
{
    /// <summary>
    /// Reads a block_actions action back into the verb and data its button was rendered with — from a button's
    /// <c>value</c> or an overflow option's <c>selected_option.value</c>, which are the same; null for anything else.
    /// </summary>
    public static (string Verb, IReadOnlyDictionary<string, string> Data)? ReadButton(JsonObject action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return PressedValue(action) is { } value ? ReadValue(value) : null;
    }

    /// <summary>The value a block_actions action carries: a button's <c>value</c>, an overflow's chosen option's; null for other elements.</summary>
    public static string? PressedValue(JsonObject action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return AsString(action["type"]) switch
        {
            null or "button" => AsString(action["value"]),
            "overflow" => AsString(action["selected_option"]?["value"]),
            _ => null,
        };
    }

    /// <summary>The title of what was pressed, as the person saw it: a button's text or the chosen overflow option's.</summary>
    public static string? PressedTitle(JsonObject action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return AsString(action["type"]) == "overflow" ? AsString(action["selected_option"]?["text"]?["text"]) : AsString(action["text"]?["text"]);
    }

    /// <summary>
    /// Reads a view_submission's <c>view.state.values</c> into input id → value. Multiple selections are joined with ",",
    /// a toggle reads "true" or "false"; inputs left empty (Slack sends null) are absent.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadModalValues(JsonObject viewStateValues)
    {
        ArgumentNullException.ThrowIfNull(viewStateValues);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (blockId, node) in viewStateValues)
        {
            if (node is not JsonObject actions)
            {
                continue;
            }

            var ordered = actions.OrderBy(a => a.Key switch { BlockKitRenderer.ValueActionId => 0, BlockKitRenderer.ToggleActionId => 1, _ => 2 });
            foreach (var (actionId, state) in ordered)
            {
                if (state is JsonObject element && ReadElementState(actionId, element) is { } value)
                {
                    values[blockId] = value;
                    break;
                }
            }
        }

        return values;
    }

    private static (string Verb, IReadOnlyDictionary<string, string> Data)? ReadValue(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? verb = null;
            var data = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                var text = property.Value.GetString()!;
                if (property.Name == "verb")
                {
                    if (verb is not null)
                    {
                        return null;
                    }

                    verb = text;
                }
                else if (!data.TryAdd(property.Name, text))
                {
                    return null;
                }
            }

            return string.IsNullOrEmpty(verb) ? null : (verb, data);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadElementState(string actionId, JsonObject state)
    {
        if (actionId == BlockKitRenderer.ToggleActionId)
        {
            return state["selected_options"] is JsonArray toggled
                ? toggled.Any(o => AsString(o?["value"]) == BlockKitRenderer.ToggleOn) ? BlockKitRenderer.ToggleOn : BlockKitRenderer.ToggleOff
                : null;
        }

        return AsString(state["type"]) switch
        {
            "static_select" or "radio_buttons" or "external_select" => AsString(state["selected_option"]?["value"]),
            "multi_static_select" or "checkboxes" or "multi_external_select" => Join(state["selected_options"], o => o?["value"]),
            "datepicker" => AsString(state["selected_date"]),
            "timepicker" => AsString(state["selected_time"]),
            // As Slack writes a mention: SlackMentions makes a picked person neutral for Core, like one named in a command.
            "users_select" => AsString(state["selected_user"]) is { Length: > 0 } user ? $"<@{user}>" : null,
            "multi_users_select" => Join(state["selected_users"], u => u),
            "conversations_select" => AsString(state["selected_conversation"]),
            "channels_select" => AsString(state["selected_channel"]),
            _ => AsString(state["value"]),
        };
    }

    private static string? Join(JsonNode? node, Func<JsonNode?, JsonNode?> pick) =>
        node is JsonArray items ? string.Join(",", items.Select(i => AsString(pick(i))).OfType<string>()) : null;

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
