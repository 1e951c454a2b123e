using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PostMortems;

// The cards that sum a post-mortem up: `postmortem status`, `report`, and the summary posted when it is published.
public static partial class PostMortemCards
{
    /// <summary>`postmortem status`: every section with who answered it or why it was skipped, the clocks and the checklist.</summary>
    public static Card Status(StepView view)
    {
        var (incident, postMortem) = (view.Incident, view.PostMortem);
        var times = new ViewTimes(view.Zone);
        var items = postMortem.Sections.OrderBy(s => s.Section).Select(s => new ListItem(
            $"{s.Section.Title()}{(s.Section == postMortem.CurrentSection ? " (current)" : string.Empty)}",
            s.Status switch { SectionStatus.Answered => "done", SectionStatus.Skipped => "skipped", _ => "open" },
            StateLine(s, times))).ToList();
        var done = postMortem.Sections.Count(s => s.IsDone);
        var body = new List<CardElement>
        {
            new TextElement($"{done} of {PostMortemSections.Count} sections done. Started by {postMortem.StartedByName} {times.Moment(postMortem.StartedAt)}.", TextStyle.Subtle),
            new ListElement(items),
        };
        if (postMortem.IsPublished)
        {
            body.Add(new TextElement(postMortem.ChangedSincePublish
                ? $"Version {postMortem.PublishedVersion} was published {times.Moment(postMortem.PublishedAt!.Value)}; it has changed since, so publishing again makes version {postMortem.PublishedVersion + 1}."
                : $"Version {postMortem.PublishedVersion} was published {times.Moment(postMortem.PublishedAt!.Value)}.", TextStyle.Subtle));
        }

        body.AddRange(ClockElements(view.Clocks, view.Now, times));
        body.Add(times.Note()!);
        if (view.Quality is { } quality)
        {
            body.AddRange(Checklist(quality));
        }

        var buttons = new List<CardButton>
        {
            new("Resume", PostMortemVerbs.Open, Data(incident, postMortem.CurrentSection)) { Style = ButtonStyle.Primary },
            CardButton.Command("Report", $"report {incident.Reference}"),
        };
        return new Card($"Post-mortem status · {incident.Reference}", body, buttons)
        {
            Subtitle = incident.Title,
            Badge = incident.IsExercise ? "EXERCISE" : null,
        };
    }

    /// <summary>The short summary posted when a report is published: the asks, risk and reward, rough cost and time, not a list of everything.</summary>
    public static Card Published(PostMortemDocument document, int version, string? reportUrl)
    {
        var (incident, postMortem) = (document.Incident, document.PostMortem);
        var facts = new List<Fact>
        {
            new("Top asks", postMortem.Value(PostMortemSection.Summary, PostMortemQuestions.SummaryAsks) ?? "not written"),
            new("Risk versus reward", postMortem.Value(PostMortemSection.Summary, PostMortemQuestions.SummaryRisk) ?? "not written"),
            new("Rough cost and time", postMortem.Value(PostMortemSection.Summary, PostMortemQuestions.SummaryCostTime) ?? "not written"),
        };
        var classFixes = document.ActionItems.Count(a => a.Reach == ActionItemReach.RemovesClass);
        var body = new List<CardElement>
        {
            new FactsElement(facts),
            new TextElement(
                $"{Plural.Of(postMortem.RootCauses.Count(), "root cause")}, {Plural.Of(postMortem.Lessons.Count(), "lesson")}, {Plural.Of(document.ActionItems.Count, "action item")} of which {classFixes} {(classFixes == 1 ? "removes" : "remove")} a class of problems. " +
                $"Impact cost: {Money(postMortem)}; effort: {Hours(postMortem)}.",
                TextStyle.Subtle),
        };
        var times = new ViewTimes(document.TimeZone);
        body.AddRange(ClockElements(document.Clocks, document.GeneratedAt, times));
        if (times.Note() is { } zoneNote)
        {
            body.Add(zoneNote);
        }

        if (document.QualityOverride is { } reason)
        {
            body.Add(new TextElement($"Published with open quality points. Reason: {reason}", TextStyle.Subtle));
        }

        var buttons = new List<CardButton>();
        if (reportUrl is not null)
        {
            buttons.Add(CardButton.Link("Open full report", reportUrl));
        }

        buttons.Add(CardButton.Command("Action items", $"actions {incident.Reference}"));
        return new Card($"Post-mortem published · {incident.Reference} version {version}", body, buttons)
        {
            Subtitle = incident.Title,
            Tone = CardTone.Good,
            Badge = incident.IsExercise ? "EXERCISE" : null,
        };
    }

    /// <summary>`report`: where the post-mortem stands and how to read it in full.</summary>
    public static Card Report(PostMortemDocument document, string? reportUrl)
    {
        var (incident, postMortem) = (document.Incident, document.PostMortem);
        var done = postMortem.Sections.Count(s => s.IsDone);
        var state = postMortem.IsPublished
            ? postMortem.ChangedSincePublish ? $"Version {postMortem.PublishedVersion} published; changed since." : $"Version {postMortem.PublishedVersion} published."
            : "Draft, not published yet.";
        var body = new List<CardElement>
        {
            new TextElement($"{state} {done} of {PostMortemSections.Count} sections done; {Plural.Of(document.Timeline.Count, "timeline entry", "timeline entries")}.", TextStyle.Subtle),
            new FactsElement(
            [
                new("Top asks", postMortem.Value(PostMortemSection.Summary, PostMortemQuestions.SummaryAsks) ?? "not written yet"),
                new("Root causes", postMortem.RootCauses.Any() ? string.Join("; ", postMortem.RootCauses.Select(c => c.Text)) : "none yet"),
                new("Action items", $"{document.ActionItems.Count(a => a.Status == ActionItemStatus.Open)} open, {document.ActionItems.Count(a => a.Status == ActionItemStatus.Done)} done"),
            ]),
        };
        body.AddRange(Checklist(document.Quality));
        if (reportUrl is null)
        {
            body.Add(new TextElement("The full report is a web page, and this server has no public address to link to. Set Reports:PublicBaseUrl to get a link here.", TextStyle.Subtle));
        }

        var buttons = new List<CardButton>();
        if (reportUrl is not null)
        {
            buttons.Add(CardButton.Link("Open full report", reportUrl));
        }

        buttons.Add(CardButton.Command("Post-mortem status", $"postmortem status {incident.Reference}"));
        return new Card($"Post-mortem report · {incident.Reference}", body, buttons)
        {
            Subtitle = incident.Title,
            Badge = incident.IsExercise ? "EXERCISE" : null,
        };
    }

    private static string Money(PostMortem postMortem) => postMortem.Value(PostMortemSection.Impact, PostMortemQuestions.ImpactCost) ?? "not estimated";

    private static string Hours(PostMortem postMortem) =>
        postMortem.Value(PostMortemSection.Impact, PostMortemQuestions.ImpactHours) is { } hours ? $"{hours} person-hours" : "not estimated";
}
