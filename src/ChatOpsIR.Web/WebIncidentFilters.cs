using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ChatOpsIR.Web;

/// <summary>
/// The incident list's query parameters, read strictly: anything that does not read is refused with a problem naming the
/// parameter, rather than quietly listing something else than what was asked for.
/// </summary>
internal sealed partial record WebIncidentFilters(IncidentListQuery Query, int Limit)
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 500;
    public const int MaxTextLength = 200;

    public static bool TryRead(IQueryCollection query, out WebIncidentFilters? filters, out IResult? problem)
    {
        filters = null;
        problem = Refuse(query, out var statuses, out var severities, out var exercise, out var from, out var before, out var text, out var number, out var limit);
        if (problem is not null)
        {
            return false;
        }

        filters = new WebIncidentFilters(new IncidentListQuery(statuses, severities, exercise, from, before, text, number), limit);
        return true;
    }

    private static IResult? Refuse(
        IQueryCollection query, out IncidentStatus[]? statuses, out int[]? severities, out bool? exercise, out DateTime? from,
        out DateTime? before, out string? text, out int? number, out int limit)
    {
        statuses = null;
        severities = null;
        exercise = null;
        from = null;
        before = null;
        text = null;
        number = null;
        limit = DefaultLimit;

        switch (Single(query, "status"))
        {
            case null or "" or "all":
                break;
            case "open":
                statuses = [IncidentStatus.Open];
                break;
            case "resolved":
                statuses = [IncidentStatus.Resolved];
                break;
            case "closed":
                statuses = [IncidentStatus.Closed];
                break;
            default:
                return Bad("status", "is one of open, resolved, closed or all");
        }

        if (query.TryGetValue("status", out var statusValues) && statusValues.Count > 1)
        {
            return Bad("status", "is given once");
        }

        var severityList = new SortedSet<int>();
        foreach (var part in Parts(query["severity"]))
        {
            if (part.Length != 1 || part[0] is < '1' or > '4')
            {
                return Bad("severity", "is 1, 2, 3 or 4 (repeat it, or separate several with commas)");
            }

            severityList.Add(part[0] - '0');
        }

        severities = severityList.Count is 0 or 4 ? null : [.. severityList];

        switch (Single(query, "kind"))
        {
            case null or "" or "all":
                break;
            case "real":
                exercise = false;
                break;
            case "exercise":
                exercise = true;
                break;
            default:
                return Bad("kind", "is one of real, exercise or all");
        }

        if (!TryDay(Single(query, "from"), out var fromDay))
        {
            return Bad("from", "is a day written yyyy-MM-dd");
        }

        if (!TryDay(Single(query, "to"), out var toDay))
        {
            return Bad("to", "is a day written yyyy-MM-dd");
        }

        if (fromDay is { } f && toDay is { } t && t < f)
        {
            return Bad("to", "is not before 'from'");
        }

        // Days are UTC days, so a shared link lists the same incidents for everyone who opens it.
        from = fromDay?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        before = toDay?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var q = string.Join(' ', (Single(query, "q") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (q.Length > MaxTextLength || q.Any(char.IsControl))
        {
            return Bad("q", $"is at most {MaxTextLength} characters of text");
        }

        if (q.Length > 0)
        {
            text = q.ToLowerInvariant();
            var reference = ReferencePattern().Match(q);
            number = reference.Success && int.TryParse(reference.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }

        if (Single(query, "limit") is { Length: > 0 } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit)
            {
                return Bad("limit", $"is a whole number from 1 to {MaxLimit}");
            }
        }

        return null;
    }

    private static IResult Bad(string parameter, string rule) => WebProblems.BadRequest($"The parameter '{parameter}' {rule}.");

    /// <summary>The parameter's one value (the first, when repeated), trimmed and lowercase; null when absent.</summary>
    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? (values[0] ?? string.Empty).Trim().ToLowerInvariant() : null;

    private static IEnumerable<string> Parts(StringValues values) =>
        values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }

    /// <summary>"INC-0004", "inc-4", "INC4" or "4".</summary>
    [GeneratedRegex("^(?:inc-?)?0*([0-9]{1,9})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
