using System.Globalization;
using ChatOpsIR.Core.Incidents;
using static ChatOpsIR.Core.Commands.CommandParser;

namespace ChatOpsIR.Core.Commands;

/// <summary>The grammar of `action`: a new item (`action @bob +7d Rotate the keys`), a finished one (`action done A3`) or its kind (`action A3 kind monitoring`).</summary>
internal static class ActionItemGrammar
{
    internal static ParseResult ParseAction(string rest)
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

        if (tokens.Count >= 2 && string.Equals(tokens[1], "kind", StringComparison.OrdinalIgnoreCase) && TryActionNumber(tokens[0], out var item))
        {
            return ParseKind(item, string.Join(' ', tokens.Skip(2)));
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

    /// <summary>`action A3 kind monitoring` (or a kind's title, `Policy or procedure`); no kind asks with a form.</summary>
    private static ParseResult ParseKind(int number, string kind)
    {
        if (kind.Length == 0)
        {
            return ParseResult.Ok(new SetActionKindCommand(number, null));
        }

        return ActionItemKinds.TryParse(kind, out var parsed)
            ? ParseResult.Ok(new SetActionKindCommand(number, parsed))
            : ParseResult.Fail(ActionItemKinds.Unknown(kind), "action");
    }

    private static bool TryActionNumber(string token, out int number)
    {
        var digits = token.StartsWith('A') || token.StartsWith('a') ? token[1..] : token;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
