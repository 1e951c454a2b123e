using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Teams.Protocol;

namespace ChatOpsIR.Teams;

/// <summary>Turns Teams message text (HTML-ish, with <c>&lt;at&gt;</c> mentions) into a line of the command grammar.</summary>
public static partial class TeamsText
{
    /// <summary>Joins the words of a mentioned person's name, so the parser reads `@Bob Example` as one person.</summary>
    public const char NameJoiner = '\u00A0';

    private const char Marker = '\uE000';

    /// <summary>
    /// The command in a message: the bot's own mention removed (PROTOCOLS 2.6), HTML tags stripped and entities decoded,
    /// whitespace collapsed; every other mentioned person becomes <c>@word</c> (their name, its words joined by
    /// <see cref="NameJoiner"/>) and is listed in <c>Mentions</c> under that word with their Teams id, so Core takes the
    /// mention for the person Teams identified, not for whoever has that display name.
    /// </summary>
    public static (string Text, bool MentionsBot, IReadOnlyDictionary<string, UserMention> Mentions) CommandLine(Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;
        var mentionsBot = false;
        var mentions = new Dictionary<string, UserMention>(StringComparer.Ordinal);
        var people = new List<string>();
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.Type != "mention" || string.IsNullOrEmpty(entity.Text) || entity.Mentioned?.Id is not { Length: > 0 } id)
            {
                continue;
            }

            if (id == botId)
            {
                mentionsBot |= text.Contains(entity.Text, StringComparison.Ordinal);
                text = text.Replace(entity.Text, " ", StringComparison.Ordinal);
                continue;
            }

            // Entities come in the order the mentions appear; each takes the first occurrence of its text not yet taken,
            // so two people who share a display name stay two people.
            var at = text.IndexOf(entity.Text, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var token = UniqueToken(MentionName(entity.Mentioned.Name ?? StripTags(entity.Text)), id, mentions);
            mentions[token] = new UserMention(id, Clean(entity.Mentioned.Name) is { Length: > 0 } name ? name : token);
            people.Add(token);
            text = string.Concat(text.AsSpan(0, at), $" {Marker}{people.Count - 1}{Marker} ", text.AsSpan(at + entity.Text.Length));
        }

        var plain = Collapse(WebUtility.HtmlDecode(StripTags(text)));
        plain = MarkerPattern().Replace(plain, m => "@" + people[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
        return (plain, mentionsBot, mentions);
    }

    /// <summary>Plain text of an HTML message body: tags removed (block ends become spaces), entities decoded, whitespace collapsed.</summary>
    public static string HtmlToText(string? html) =>
        Collapse(WebUtility.HtmlDecode(StripTags(BlockEnds().Replace(html ?? string.Empty, " $0"))));

    /// <summary>Plain text of a message body from Teams or Graph, whose content is HTML or text.</summary>
    public static string BodyText(string? content, bool isHtml) => isHtml ? HtmlToText(content) : PlainText(content);

    /// <summary>Plain text with its whitespace collapsed (control characters dropped).</summary>
    public static string PlainText(string? text) => Collapse(text ?? string.Empty);

    private static string StripTags(string text) => Tags().Replace(text, string.Empty);

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string? Clean(string? name) => name is null ? null : Collapse(name);

    private static string MentionName(string name)
    {
        var words = Collapse(WebUtility.HtmlDecode(name)).Where(c => c is not ('@' or '<' or '>') && c != Marker).ToArray();
        var joined = new string(words).Replace(' ', NameJoiner);
        return joined.Length is > 0 and <= 60 ? joined : joined.Length > 60 ? joined[..60] : "someone";
    }

    private static string UniqueToken(string token, string id, Dictionary<string, UserMention> mentions)
    {
        var candidate = token;
        for (var n = 2; mentions.TryGetValue(candidate, out var taken) && taken.Id != id; n++)
        {
            candidate = $"{token}{NameJoiner}({n})";
        }

        return candidate;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("</(p|div|li|br)>|<br\\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnds();

    [GeneratedRegex("\uE000(\\d+)\uE000")]
    private static partial Regex MarkerPattern();
}
