using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Commands;

/// <summary>Why a command line could not be understood, with the usage of the verb when there is one.</summary>
public sealed record ParseError(string Message, string? Verb = null)
{
    public string? Usage => Verb is null ? null : HelpCatalog.Find(Verb)?.Usage;
}

public sealed record ParseResult(Command? Command, ParseError? Error)
{
    public bool Success => Command is not null;

    public static ParseResult Ok(Command command) => new(command, null);

    public static ParseResult Fail(string message, string? verb = null) => new(null, new ParseError(message, verb));
}

/// <summary>
/// The one parser of the command grammar. Pure: it reads text and knows nothing of clocks, platforms or
/// storage. Every platform hands it the line after its own prefix (`/ir`, the bot mention, nothing). It splits off
/// the verb and any incident reference; the verb groups with more to read have their grammar beside it
/// (<see cref="IncidentSetupGrammar"/>, <see cref="TimelineGrammar"/>, <see cref="EvidenceGrammar"/>, <see cref="ActionItemGrammar"/>).
/// </summary>
public static partial class CommandParser
{
    public const int MaxLineLength = 4000;

    public static ParseResult Parse(string? line)
    {
        line = (line ?? string.Empty).Trim();
        if (line.Length == 0)
        {
            return ParseResult.Ok(new HelpCommand(null));
        }

        if (line.Length > MaxLineLength)
        {
            return ParseResult.Fail($"That command is too long ({line.Length} characters; the limit is {MaxLineLength}).");
        }

        var split = line.IndexOfAny([' ', '\t', '\n', '\r']);
        var word = split < 0 ? line : line[..split];
        var rest = split < 0 ? string.Empty : line[(split + 1)..].Trim();
        var verb = HelpCatalog.Aliases.TryGetValue(word, out var canonical) ? canonical : word.ToLowerInvariant();
        if (verb == "make" && Tokens(rest) is [var next, ..] && string.Equals(next, "private", StringComparison.OrdinalIgnoreCase))
        {
            // `make private` reads as people say it; the second word is the verb.
            (word, verb, rest) = (next, "private", rest[next.Length..].Trim());
        }

        var reference = IncidentVerbs.Contains(verb) ? TakeReference(ref rest, trailingToo: ReferenceAnywhereVerbs.Contains(verb)) : null;
        var parsed = ParseVerb(verb, word, rest);
        return reference is { } number && parsed.Success ? ParseResult.Ok(parsed.Command! with { IncidentNumber = number }) : parsed;
    }

    /// <summary>Verbs that act on an incident and so take an optional reference right after the verb (`note INC-0003 …`).</summary>
    private static readonly HashSet<string> IncidentVerbs =
    [
        "note", "capture", "backfill", "status", "sev", "role", "invite", "private", "mark", "evidence", "resolve", "reopen", "close",
        "postmortem", "action", "timeline", "actions", "report", "audit", "access", "export", "summary",
    ];

    /// <summary>Verbs without free text, where the reference may also come last (`postmortem status INC-0003`).</summary>
    private static readonly HashSet<string> ReferenceAnywhereVerbs = ["postmortem", "timeline", "actions", "report", "capture", "backfill", "private", "audit", "export", "summary"];

    /// <summary>True for INC-0003, inc-3 or INC3; <paramref name="number"/> is then 3.</summary>
    public static bool TryIncidentReference(string token, out int number)
    {
        number = 0;
        var match = IncidentReferencePattern().Match(token);
        return match.Success
            && int.TryParse(match.Groups["number"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }

    /// <summary>Takes a reference off the front (or, when allowed, the end) of the arguments, keeping the rest as typed.</summary>
    private static int? TakeReference(ref string rest, bool trailingToo)
    {
        var tokens = Tokens(rest);
        if (tokens.Count == 0)
        {
            return null;
        }

        if (TryIncidentReference(tokens[0], out var number))
        {
            rest = rest[tokens[0].Length..].Trim();
            return number;
        }

        if (trailingToo && TryIncidentReference(tokens[^1], out number))
        {
            rest = rest[..^tokens[^1].Length].Trim();
            return number;
        }

        return null;
    }

    private static ParseResult ParseVerb(string verb, string word, string rest)
    {
        return verb switch
        {
            "declare" => IncidentSetupGrammar.ParseDeclare(rest),
            "note" => TimelineGrammar.ParseNote(rest, word.ToLowerInvariant()),
            "capture" => Tokens(rest.ToLowerInvariant()) switch
            {
                ["on"] => ParseResult.Ok(new CaptureCommand(true)),
                ["off"] => ParseResult.Ok(new CaptureCommand(false)),
                _ => ParseResult.Fail("Use `capture on` or `capture off`.", "capture"),
            },
            "backfill" => TimelineGrammar.ParseBackfill(rest),
            "status" => Required(rest, "status", "What is the status? For example: `status Contained; restoring from backup`.", t => new StatusCommand(t)),
            "sev" => IncidentSetupGrammar.ParseSeverity(rest),
            "role" => IncidentSetupGrammar.ParseRole(rest),
            "invite" => IncidentSetupGrammar.ParseInvite(rest),
            "private" => NoArguments(rest, "private", new MakePrivateCommand()),
            "mark" => TimelineGrammar.ParseMark(rest),
            "evidence" => EvidenceGrammar.Parse(rest),
            "resolve" => ParseResult.Ok(new ResolveCommand(rest.Length == 0 ? null : rest)),
            "reopen" => ParseResult.Ok(new ReopenCommand(rest.Length == 0 ? null : rest)),
            "close" => rest.Length > Incident.MaxCloseReasonLength
                ? ParseResult.Fail($"The reason is {rest.Length} characters; keep it under {Incident.MaxCloseReasonLength}.", "close")
                : Required(rest, "close", "Why close it? Give a reason the record keeps, e.g. `close False positive; no post-mortem needed`.", t => new CloseCommand(t)),
            "postmortem" => rest.Length == 0
                ? ParseResult.Ok(new PostMortemCommand(false))
                : string.Equals(rest, "status", StringComparison.OrdinalIgnoreCase)
                    ? ParseResult.Ok(new PostMortemCommand(true))
                    : ParseResult.Fail($"`postmortem` takes nothing, `status` or an incident reference such as `INC-0003`, not `{Shorten(rest)}`.", "postmortem"),
            "action" => ActionItemGrammar.ParseAction(rest),
            "access" => AccessGrammar.ParseAccess(rest),
            "timeline" => NoArguments(rest, "timeline", new TimelineCommand()),
            "summary" => SummaryGrammar.Parse(rest),
            "actions" => NoArguments(rest, "actions", new ListActionsCommand()),
            "report" => NoArguments(rest, "report", new ReportCommand()),
            "metrics" => NoArguments(rest, "metrics", new MetricsCommand()),
            "plan" => ParsePlan(rest),
            "audit" => rest.Length == 0 ? ParseResult.Ok(new AuditCommand(false))
                : string.Equals(rest, "verify", StringComparison.OrdinalIgnoreCase) ? ParseResult.Ok(new AuditCommand(true))
                : ParseResult.Fail($"Use `audit verify` to check the audit trail, or `audit [INC-0003]` to see an incident's changes (got `{Shorten(rest)}`).", "audit"),
            "export" => ParseExport(rest),
            "help" => ParseHelp(rest),
            _ => UnknownVerb(word),
        };
    }

    private static ParseResult UnknownVerb(string word)
    {
        var shown = word.Length > 40 ? word[..40] + "…" : word;
        var suggestion = HelpCatalog.Suggest(word);
        var hint = suggestion is null ? string.Empty : $" Did you mean `{suggestion}`?";
        return ParseResult.Fail($"I don't know the command `{shown}`.{hint} Type `help` to see what I can do.");
    }

    private static ParseResult Required(string rest, string verb, string missing, Func<string, Command> make) =>
        rest.Length == 0 ? ParseResult.Fail(missing, verb) : ParseResult.Ok(make(rest));

    private static ParseResult NoArguments(string rest, string verb, Command command) =>
        rest.Length == 0 ? ParseResult.Ok(command)
        : IncidentVerbs.Contains(verb) ? ParseResult.Fail($"`{verb}` takes only an incident reference such as `INC-0003` (got `{Shorten(rest)}`).", verb)
        : ParseResult.Fail($"`{verb}` takes no arguments (got `{Shorten(rest)}`).", verb);

    private static ParseResult ParsePlan(string rest)
    {
        var normalized = string.Join(' ', Tokens(rest.ToLowerInvariant()));
        return normalized switch
        {
            "review now" or "review" => ParseResult.Ok(new PlanReviewNowCommand()),
            "status" => ParseResult.Ok(new PlanStatusCommand()),
            _ => ParseResult.Fail("Use `plan review now` or `plan status`.", "plan"),
        };
    }

    private static ParseResult ParseExport(string rest) => Tokens(rest) switch
    {
        [] => ParseResult.Ok(new ExportCommand()),
        [var plan] when string.Equals(plan, "plan", StringComparison.OrdinalIgnoreCase) => ParseResult.Ok(new ExportPlanCommand(null)),
        [var plan, var year] when string.Equals(plan, "plan", StringComparison.OrdinalIgnoreCase)
            && year.Length == 4 && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 2000
            => ParseResult.Ok(new ExportPlanCommand(number)),
        [var plan, ..] when string.Equals(plan, "plan", StringComparison.OrdinalIgnoreCase)
            => ParseResult.Fail($"`export plan` takes a year such as 2026, or nothing for the latest sign-off (got `{Shorten(rest)}`).", "export"),
        _ => ParseResult.Fail($"`export` takes an incident reference such as `INC-0003`, or `plan [year]` (got `{Shorten(rest)}`).", "export"),
    };

    private static ParseResult ParseHelp(string rest)
    {
        if (rest.Length == 0)
        {
            return ParseResult.Ok(new HelpCommand(null));
        }

        var topic = Tokens(rest)[0];
        return HelpCatalog.Find(topic) is { } help
            ? ParseResult.Ok(new HelpCommand(help.Verb))
            : UnknownVerb(topic);
    }

    public static bool TryMention(string text, out UserMention? mention)
    {
        mention = null;
        text = text.Trim();
        if (text.Length > 1 && text[0] == '@')
        {
            var name = text[1..].Trim();
            if (name.Length is > 0 and <= 80 && !name.Any(c => char.IsControl(c) || c is '<' or '>' or '@'))
            {
                mention = new UserMention(name, name);
                return true;
            }
        }

        return false;
    }

    internal static List<string> Tokens(string text) =>
        text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    internal static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex("^INC-?(?<number>[0-9]{1,6})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IncidentReferencePattern();
}
