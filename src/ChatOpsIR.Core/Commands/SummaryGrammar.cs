using System.Globalization;

namespace ChatOpsIR.Core.Commands;

/// <summary>`summary [INC-n] [lines]`: how many of the latest timeline entries the catch-up card shows.</summary>
public static class SummaryGrammar
{
    /// <summary>Timeline entries shown when the line asks for no number.</summary>
    public const int DefaultLines = 8;

    /// <summary>The most timeline entries a summary shows; a larger number is cut to this (the card must stay readable).</summary>
    public const int MaxLines = 50;

    public static ParseResult Parse(string rest)
    {
        var tokens = CommandParser.Tokens(rest);
        if (tokens.Count == 0)
        {
            return ParseResult.Ok(new SummaryCommand(DefaultLines));
        }

        if (tokens.Count == 1 && tokens[0].Length <= 6 && int.TryParse(tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out var lines))
        {
            return lines < 1
                ? ParseResult.Fail($"`summary` shows at least 1 timeline entry; give a number from 1 to {MaxLines} (got `{tokens[0]}`).", "summary")
                : ParseResult.Ok(new SummaryCommand(Math.Min(lines, MaxLines), Capped: lines > MaxLines));
        }

        return ParseResult.Fail(
            $"`summary` takes an incident reference such as `INC-0003` and how many timeline entries to show, from 1 to {MaxLines} (got `{CommandParser.Shorten(rest)}`).",
            "summary");
    }
}
