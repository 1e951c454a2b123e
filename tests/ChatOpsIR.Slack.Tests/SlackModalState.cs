using System.Text.Json.Nodes;

namespace ChatOpsIR.Slack.Tests;

/// <summary>
/// Builds a view_submission's <c>view.state.values</c> the way Slack does (see the view_submission fixture): for each
/// input block of a rendered modal, the state of its element under its action_id, filled with the given answers. An
/// input without an answer is sent empty, as Slack sends one the person left blank.
/// </summary>
internal static class SlackModalState
{
    /// <summary>A view_submission of a rendered modal by <paramref name="user"/> (a payload's user object), as Slack sends it.</summary>
    public static JsonObject Submission(JsonObject view, JsonObject user, IReadOnlyDictionary<string, string> answers) => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = "T0001", ["domain"] = "example-sec" },
        ["user"] = user,
        ["api_app_id"] = "A0001",
        ["trigger_id"] = "99.1.submission",
        ["view"] = new JsonObject
        {
            ["id"] = "V0001",
            ["type"] = "modal",
            ["callback_id"] = view["callback_id"]!.DeepClone(),
            ["private_metadata"] = view["private_metadata"]!.DeepClone(),
            ["hash"] = "1732530000.abcdef",
            ["state"] = new JsonObject { ["values"] = Values(view, answers) },
        },
    };

    /// <summary>The state for a rendered modal view (its input blocks).</summary>
    public static JsonObject Values(JsonObject view, IReadOnlyDictionary<string, string> answers) =>
        Values(view["blocks"]!.AsArray().Select(b => b!.AsObject()).Where(b => (string)b["type"]! == "input"), answers);

    /// <summary>The state for these input blocks. Every answer must name one of them; a choice must be one of the element's options.</summary>
    public static JsonObject Values(IEnumerable<JsonObject> inputBlocks, IReadOnlyDictionary<string, string> answers)
    {
        var inputs = inputBlocks.ToList();
        foreach (var id in answers.Keys)
        {
            Assert.True(inputs.Any(b => (string)b["block_id"]! == id), $"The modal has no input '{id}'.");
        }

        var values = new JsonObject();
        foreach (var block in inputs)
        {
            var element = block["element"]!.AsObject();
            var type = (string)element["type"]!;
            var answer = answers.GetValueOrDefault((string)block["block_id"]!);
            var state = new JsonObject { ["type"] = type };
            switch (type)
            {
                case "plain_text_input":
                    state["value"] = answer;
                    break;
                case "datepicker":
                    state["selected_date"] = answer;
                    break;
                case "users_select":
                    state["selected_user"] = answer;
                    break;
                case "radio_buttons" or "static_select":
                    state["selected_option"] = answer is null ? null : Option(element, answer);
                    break;
                case "checkboxes" or "multi_static_select":
                    state["selected_options"] = new JsonArray((answer ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => (JsonNode?)Option(element, v)).ToArray());
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"The test cannot fill a {type}.");
            }

            values[(string)block["block_id"]!] = new JsonObject { [(string)element["action_id"]!] = state };
        }

        return values;
    }

    /// <summary>The element's option with this value, from its options or its option groups.</summary>
    private static JsonObject Option(JsonObject element, string value) =>
        (element["options"]?.AsArray() ?? []).Concat((element["option_groups"]?.AsArray() ?? []).SelectMany(g => g!["options"]!.AsArray()))
            .FirstOrDefault(o => (string)o!["value"]! == value)?.DeepClone().AsObject()
        ?? throw new Xunit.Sdk.XunitException($"The {element["type"]} has no option '{value}'.");
}
