using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.AdaptiveCards;

/// <summary>
/// The text of a rendered card: RichTextBlocks of TextRuns. TextRun text is never read as markdown, so user text goes
/// in as it is, with control characters other than line breaks dropped.
/// </summary>
internal static class AdaptiveText
{
    internal static JsonObject Rich(JsonObject run, string? spacing = null) => Rich([run], spacing);

    internal static JsonObject Rich(IReadOnlyList<JsonObject> runs, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(runs.ToArray<JsonNode?>()) };
        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    /// <summary>
    /// The TextRuns of Core text in one style: a run per piece of <see cref="InlineText"/>, code in the monospace font and
    /// emphasis in italics. TextRun text is never read as markdown, so nothing else needs escaping.
    /// </summary>
    internal static List<JsonObject> Runs(string text, string? weight = null, string? color = null, string? size = null, bool subtle = false, bool monospace = false)
    {
        var runs = InlineText.Parse(text)
            .Select(r => Run(r.Text, weight, color, size, subtle, monospace || r.Kind == InlineKind.Code, italic: r.Kind == InlineKind.Emphasis))
            .ToList();
        return runs.Count > 0 ? runs : [Run(text, weight, color, size, subtle, monospace)];
    }

    internal static JsonObject Run(string text, string? weight = null, string? color = null, string? size = null, bool subtle = false, bool monospace = false, bool italic = false)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = Clean(text) };
        if (weight is not null) run["weight"] = weight;
        if (color is not null) run["color"] = color;
        if (size is not null) run["size"] = size;
        if (subtle) run["isSubtle"] = true;
        if (monospace) run["fontType"] = "Monospace";
        if (italic) run["italic"] = true;
        return run;
    }

    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c is not '\n')
            ? new string(text.Where(c => !char.IsControl(c) || c == '\n').ToArray())
            : text;
}
