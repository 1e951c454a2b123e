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
/// storage. Every platform hands it the line after its own prefix (`/ir`, the bot mention, nothing).
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
        var reference = IncidentVerbs.Contains(verb) ? TakeReference(ref rest, trailingToo: ReferenceAnywhereVerbs.Contains(verb)) : null;
        var parsed = ParseVerb(verb, word, rest);
        return reference is { } number && parsed.Success ? ParseResult.Ok(parsed.Command! with { IncidentNumber = number }) : parsed;
    }

    /// <summary>Verbs that act on an incident and so take an optional reference right after the verb (`note INC-0003 …`).</summary>
    private static readonly HashSet<string> IncidentVerbs =
    [
        "note", "capture", "backfill", "status", "sev", "role", "mark", "evidence", "resolve", "reopen", "close",
        "postmortem", "action", "timeline", "actions", "report",
    ];

    /// <summary>Verbs without free text, where the reference may also come last (`postmortem status INC-0003`).</summary>
    private static readonly HashSet<string> ReferenceAnywhereVerbs = ["postmortem", "timeline", "actions", "report", "capture", "backfill"];

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
            "declare" => ParseDeclare(rest),
            "note" => ParseNote(rest, word.ToLowerInvariant()),
            "capture" => Tokens(rest.ToLowerInvariant()) switch
            {
                ["on"] => ParseResult.Ok(new CaptureCommand(true)),
                ["off"] => ParseResult.Ok(new CaptureCommand(false)),
                _ => ParseResult.Fail("Use `capture on` or `capture off`.", "capture"),
            },
            "backfill" => ParseBackfill(rest),
            "status" => Required(rest, "status", "What is the status? For example: `status Contained; restoring from backup`.", t => new StatusCommand(t)),
            "sev" => ParseSeverity(rest),
            "role" => ParseRole(rest),
            "mark" => ParseMark(rest),
            "evidence" => ParseEvidence(rest),
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
            "action" => ParseAction(rest),
            "timeline" => NoArguments(rest, "timeline", new TimelineCommand()),
            "actions" => NoArguments(rest, "actions", new ListActionsCommand()),
            "report" => NoArguments(rest, "report", new ReportCommand()),
            "metrics" => NoArguments(rest, "metrics", new MetricsCommand()),
            "plan" => ParsePlan(rest),
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

    private static ParseResult ParseDeclare(string rest)
    {
        if (rest.Length == 0)
        {
            return ParseResult.Ok(new DeclareFormCommand());
        }

        var tokens = Tokens(rest);
        int? severity = null;
        var exercise = ExerciseKind.None;
        var newChannel = false;
        var end = tokens.Count;
        while (end > 0)
        {
            var token = tokens[end - 1].ToLowerInvariant();
            if (TrySeverityFlag(token, out var sev))
            {
                if (severity is not null && severity != sev)
                {
                    return ParseResult.Fail("Give one severity only, e.g. `sev2`.", "declare");
                }

                severity = sev;
            }
            else if (token is "exercise" or "tabletop" or "simulation")
            {
                exercise = token == "simulation" ? ExerciseKind.Simulation : ExerciseKind.Tabletop;
            }
            else if (token is "new-channel" or "newchannel" or "--new-channel")
            {
                newChannel = true;
            }
            else if (token.StartsWith("sev", StringComparison.Ordinal) && token.Length <= 5)
            {
                return ParseResult.Fail($"`{tokens[end - 1]}` is not a severity. Use sev1 (critical) to sev4 (low).", "declare");
            }
            else
            {
                break;
            }

            end--;
        }

        var title = string.Join(' ', tokens.Take(end));
        if (title.Length == 0)
        {
            return ParseResult.Fail("Give the incident a title, e.g. `declare Ransomware on file server sev2`.", "declare");
        }

        if (title.Length > Incident.MaxTitleLength)
        {
            return ParseResult.Fail($"The title is {title.Length} characters; keep it under {Incident.MaxTitleLength}.", "declare");
        }

        return ParseResult.Ok(new DeclareCommand(title, severity, exercise, newChannel));
    }

    private static ParseResult ParseNote(string rest, string word)
    {
        if (rest.Length == 0)
        {
            return ParseResult.Fail($"What should the timeline say? For example: `{word} Isolated FS01 at 14:05`.", "note");
        }

        var tokens = Tokens(rest);
        TimeExpression? at = null;
        var keep = tokens.Count;
        if (tokens.Count >= 2 && TryTrailingTime(tokens, out at, out var used) && tokens.Count - used - 1 > 0
            && string.Equals(tokens[^(used + 1)], "at", StringComparison.OrdinalIgnoreCase))
        {
            keep = tokens.Count - used - 1;
        }
        else if (tokens.Count >= 2 && string.Equals(tokens[0], "at", StringComparison.OrdinalIgnoreCase) && TryLeadingTime(tokens.Skip(1).ToList(), out at, out var lead) && tokens.Count > lead + 1)
        {
            return ParseResult.Ok(new NoteCommand(string.Join(' ', tokens.Skip(lead + 1)), at));
        }
        else
        {
            at = null;
        }

        var text = keep == tokens.Count ? rest : string.Join(' ', tokens.Take(keep));
        if (text.Length > TimelineEntry.MaxTextLength)
        {
            return ParseResult.Fail($"The note is {text.Length} characters; the limit is {TimelineEntry.MaxTextLength}.", "note");
        }

        return ParseResult.Ok(new NoteCommand(text, at));
    }

    private static ParseResult ParseSeverity(string rest)
    {
        var token = rest.Trim().ToLowerInvariant();
        if (TrySeverityFlag(token, out var sev) || (token.Length == 1 && TryDigit(token, out sev)))
        {
            return ParseResult.Ok(new SeverityCommand(sev));
        }

        return ParseResult.Fail(token.Length == 0
            ? "Which severity? Use 1 (critical) to 4 (low), e.g. `sev 2`."
            : $"`{Shorten(rest)}` is not a severity. Use 1 (critical) to 4 (low), e.g. `sev 2`.", "sev");
    }

    private static ParseResult ParseRole(string rest)
    {
        var tokens = Tokens(rest);
        if (tokens.Count == 0)
        {
            return ParseResult.Fail("Which role, and for whom? For example: `role scribe @bob`.", "role");
        }

        IncidentRoleKind? role = tokens[0].ToLowerInvariant() switch
        {
            "commander" or "ic" or "incident-commander" => IncidentRoleKind.Commander,
            "scribe" => IncidentRoleKind.Scribe,
            "comms" or "communications" => IncidentRoleKind.Comms,
            "lead" or "tech-lead" => IncidentRoleKind.Lead,
            _ => null,
        };
        if (role is null)
        {
            return ParseResult.Fail($"`{Shorten(tokens[0])}` is not a role. The roles are commander, scribe, comms and lead.", "role");
        }

        if (tokens.Count < 2)
        {
            return ParseResult.Fail($"Who should be {tokens[0].ToLowerInvariant()}? Name them with @, e.g. `role {tokens[0].ToLowerInvariant()} @bob`.", "role");
        }

        var person = string.Join(' ', tokens.Skip(1));
        return TryMention(person, out var mention)
            ? ParseResult.Ok(new RoleCommand(role.Value, mention!))
            : ParseResult.Fail($"`{Shorten(person)}` is not a person. Name them with @, e.g. `role {role.Value.Name()} @bob`.", "role");
    }

    private static ParseResult ParseMark(string rest)
    {
        var tokens = Tokens(rest);
        if (tokens.Count == 0)
        {
            return ParseResult.Fail("Which moment? first-activity, detected, acknowledged, contained, eradicated or recovered.", "mark");
        }

        KeyMoment? moment = tokens[0].ToLowerInvariant() switch
        {
            "first-activity" or "firstactivity" or "first" or "started" => KeyMoment.FirstActivity,
            "detected" or "detection" => KeyMoment.Detected,
            "acknowledged" or "ack" or "acked" => KeyMoment.Acknowledged,
            "contained" or "containment" => KeyMoment.Contained,
            "eradicated" or "eradication" => KeyMoment.Eradicated,
            "recovered" or "recovery" => KeyMoment.Recovered,
            _ => null,
        };
        if (moment is null)
        {
            return ParseResult.Fail($"`{Shorten(tokens[0])}` is not a key moment. Use first-activity, detected, acknowledged, contained, eradicated or recovered.", "mark");
        }

        var timeTokens = tokens.Skip(1).ToList();
        if (timeTokens.Count > 0 && string.Equals(timeTokens[0], "at", StringComparison.OrdinalIgnoreCase))
        {
            timeTokens.RemoveAt(0);
        }

        if (timeTokens.Count == 0)
        {
            return ParseResult.Ok(new MarkCommand(moment.Value, null));
        }

        if (TryLeadingTime(timeTokens, out var at, out var used) && used == timeTokens.Count)
        {
            return ParseResult.Ok(new MarkCommand(moment.Value, at));
        }

        return ParseResult.Fail($"`{Shorten(string.Join(' ', timeTokens))}` is not a time. Use 14:05, 2026-11-25 14:05 or 2026-11-25T14:05Z.", "mark");
    }

    private static ParseResult ParseBackfill(string rest)
    {
        var tokens = Tokens(rest);
        if (tokens.Count == 0)
        {
            return ParseResult.Ok(new BackfillCommand(null));
        }

        if (tokens.Count >= 2 && string.Equals(tokens[0], "since", StringComparison.OrdinalIgnoreCase)
            && TryLeadingTime(tokens.Skip(1).ToList(), out var since, out var used) && used == tokens.Count - 1)
        {
            return ParseResult.Ok(new BackfillCommand(since));
        }

        return ParseResult.Fail($"Use `backfill`, or `backfill since 08:00` to read further back (not `{Shorten(rest)}`).", "backfill");
    }

    private static ParseResult ParseEvidence(string rest)
    {
        var tokens = Tokens(rest);
        string? sha = null;
        string? link = null;
        var end = tokens.Count;
        while (end > 1)
        {
            var token = tokens[end - 1];
            if (sha is null && Sha256Pattern().IsMatch(token))
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
        if (description.Length == 0 || (end == 1 && (sha is not null || link is not null) && tokens.Count == 1))
        {
            return ParseResult.Fail("Describe the evidence, e.g. `evidence Memory image of FS01 <sha256> <link>`.", "evidence");
        }

        if (description.Length > Evidence.MaxDescriptionLength)
        {
            return ParseResult.Fail($"The description is {description.Length} characters; the limit is {Evidence.MaxDescriptionLength}.", "evidence");
        }

        return ParseResult.Ok(new EvidenceCommand(description, sha, link));
    }

    private static ParseResult ParseAction(string rest)
    {
        var tokens = Tokens(rest);
        if (tokens.Count == 0)
        {
            return ParseResult.Fail("Who owns it, when is it due and what is it? For example: `action @bob 2026-12-01 Rotate the keys`.", "action");
        }

        if (string.Equals(tokens[0], "done", StringComparison.OrdinalIgnoreCase))
        {
            if (tokens.Count == 2 && TryActionNumber(tokens[1], out var number))
            {
                return ParseResult.Ok(new CompleteActionCommand(number));
            }

            return ParseResult.Fail("Which item? Give its id, e.g. `action done A3`.", "action");
        }

        if (!TryMention(tokens[0], out var owner))
        {
            return ParseResult.Fail($"`{Shorten(tokens[0])}` is not a person. Start with the owner, e.g. `action @bob tomorrow Rotate the keys`.", "action");
        }

        var afterOwner = tokens.Skip(1).ToList();
        if (!DueDateExpression.TryParse(afterOwner, out var due, out var used))
        {
            var shown = afterOwner.Count == 0 ? "nothing" : $"`{Shorten(afterOwner[0])}`";
            return ParseResult.Fail($"After the owner comes the due date, and I got {shown}. Use 2026-12-01, today, tomorrow, +7d, +2w or `in 3 days`.", "action");
        }

        var text = string.Join(' ', afterOwner.Skip(used));
        if (text.Length == 0)
        {
            return ParseResult.Fail("What is the action? For example: `action @bob +7d Rotate the service account keys`.", "action");
        }

        if (text.Length > ActionItem.MaxTitleLength)
        {
            return ParseResult.Fail($"The action is {text.Length} characters; keep it under {ActionItem.MaxTitleLength}.", "action");
        }

        return ParseResult.Ok(new AddActionCommand(owner!, due!, text));
    }

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

    private static bool TryActionNumber(string token, out int number)
    {
        var digits = token.StartsWith('A') || token.StartsWith('a') ? token[1..] : token;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }

    private static bool TrySeverityFlag(string token, out int severity)
    {
        severity = 0;
        return token.Length == 4 && token.StartsWith("sev", StringComparison.Ordinal) && TryDigit(token[3..], out severity);
    }

    private static bool TryDigit(string text, out int value)
    {
        value = 0;
        if (text.Length == 1 && text[0] is >= '1' and <= '4')
        {
            value = text[0] - '0';
            return true;
        }

        return false;
    }

    /// <summary>A time at the end of the tokens: one token ("14:05", ISO) or two ("2026-11-25 14:05").</summary>
    private static bool TryTrailingTime(List<string> tokens, out TimeExpression? at, out int used)
    {
        if (tokens.Count >= 3 && TimeExpression.TryParse($"{tokens[^2]} {tokens[^1]}", out at))
        {
            used = 2;
            return true;
        }

        used = 1;
        return TimeExpression.TryParse(tokens[^1], out at);
    }

    private static bool TryLeadingTime(List<string> tokens, out TimeExpression? at, out int used)
    {
        at = null;
        used = 0;
        if (tokens.Count == 0)
        {
            return false;
        }

        if (tokens.Count >= 2 && TimeExpression.TryParse($"{tokens[0]} {tokens[1]}", out at))
        {
            used = 2;
            return true;
        }

        used = 1;
        return TimeExpression.TryParse(tokens[0], out at);
    }

    private static List<string> Tokens(string text) =>
        text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex("^INC-?(?<number>[0-9]{1,6})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IncidentReferencePattern();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Pattern();
}
