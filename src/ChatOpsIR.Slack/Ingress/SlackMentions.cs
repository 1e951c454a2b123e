using System.Text;
using System.Text.RegularExpressions;
using ChatOpsIR.Core.Commands;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>A command line made neutral: mentions written as <c>@word</c>, and who each word is.</summary>
public sealed record SlackLine(string Text, IReadOnlyDictionary<string, UserMention> Mentions);

/// <summary>A form's values made neutral: a picked person written as <c>@word</c>, and who each word is.</summary>
public sealed record SlackFormValues(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, UserMention> Mentions);

/// <summary>
/// The one place Slack's references to people become Core's neutral mentions. Slack writes a person it identified as
/// <c>&lt;@U0002|bob&gt;</c> or <c>&lt;@U0002&gt;</c>, and a person picked in a modal reaches us the same way (see
/// <see cref="SlackPayloadReader.ReadModalValues"/>); Core reads <c>@word</c> and finds who it is in
/// <see cref="Core.Conversations.CommandContext.Mentions"/> under that word. The word is the Slack name when it is a
/// plain handle that stands for nobody else in the line, else the user id. Something typed as <c>@U0003</c> is not a
/// mention Slack made: it stays a name, and Core's resolver decides what it stands for.
/// </summary>
public static partial class SlackMentions
{
    /// <summary>The longest name taken from a mention; a longer one is left for the user directory to fill in.</summary>
    private const int MaxNameLength = 80;

    private static readonly char[] Blanks = [' ', '\t', '\n', '\r'];

    /// <summary>
    /// A command line as Slack sends it, made ready for Core: every mention as <c>@word</c>, and every other piece of
    /// markup as readable text (see <see cref="SlackMarkup.ToPlain"/>).
    /// </summary>
    public static SlackLine Translate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new SlackLine(string.Empty, Empty);
        }

        var found = Mention().Matches(text);
        var plain = new List<string>(found.Count + 1);
        var at = 0;
        foreach (Match match in found)
        {
            plain.Add(SlackMarkup.ToPlain(text[at..match.Index]));
            at = match.Index + match.Length;
        }

        plain.Add(SlackMarkup.ToPlain(text[at..]));
        var people = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (Match match in found)
        {
            var name = Name(match);
            if (!people.TryGetValue(match.Groups["id"].Value, out var known) || known is null)
            {
                people[match.Groups["id"].Value] = name;
            }
        }

        var typed = plain.SelectMany(p => p.Split(Blanks, StringSplitOptions.RemoveEmptyEntries))
            .Where(t => t.Length > 1 && t[0] == '@')
            .Select(t => t[1..])
            .ToHashSet(StringComparer.Ordinal);
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        var mentions = new Dictionary<string, UserMention>(StringComparer.Ordinal);
        foreach (var (id, name) in people)
        {
            var nameIsWord = name is not null && PlainHandle().IsMatch(name) && !typed.Contains(name)
                && !people.Any(other => other.Key != id && (other.Key == name || other.Value == name));
            var word = nameIsWord ? name! : id;
            words[id] = word;
            mentions[word] = new UserMention(id, name);
        }

        var line = new StringBuilder(plain[0]);
        for (var i = 0; i < found.Count; i++)
        {
            line.Append('@').Append(words[found[i].Groups["id"].Value]).Append(plain[i + 1]);
        }

        return new SlackLine(line.ToString(), mentions);
    }

    /// <summary>
    /// A submitted form's values: a value that is one mention (a person picked in a users_select) becomes <c>@</c> and
    /// the user id; every other value is kept exactly as it was typed.
    /// </summary>
    public static SlackFormValues TranslateValues(IReadOnlyDictionary<string, string> values)
    {
        var translated = new Dictionary<string, string>(values.Count, StringComparer.Ordinal);
        var mentions = new Dictionary<string, UserMention>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (WholeMention().Match(value.Trim()) is { Success: true } match)
            {
                var id = match.Groups["id"].Value;
                mentions[id] = new UserMention(id, Name(match));
                translated[key] = "@" + id;
            }
            else
            {
                translated[key] = value;
            }
        }

        return new SlackFormValues(translated, mentions);
    }

    /// <summary>The Slack user id in a person input's value as <see cref="TranslateValues"/> wrote it (a pick), else null.</summary>
    public static string? PickedUserId(string? value) =>
        value is not null && PickedUser().Match(value) is { Success: true } match ? match.Groups["id"].Value : null;

    /// <summary>True when a message starts by mentioning <paramref name="userId"/> (the bot: it is then a command, see <see cref="WithoutLeadingMention"/>).</summary>
    public static bool StartsWithMentionOf(string? text, string? userId) =>
        userId is not null && text is not null && LeadingMention().Match(text) is { Success: true } match && match.Groups["id"].Value == userId;

    /// <summary>A message without the mention it starts with: what follows `@ChatOpsIR` in an app_mention.</summary>
    public static string WithoutLeadingMention(string? text) => LeadingMention().Replace(text ?? string.Empty, string.Empty, 1);

    private static readonly IReadOnlyDictionary<string, UserMention> Empty = new Dictionary<string, UserMention>();

    /// <summary>The name a mention carries, as Slack wrote it (its &amp;amp; &amp;lt; &amp;gt; decoded); null when it has none or one too long to trust.</summary>
    private static string? Name(Match mention) =>
        mention.Groups["name"] is { Success: true } group && SlackMarkup.Decode(group.Value).Trim() is { Length: > 0 and <= MaxNameLength } name ? name : null;

    [GeneratedRegex("<@(?<id>[UW][A-Z0-9]+)(\\|(?<name>[^<>]*))?>", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    [GeneratedRegex("^<@(?<id>[UW][A-Z0-9]+)(\\|(?<name>[^<>]*))?>$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeMention();

    [GeneratedRegex("^\\s*<@(?<id>[UW][A-Z0-9]+)(\\|[^<>]*)?>\\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMention();

    /// <summary>A Slack handle: letters, digits, '.', '_' and '-' only, so it stays one word of the line.</summary>
    [GeneratedRegex("^[\\p{L}\\p{N}._-]{1,80}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainHandle();

    [GeneratedRegex("^@(?<id>[UW][A-Z0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PickedUser();
}
