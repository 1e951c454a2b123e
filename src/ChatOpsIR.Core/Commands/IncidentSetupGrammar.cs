using ChatOpsIR.Core.Incidents;
using static ChatOpsIR.Core.Commands.CommandParser;

namespace ChatOpsIR.Core.Commands;

/// <summary>The grammar of the verbs that open an incident and set it up: `declare`, `sev` and `role`.</summary>
internal static class IncidentSetupGrammar
{
    internal static ParseResult ParseDeclare(string rest)
    {
        if (rest.Length == 0)
        {
            return ParseResult.Ok(new DeclareFormCommand());
        }

        var tokens = Tokens(rest);
        int? severity = null;
        var exercise = ExerciseKind.None;
        var newChannel = false;
        var isPrivate = false;
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
            else if (token is "private" or "--private")
            {
                isPrivate = true;
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

        return ParseResult.Ok(new DeclareCommand(title, severity, exercise, newChannel) { Private = isPrivate });
    }

    internal static ParseResult ParseSeverity(string rest)
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

    internal static ParseResult ParseRole(string rest)
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
            "deputy" => IncidentRoleKind.Deputy,
            _ => null,
        };
        if (role is null)
        {
            return ParseResult.Fail($"`{Shorten(tokens[0])}` is not a role. The roles are commander, deputy, scribe, comms and lead.", "role");
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

    internal static ParseResult ParseInvite(string rest)
    {
        var person = rest.Trim();
        if (person.Length == 0)
        {
            return ParseResult.Fail("Whom should I let in? Name them with @, e.g. `invite @bob`.", "invite");
        }

        return TryMention(person, out var mention)
            ? ParseResult.Ok(new InviteCommand(mention!))
            : ParseResult.Fail($"`{Shorten(person)}` is not a person. Name them with @, e.g. `invite @bob`.", "invite");
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
}
