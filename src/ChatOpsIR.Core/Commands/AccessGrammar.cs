using System.Globalization;
using ChatOpsIR.Core.Incidents;
using static ChatOpsIR.Core.Commands.CommandParser;

namespace ChatOpsIR.Core.Commands;

/// <summary>`access grant @person &lt;what&gt; [until &lt;time&gt;]`: access handed to a responder for the incident.</summary>
public sealed record AccessGrantCommand(UserMention Grantee, string What, AccessUntil? Until) : Command("access");

/// <summary>`access revoked G1 [note]` (or `revoke`): the access was taken back.</summary>
public sealed record AccessRevokeCommand(int Number, string? Note) : Command("access");

/// <summary>A bare `access`: the incident's grants, open ones first.</summary>
public sealed record AccessListCommand : Command
{
    public AccessListCommand() : base("access") { }
}

/// <summary>
/// When granted access is meant to end, as typed after `until`: a time as the other verbs take it (18:00, 2026-11-26 09:00,
/// ISO) or a span from now (+30m, +4h, +2d). Unlike a back-dated note it lies ahead: a time of day that has passed today
/// means tomorrow.
/// </summary>
public sealed record AccessUntil(string Text, TimeExpression? Time, TimeSpan? FromNow)
{
    public static bool TryParse(IReadOnlyList<string> tokens, out AccessUntil? until)
    {
        until = null;
        var text = string.Join(' ', tokens);
        if (tokens.Count == 1 && TryRelative(tokens[0], out var span))
        {
            until = new AccessUntil(text, null, span);
        }
        else if (tokens.Count is 1 or 2 && TimeExpression.TryParse(text, out var time))
        {
            until = new AccessUntil(text, time, null);
        }

        return until is not null;
    }

    /// <summary>The UTC moment meant, or false with a message when it is not ahead of <paramref name="utcNow"/>.</summary>
    public bool TryResolve(DateTime utcNow, TimeZoneInfo zone, out DateTime utc, out string? error)
    {
        error = null;
        if (FromNow is { } span)
        {
            utc = utcNow + span;
            return true;
        }

        var time = Time!;
        if (time.Instant is { } instant)
        {
            utc = instant.UtcDateTime;
        }
        else if (time.LocalDateTime is { } local)
        {
            utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
        }
        else
        {
            var localNow = TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone);
            var candidate = localNow.Date + time.TimeOfDay!.Value.ToTimeSpan();
            if (candidate <= localNow)
            {
                candidate = candidate.AddDays(1);
            }

            utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(candidate, DateTimeKind.Unspecified), zone);
        }

        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (utc <= utcNow)
        {
            error = $"{Text} has passed. `until` takes the time the access should end, e.g. `until 18:00`, `until 2026-11-26 09:00` or `until +4h`.";
            return false;
        }

        return true;
    }

    private static bool TryRelative(string token, out TimeSpan span)
    {
        span = TimeSpan.Zero;
        if (token.Length < 3 || token[0] != '+')
        {
            return false;
        }

        if (!int.TryParse(token.AsSpan(1, token.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is <= 0 or > 9999)
        {
            return false;
        }

        TimeSpan? unit = char.ToLowerInvariant(token[^1]) switch
        {
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => null,
        };
        if (unit is null || n * unit.Value > TimeSpan.FromDays(366))
        {
            return false;
        }

        span = n * unit.Value;
        return true;
    }
}

/// <summary>The grammar of `access`: record a grant, record its revocation, or list them.</summary>
internal static class AccessGrammar
{
    private const string Verb = "access";

    internal static ParseResult ParseAccess(string rest)
    {
        var tokens = Tokens(rest);
        if (tokens.Count == 0 || (tokens.Count == 1 && string.Equals(tokens[0], "list", StringComparison.OrdinalIgnoreCase)))
        {
            return ParseResult.Ok(new AccessListCommand());
        }

        return tokens[0].ToLowerInvariant() switch
        {
            "grant" or "granted" => ParseGrant(tokens.Skip(1).ToList()),
            "revoked" or "revoke" => ParseRevoke(tokens.Skip(1).ToList()),
            _ => ParseResult.Fail($"`access` takes `grant`, `revoked` or nothing (to list the grants), not `{Shorten(tokens[0])}`.", Verb),
        };
    }

    private static ParseResult ParseGrant(List<string> tokens)
    {
        if (tokens.Count == 0 || !TryMention(tokens[0], out var grantee))
        {
            var shown = tokens.Count == 0 ? "nothing" : $"`{Shorten(tokens[0])}`";
            return ParseResult.Fail($"Who was given access? Name them first (I got {shown}), e.g. `access grant @bob Domain Admin on CORP until 18:00`.", Verb);
        }

        var words = tokens.Skip(1).ToList();
        AccessUntil? until = null;
        var last = words.FindLastIndex(w => string.Equals(w, "until", StringComparison.OrdinalIgnoreCase));
        if (last >= 0)
        {
            var after = words.Skip(last + 1).ToList();
            if (AccessUntil.TryParse(after, out until))
            {
                words = words.Take(last).ToList();
            }
            else if (after.Count <= 2)
            {
                var shown = after.Count == 0 ? "nothing" : $"`{Shorten(string.Join(' ', after))}`";
                return ParseResult.Fail($"After `until` comes the time the access should end, and I got {shown}. Use 18:00, 2026-11-26 09:00, 2026-11-26T09:00Z, +30m, +4h or +2d.", Verb);
            }
        }

        var what = string.Join(' ', words);
        if (what.Length == 0)
        {
            return ParseResult.Fail($"What did {grantee!.DisplayName} get? Say it after the name, e.g. `access grant @{grantee.DisplayName} Domain Admin on CORP`.", Verb);
        }

        if (what.Length > AccessGrant.MaxWhatLength)
        {
            return ParseResult.Fail($"What was granted is {what.Length} characters; keep it under {AccessGrant.MaxWhatLength}.", Verb);
        }

        return ParseResult.Ok(new AccessGrantCommand(grantee!, what, until));
    }

    private static ParseResult ParseRevoke(List<string> tokens)
    {
        if (tokens.Count == 0 || !TryGrantNumber(tokens[0], out var number))
        {
            return ParseResult.Fail("Which grant was revoked? Give its id, e.g. `access revoked G1`; `access` lists them.", Verb);
        }

        var note = string.Join(' ', tokens.Skip(1));
        if (note.Length > AccessGrant.MaxNoteLength)
        {
            return ParseResult.Fail($"The note is {note.Length} characters; keep it under {AccessGrant.MaxNoteLength}.", Verb);
        }

        return ParseResult.Ok(new AccessRevokeCommand(number, note.Length == 0 ? null : note));
    }

    private static bool TryGrantNumber(string token, out int number)
    {
        number = 0;
        return token.Length > 1 && token[0] is 'G' or 'g'
            && int.TryParse(token.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
