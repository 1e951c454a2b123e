using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// The catch-up card of `summary`, in the neutral card model. Every part is bounded (long texts are cut, lists are
/// capped), so the card stays within what Slack and Teams accept whatever the record holds.
/// </summary>
public static class IncidentSummaryCards
{
    /// <summary>The longest status or timeline text the card repeats; the full text stays in `timeline`.</summary>
    public const int MaxTextLength = 300;

    /// <summary>Open action items listed by name; the rest are counted and `actions` lists them all.</summary>
    public const int MaxItems = 10;

    /// <summary>The roles in the order a newcomer asks about them.</summary>
    public static readonly IReadOnlyList<IncidentRoleKind> RoleOrder =
        [IncidentRoleKind.Commander, IncidentRoleKind.Deputy, IncidentRoleKind.Scribe, IncidentRoleKind.Comms, IncidentRoleKind.Lead];

    /// <summary>"open for 3h 20m", "resolved 2026-11-25 14:05 after 6h", "closed 2026-11-26 09:00".</summary>
    public static string StateLine(IncidentSummaryFacts facts)
    {
        var incident = facts.Incident;
        var zone = incident.TimeZone;
        return incident.Status switch
        {
            IncidentStatus.Open => $"{DomainNames.SeverityLabel(incident.Severity)}, open for {TimeFormat.Duration(facts.Now - incident.DeclaredAt)}",
            IncidentStatus.Resolved => $"resolved {TimeFormat.MomentWithZone(incident.ResolvedAt!.Value, zone)} after {TimeFormat.Duration(incident.ResolvedAt!.Value - incident.DeclaredAt)}; post-mortem running",
            _ => $"closed {TimeFormat.MomentWithZone(incident.ClosedAt!.Value, zone)}",
        };
    }

    public static Card Summary(IncidentSummaryFacts facts, int lines, bool capped)
    {
        var incident = facts.Incident;
        var times = new ViewTimes(incident.TimeZone);
        var body = new List<CardElement>
        {
            new FactsElement(Overview(facts, times)),
        };

        body.AddRange(Roles(incident));
        body.AddRange(Moments(incident, times));
        body.AddRange(LastStatus(facts, times));
        body.AddRange(Work(facts));
        body.AddRange(Clocks(facts, times));
        body.AddRange(Latest(facts, lines, capped, times));
        if (times.Note() is { } zoneNote)
        {
            body.Add(zoneNote);
        }

        var reference = incident.Reference;
        var buttons = new List<CardButton>
        {
            CardButton.Command("Full timeline", $"timeline {reference}"),
            CardButton.Command("Action items", $"actions {reference}"),
        };
        return new Card($"Catch-up · {reference} {incident.Title}", body, buttons)
        {
            Subtitle = Capitalize(StateLine(facts)),
            Tone = incident.IsOpen ? CardTone.Accent : CardTone.Good,
            Badge = Badge(incident),
        };
    }

    private static List<Fact> Overview(IncidentSummaryFacts facts, ViewTimes times)
    {
        var incident = facts.Incident;
        var list = new List<Fact>
        {
            new("Reference", incident.Reference),
            new("Severity", DomainNames.SeverityLabel(incident.Severity)),
            new("Status", incident.Status switch
            {
                IncidentStatus.Open => "Open",
                IncidentStatus.Resolved => "Resolved; post-mortem running",
                _ => "Closed",
            }),
            new("Declared", $"{times.Moment(incident.DeclaredAt)} by {incident.DeclaredByName}"),
        };
        list.Add(incident.Status switch
        {
            IncidentStatus.Open => new Fact("Open for", TimeFormat.Duration(facts.Now - incident.DeclaredAt)),
            IncidentStatus.Resolved => new Fact("Resolved", $"{times.Moment(incident.ResolvedAt!.Value)} (after {TimeFormat.Duration(incident.ResolvedAt!.Value - incident.DeclaredAt)})"),
            _ => new Fact("Closed", $"{times.Moment(incident.ClosedAt!.Value)}: {Cut(incident.ClosedReason ?? string.Empty)}"),
        });
        if (incident.IsExercise)
        {
            list.Add(new Fact("Type", incident.Exercise.Describe()));
        }

        if (incident.IsPrivate)
        {
            list.Add(new Fact("Private", "Only the people in it see it"));
        }

        return list;
    }

    private static IEnumerable<CardElement> Roles(Incident incident)
    {
        yield return new TextElement("Roles", TextStyle.Heading);
        var held = RoleOrder.Where(r => incident.Holder(r) is not null).Select(r => new Fact(Capitalize(r.Name()), incident.Holder(r)!.DisplayName)).ToList();
        if (held.Count > 0)
        {
            yield return new FactsElement(held);
        }

        var missing = RoleOrder.Where(r => incident.Holder(r) is null).ToList();
        if (missing.Count > 0)
        {
            var line = string.Join(" ", missing.Select(r => $"No {r.Name()} yet."));
            yield return new TextElement($"{line} The commander hands roles out with `role <role> @person`.", TextStyle.Subtle);
        }
    }

    private static IEnumerable<CardElement> Moments(Incident incident, ViewTimes times)
    {
        yield return new TextElement("Key moments", TextStyle.Heading);
        var marked = Enum.GetValues<KeyMoment>()
            .Where(m => incident.MomentAt(m) is not null)
            .Select(m => new Fact(m.Describe(), times.Moment(incident.MomentAt(m)!.Value)))
            .Concat(IncidentCards.DurationFacts(incident.Durations()))
            .ToList();
        yield return marked.Count > 0
            ? new FactsElement(marked)
            : new TextElement("None marked yet. Role holders mark them with `mark detected`, `mark contained` and so on.", TextStyle.Subtle);
    }

    private static IEnumerable<CardElement> LastStatus(IncidentSummaryFacts facts, ViewTimes times)
    {
        yield return new TextElement("Last status", TextStyle.Heading);
        var incident = facts.Incident;
        if (incident.LastStatus is not { } status)
        {
            yield return new TextElement("Not posted yet. Anyone holding a role posts one with `status <text>`.", TextStyle.Subtle);
            yield break;
        }

        var posted = facts.Timeline.LastOrDefault(e => e.Kind == TimelineEntryKind.Status);
        var when = incident.LastStatusAt ?? posted?.OccurredAt;
        var by = posted is null ? string.Empty : $" by {posted.AuthorName}";
        yield return new TextElement(Cut(status));
        yield return new TextElement($"Posted{by}{(when is { } at ? " at " + times.Moment(at) : string.Empty)}.", TextStyle.Subtle);
    }

    private static IEnumerable<CardElement> Work(IncidentSummaryFacts facts)
    {
        var overdue = facts.OpenItems.Count(i => i.DueDate < facts.Today);
        var heading = overdue > 0 ? $"Open action items ({facts.OpenItems.Count}, {overdue} overdue)" : $"Open action items ({facts.OpenItems.Count})";
        yield return new TextElement(heading, TextStyle.Heading);
        var items = facts.OpenItems.Take(MaxItems).Select(i => new ListItem(
            $"{Cut(i.Title)} — {i.OwnerName}, due {TimeFormat.Day(i.DueDate)}{(i.DueDate < facts.Today ? " (overdue)" : string.Empty)}",
            i.Reference)).ToList();
        yield return new ListElement(items, "No open action items.");
        if (facts.OpenItems.Count > MaxItems)
        {
            yield return new TextElement($"And {facts.OpenItems.Count - MaxItems} more: `actions {facts.Incident.Reference}` lists them all.", TextStyle.Subtle);
        }

        yield return new FactsElement(
        [
            new Fact("Open access grants", facts.OpenGrants == 0 ? "None" : $"{facts.OpenGrants} (`access` lists them)"),
            new Fact("Evidence", facts.EvidenceCount == 0 ? "None recorded" : $"{Plural.Of(facts.EvidenceCount, "item")} (`evidence list`)"),
        ]);
    }

    private static IEnumerable<CardElement> Clocks(IncidentSummaryFacts facts, ViewTimes times)
    {
        if (facts.Clocks.Count == 0)
        {
            yield break;
        }

        yield return new TextElement("Notification clocks", TextStyle.Heading);
        yield return new ListElement(facts.Clocks.Select(c => new ListItem(
            $"Notify {c.Regime.Notify} by {times.Moment(c.DueAt)} ({c.DescribeLeft(facts.Now)}){(c.FromDeclaration ? "; counted from the declaration until `mark detected`" : string.Empty)}",
            c.Regime.Name)).ToList());
    }

    private static IEnumerable<CardElement> Latest(IncidentSummaryFacts facts, int lines, bool capped, ViewTimes times)
    {
        var all = facts.Timeline;
        var shown = all.Count > lines ? all.Skip(all.Count - lines).ToList() : all;
        yield return new TextElement(all.Count > shown.Count ? $"Latest {shown.Count} of {all.Count} timeline entries" : $"Timeline ({Plural.Of(all.Count, "entry", "entries")})", TextStyle.Heading);
        yield return new ListElement(
            shown.Select(e => new ListItem($"{e.AuthorName}: {Cut(e.Text)}{e.AfterResolveSuffix}", times.Moment(e.OccurredAt))).ToList(),
            "Nothing recorded yet.");
        if (capped)
        {
            yield return new TextElement($"A summary shows at most {SummaryGrammar.MaxLines} entries; `timeline {facts.Incident.Reference}` shows the rest.", TextStyle.Subtle);
        }
    }

    private static string? Badge(Incident incident) => (incident.IsExercise, incident.IsPrivate) switch
    {
        (true, true) => "EXERCISE · PRIVATE",
        (true, false) => "EXERCISE",
        (false, true) => "PRIVATE",
        _ => null,
    };

    private static string Cut(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length > MaxTextLength ? text[..(MaxTextLength - 1)].TrimEnd() + "…" : text;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
