using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Workflows;

/// <summary>The neutral cards of an incident; written once, rendered by every platform.</summary>
public static class IncidentCards
{
    /// <summary>Cards carry at most this many timeline lines; longer timelines point to the full view.</summary>
    public const int MaxTimelineLines = 40;

    public static Card Summary(Incident incident, TimeZoneInfo zone, string? headline = null)
    {
        var times = new ViewTimes(zone);
        var facts = new List<Fact>
        {
            new("Severity", DomainNames.SeverityLabel(incident.Severity)),
            new("Status", StatusText(incident, times)),
            new("Type", incident.Exercise.Describe()),
        };
        foreach (var role in Enum.GetValues<IncidentRoleKind>())
        {
            if (incident.Holder(role) is { } holder)
            {
                facts.Add(new(Capitalize(role.Name()), holder.DisplayName));
            }
        }

        facts.Add(new("Declared", times.Moment(incident.DeclaredAt)));
        if (incident.LastStatus is { } status)
        {
            facts.Add(new("Last status", status));
        }

        foreach (var moment in Enum.GetValues<KeyMoment>())
        {
            if (incident.MomentAt(moment) is { } at)
            {
                facts.Add(new(moment.Describe(), times.Moment(at)));
            }
        }

        var body = new List<CardElement>();
        if (headline is not null)
        {
            body.Add(new TextElement(headline));
        }

        body.Add(new FactsElement(facts));
        body.Add(times.Note()!);
        var durations = DurationFacts(incident.Durations());
        if (durations.Count > 0)
        {
            body.Add(new TextElement("Response times", TextStyle.Heading));
            body.Add(new FactsElement(durations));
        }

        // Buttons name the incident, so an older card still acts on its own incident after the channel has moved on.
        var reference = incident.Reference;
        var buttons = new List<CardButton> { CardButton.Command("Timeline", $"timeline {reference}") };
        if (incident.IsOpen)
        {
            buttons.Add(CardButton.Command("Mark contained", $"mark {reference} contained"));
            buttons.Add(CardButton.Command("Resolve", $"resolve {reference}", ButtonStyle.Danger, $"Resolve {reference}? Only the commander, a deputy or an incident manager can."));
        }
        else
        {
            buttons.Add(CardButton.Command("Post-mortem", $"postmortem {reference}"));
        }

        return new Card($"{incident.Reference} · {incident.Title}", body, buttons)
        {
            Subtitle = incident.Status switch
            {
                IncidentStatus.Open => $"{DomainNames.SeverityLabel(incident.Severity)} · open",
                IncidentStatus.Resolved => "Resolved · post-mortem running",
                _ => "Closed",
            },
            Tone = Tone(incident),
            Badge = incident.IsExercise ? "EXERCISE" : null,
        };
    }

    public static Card Timeline(Incident incident, IReadOnlyList<TimelineEntry> entries, TimeZoneInfo zone)
    {
        var shown = entries.Count > MaxTimelineLines ? entries.Skip(entries.Count - MaxTimelineLines).ToList() : entries;
        var times = new ViewTimes(zone);
        var items = shown.Select(e => new ListItem(
            Text: $"{e.AuthorName}: {e.Text}{e.AfterResolveSuffix}",
            Label: times.Moment(e.OccurredAt),
            Detail: e.IsBackdated ? $"recorded {times.Moment(e.RecordedAt)}" : null)).ToList();

        // With nothing shown, the zone is the one the incident was declared in, so the line still says where times will be.
        var zoneNote = times.Any ? times.Note()!.Text : TimeFormat.ZoneNote(zone, [incident.DeclaredAt]);
        var body = new List<CardElement>
        {
            new TextElement($"{Plural.Of(entries.Count, "entry", "entries")}, in the order things happened. {zoneNote}", TextStyle.Subtle),
        };
        if (entries.Count > MaxTimelineLines)
        {
            body.Add(new TextElement($"Showing the latest {MaxTimelineLines}; the web war room shows the whole timeline.", TextStyle.Subtle));
        }

        body.Add(new ListElement(items, "Nothing recorded yet."));
        var durations = DurationFacts(incident.Durations());
        if (durations.Count > 0)
        {
            body.Add(new FactsElement(durations));
        }

        return new Card($"Timeline · {incident.Reference} {incident.Title}", body)
        {
            Tone = CardTone.Default,
            Badge = incident.IsExercise ? "EXERCISE" : null,
        };
    }

    public static Card Help(VerbHelp? verb)
    {
        if (verb is null)
        {
            var items = HelpCatalog.Verbs.Select(v => new ListItem(v.Summary, v.Verb)).ToList();
            return new Card("ChatOpsIR commands",
            [
                new TextElement("Type a command after `/ir` in Slack, after @ChatOpsIR in Teams, or in the web war room's command box.", TextStyle.Subtle),
                new ListElement(items),
                new TextElement("`help <command>` explains one command with examples.", TextStyle.Subtle),
            ]);
        }

        var body = new List<CardElement>
        {
            new TextElement(verb.Usage, TextStyle.Monospace),
            new TextElement(verb.Summary),
            new TextElement(verb.Details, TextStyle.Subtle),
            new TextElement("Examples", TextStyle.Heading),
            new ListElement(verb.Examples.Select(e => new ListItem(e)).ToList()),
        };
        return new Card($"help {verb.Verb}", body);
    }

    public static Card Error(string message, string? usage)
    {
        var body = new List<CardElement> { new TextElement(message, TextStyle.Error) };
        if (usage is not null)
        {
            body.Add(new TextElement(usage, TextStyle.Monospace));
        }

        return new Card("That didn't work", body) { Tone = CardTone.Attention };
    }

    public static IReadOnlyList<Fact> DurationFacts(IncidentDurations d)
    {
        var facts = new List<Fact>();
        Add("Time to detect", d.TimeToDetect);
        Add("Time to acknowledge", d.TimeToAcknowledge);
        Add("Time to contain", d.TimeToContain);
        Add("Time to eradicate", d.TimeToEradicate);
        Add("Time to recover", d.TimeToRecover);
        return facts;

        void Add(string title, TimeSpan? span)
        {
            if (span is { } s)
            {
                facts.Add(new Fact(title, TimeFormat.Duration(s)));
            }
        }
    }

    private static string StatusText(Incident incident, ViewTimes times) => incident.Status switch
    {
        IncidentStatus.Open => "Open",
        IncidentStatus.Resolved => $"Resolved {times.Moment(incident.ResolvedAt!.Value)}; the post-mortem can still correct the record",
        _ => $"Closed {times.Moment(incident.ClosedAt!.Value)}: {incident.ClosedReason}",
    };

    private static CardTone Tone(Incident incident) => !incident.IsOpen
        ? CardTone.Good
        : incident.Severity switch
        {
            1 => CardTone.Attention,
            2 => CardTone.Warning,
            _ => CardTone.Accent,
        };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
