using ChatOpsIR.Core.Incidents;
using static ChatOpsIR.Core.Commands.CommandParser;

namespace ChatOpsIR.Core.Commands;

/// <summary>
/// The grammar of the verbs that write the timeline: `note` (with an optional time), `mark` and `backfill`,
/// and the times they take ("14:05", "2026-11-25 14:05", ISO).
/// </summary>
internal static class TimelineGrammar
{
    internal static ParseResult ParseNote(string rest, string word)
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

    internal static ParseResult ParseMark(string rest)
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

    internal static ParseResult ParseBackfill(string rest)
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

}
