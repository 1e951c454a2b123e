using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsIR.Core.Incidents;
using static ChatOpsIR.Core.Commands.CommandParser;

namespace ChatOpsIR.Core.Commands;

/// <summary>
/// The grammar of the `evidence` family: recording an item (`evidence Memory image of FS01 [sha256] [link]`), the form
/// (a bare `evidence`), reading (`evidence E2`, `evidence list`) and the steps of the chain of custody
/// (`evidence stored|transfer|verify|release|dispose|supersede E2 …`).
/// </summary>
internal static partial class EvidenceGrammar
{
    /// <summary>The words that start a custody step; a description may not begin with one of them.</summary>
    private static readonly Dictionary<string, CustodyStep> StepWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["stored"] = CustodyStep.Stored,
        ["store"] = CustodyStep.Stored,
        ["transfer"] = CustodyStep.Transferred,
        ["verify"] = CustodyStep.Verified,
        ["release"] = CustodyStep.Released,
        ["dispose"] = CustodyStep.Disposed,
        ["supersede"] = CustodyStep.Superseded,
    };

    internal static ParseResult Parse(string rest)
    {
        var tokens = Tokens(rest);
        if (tokens.Count == 0)
        {
            return ParseResult.Ok(new EvidenceFormCommand());
        }

        // Reading takes the incident's reference last too: `evidence list INC-0003`, `evidence E2 INC-0003`.
        int? reference = tokens is [_, var last] && TryIncidentReference(last, out var named) ? named : null;
        var reading = reference is null ? tokens : tokens[..1];
        if (reading is [var only] && string.Equals(only, "list", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult.Ok(new ListEvidenceCommand { IncidentNumber = reference });
        }

        if (reading is [var single] && TryItem(single, out var shown))
        {
            return ParseResult.Ok(new ShowEvidenceCommand(shown) { IncidentNumber = reference });
        }

        if (StepWords.TryGetValue(tokens[0], out var step))
        {
            return ParseStep(step, tokens);
        }

        return ParseRecord(tokens);
    }

    /// <summary>The usage of one step, for its error messages.</summary>
    internal static string Usage(CustodyStep step) => step switch
    {
        CustodyStep.Stored => "evidence stored E2 <where it is kept>",
        CustodyStep.Transferred => "evidence transfer E2 @person <why>",
        CustodyStep.Verified => "evidence verify E2 <sha256>",
        CustodyStep.Released => "evidence release E2 <to whom and why>",
        CustodyStep.Disposed => "evidence dispose E2 <how and why>",
        CustodyStep.Superseded => "evidence supersede E2 <reason>",
        _ => "evidence <description> [sha256] [link]",
    };

    /// <summary>The step a word names (`stored`, `transfer`, `verify`, `release`, `dispose`, `supersede`), as typed or picked in the form.</summary>
    internal static bool TryStep(string word, out CustodyStep step) => StepWords.TryGetValue(word, out step);

    /// <summary>True for a 64-character hexadecimal SHA-256.</summary>
    internal static bool IsSha256(string text) => Sha256Pattern().IsMatch(text);

    /// <summary>True for E2 (or e2): <paramref name="number"/> is then 2.</summary>
    internal static bool TryItem(string token, out int number)
    {
        number = 0;
        return token.Length > 1 && token[0] is 'E' or 'e'
            && int.TryParse(token.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number is > 0 and < 1_000_000;
    }

    private static ParseResult ParseStep(CustodyStep step, List<string> tokens)
    {
        var word = tokens[0].ToLowerInvariant();
        if (tokens.Count < 2 || !TryItem(tokens[1], out var number))
        {
            var got = tokens.Count < 2 ? "nothing" : $"`{Shorten(tokens[1])}`";
            return Fail($"Which item? After `{word}` comes its reference, such as E2, and I got {got}. Use `{Usage(step)}`.");
        }

        var after = tokens.Skip(2).ToList();
        switch (step)
        {
            case CustodyStep.Verified:
                if (after is not [var hash] || !IsSha256(hash))
                {
                    var given = after.Count == 0 ? "No hash was given" : $"`{Shorten(string.Join(' ', after))}` is not a SHA-256";
                    return Fail($"{given}: a SHA-256 is 64 characters, 0-9 and a-f. Use `{Usage(step)}`.");
                }

                return ParseResult.Ok(new CustodyCommand(step, number, null, Sha256: hash.ToLowerInvariant()));

            case CustodyStep.Transferred:
                if (after.Count == 0 || !TryMention(after[0], out var to))
                {
                    var got = after.Count == 0 ? "nothing" : $"`{Shorten(after[0])}`";
                    return Fail($"To whom? Name the person who takes E{number} as @name (I got {got}). Use `{Usage(step)}`.");
                }

                return Text(step, number, after.Skip(1).ToList(), "Why is it handed over? Give the reason the record keeps.", to);

            case CustodyStep.Stored:
                return Text(step, number, after, "Where is it kept? Name the locker, bucket or path.");

            case CustodyStep.Released:
                return Text(step, number, after, "To whom is it released, and why?");

            case CustodyStep.Disposed:
                return Text(step, number, after, "How was it disposed of, and why?");

            default:
                return Text(step, number, after, "Why is it superseded? Give the reason the record keeps.");
        }
    }

    private static ParseResult Text(CustodyStep step, int number, List<string> tokens, string missing, UserMention? to = null)
    {
        var text = string.Join(' ', tokens);
        if (text.Length == 0)
        {
            return Fail($"{missing} Use `{Usage(step)}`.");
        }

        if (text.Length > CustodyEntry.MaxTextLength)
        {
            return Fail($"That is {text.Length} characters; keep it under {CustodyEntry.MaxTextLength}.");
        }

        return ParseResult.Ok(new CustodyCommand(step, number, text, to));
    }

    private static ParseResult ParseRecord(List<string> tokens)
    {
        string? sha = null;
        string? link = null;
        var end = tokens.Count;
        while (end > 1)
        {
            var token = tokens[end - 1];
            if (sha is null && IsSha256(token))
            {
                sha = token.ToLowerInvariant();
            }
            else if (link is null && Uri.TryCreate(token, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            {
                link = uri.AbsoluteUri;
            }
            else
            {
                break;
            }

            end--;
        }

        var description = string.Join(' ', tokens.Take(end));
        if (description.Length == 0)
        {
            return Fail("Describe the evidence, e.g. `evidence Memory image of FS01 <sha256> <link>`.");
        }

        if (description.Length > Evidence.MaxDescriptionLength)
        {
            return Fail($"The description is {description.Length} characters; the limit is {Evidence.MaxDescriptionLength}.");
        }

        return ParseResult.Ok(new EvidenceCommand(description, sha, link));
    }

    private static ParseResult Fail(string message) => ParseResult.Fail(message, "evidence");

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Pattern();
}
