using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>What read as blame in a piece of wording, and a systemic way to say it instead.</summary>
public sealed record BlameHint(string Term, string Suggestion);

/// <summary>
/// Checks causes and lessons for blaming language. The word list is data (an embedded JSON file, replaceable by
/// configuration): some terms are flagged anywhere ("human error", "careless"); others only beside a person's name
/// ("Sam's fault", "@alex forgot"). The author is shown a systemic rewording and may keep their own words.
/// </summary>
public sealed partial class BlameCoach
{
    private readonly IReadOnlyList<(Regex Pattern, BlameTerm Term)> _anywhere;
    private readonly IReadOnlyList<(Regex Pattern, BlameTerm Term)> _withName;

    private BlameCoach(BlameLanguage language)
    {
        _anywhere = (language.Anywhere ?? []).Where(t => !string.IsNullOrWhiteSpace(t.Term)).Select(t => (Pattern(t.Term), t)).ToList();
        _withName = (language.WithName ?? []).Where(t => !string.IsNullOrWhiteSpace(t.Term)).Select(t => (Pattern(t.Term), t)).ToList();
    }

    /// <summary>The built-in word list.</summary>
    public static BlameCoach Default { get; } = Load(typeof(BlameCoach).Assembly.GetManifestResourceStream("ChatOpsIR.Core.PostMortems.blame-language.json")
        ?? throw new InvalidOperationException("The built-in blame word list is missing from the assembly."));

    public static BlameCoach FromFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    public static BlameCoach Load(Stream json)
    {
        var language = JsonSerializer.Deserialize<BlameLanguage>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip })
            ?? throw new InvalidDataException("The blame word list is empty.");
        return new BlameCoach(language);
    }

    /// <summary>The first blaming wording found, or null. <paramref name="names"/> are people's names known in the incident.</summary>
    public BlameHint? Check(string text, IEnumerable<string> names)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var (pattern, term) in _anywhere)
        {
            if (pattern.Match(text) is { Success: true } match)
            {
                return new BlameHint(match.Value, term.Suggest ?? "Describe the conditions that allowed it, not the person.");
            }
        }

        var known = names.Where(n => n.Trim().Length >= 2).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var sentence in SentenceSplit().Split(text))
        {
            foreach (var (pattern, term) in _withName)
            {
                if (pattern.Match(sentence) is not { Success: true } match)
                {
                    continue;
                }

                if (NamedPerson(sentence, match.Index, known) is { } person)
                {
                    return new BlameHint($"{person} … {match.Value}", term.Suggest ?? "Describe the conditions that allowed it, not the person.");
                }
            }
        }

        return null;
    }

    /// <summary>Checks wording written in a post-mortem against the names of the people in its incident.</summary>
    public BlameHint? Check(string text, Incident incident, PostMortem postMortem) => Check(text, PeopleNamed(incident, postMortem));

    /// <summary>Names of the people in this incident, so "Sam forgot…" is recognised as naming someone.</summary>
    private static IEnumerable<string> PeopleNamed(Incident incident, PostMortem postMortem) =>
        incident.Roles.Select(r => r.UserName)
            .Append(incident.DeclaredByName)
            .Concat(postMortem.Findings.Select(f => f.ByName))
            .Concat(postMortem.Answers.Select(a => a.ByName))
            .Where(n => n != ChatUser.System.DisplayName);

    private static string? NamedPerson(string sentence, int termAt, IReadOnlyList<string> known)
    {
        if (Mention().Match(sentence) is { Success: true } mention)
        {
            return mention.Value;
        }

        foreach (var name in known)
        {
            if (Regex.IsMatch(sentence, $@"(?<![\w]){Regex.Escape(name)}(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
            {
                return name;
            }
        }

        // "Sam's fault", "Priya's mistake": a capitalised possessive right before the term.
        var before = sentence[..termAt];
        return Possessive().Match(before) is { Success: true } possessive ? possessive.Groups["name"].Value : null;
    }

    private static Regex Pattern(string term) =>
        new($@"(?<![\w]){Regex.Escape(term.Trim()).Replace(@"\ ", @"\s+", StringComparison.Ordinal).Replace("'", "['’]", StringComparison.Ordinal)}(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    [GeneratedRegex(@"(?<=[.!?;\n])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceSplit();

    [GeneratedRegex(@"(?<![\w])@[\w.\-]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    [GeneratedRegex(@"(?<name>\p{Lu}[\p{L}\-]+)['’]s(\s+\w+){0,2}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Possessive();

    private sealed record BlameLanguage(IReadOnlyList<BlameTerm>? Anywhere, IReadOnlyList<BlameTerm>? WithName);

    private sealed record BlameTerm(string Term, string? Suggest);
}
