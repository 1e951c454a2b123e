using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ChatOpsIR.Teams.Protocol;

namespace ChatOpsIR.Teams.Activities;

/// <summary>Reads an activity's <c>value</c>: an invoke's typed value, and the verb and data a card button carries.</summary>
public static class TeamsCardData
{
    /// <summary>The value as <typeparamref name="T"/>; default when it is not an object of that shape.</summary>
    public static T? Read<T>(JsonElement? value, JsonTypeInfo<T> type)
    {
        if (value is not { ValueKind: JsonValueKind.Object } element)
        {
            return default;
        }

        try
        {
            return element.Deserialize(type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>
    /// The button of an <c>Action.Submit</c> (the fallback of our <c>Action.Execute</c> buttons on old clients): a
    /// message whose value is the button's data with its verb. Null for any other message.
    /// </summary>
    public static (string Verb, IReadOnlyDictionary<string, string> Data)? Submitted(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value || !value.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return (verb.GetString()!, Strings(JsonNode.Parse(value.GetRawText()) as JsonObject));
    }

    /// <summary>Card data and inputs as strings (what Core's buttons carry); nested objects such as <c>msteams</c> are skipped.</summary>
    public static Dictionary<string, string> Strings(JsonObject? data)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in data ?? [])
        {
            if (node is JsonValue leaf)
            {
                result[key] = leaf.GetValueKind() == JsonValueKind.String ? leaf.GetValue<string>() : leaf.ToJsonString();
            }
        }

        return result;
    }
}
