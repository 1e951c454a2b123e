using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>What a post-mortem card shows besides the post-mortem itself; each section uses the parts it needs.</summary>
public sealed record StepView(Incident Incident, PostMortem PostMortem, TimeZoneInfo Zone, DateTime Now)
{
    public TimelineReview? Review { get; init; }
    public IReadOnlyList<ActionItem> ActionItems { get; init; } = [];
    public IReadOnlyList<NotificationClock> Clocks { get; init; } = [];
    public QualityReport? Quality { get; init; }

    /// <summary>Values the person just submitted, shown again beside <see cref="Errors"/>.</summary>
    public IReadOnlyDictionary<string, string>? Submitted { get; init; }

    public IReadOnlyDictionary<string, string>? Errors { get; init; }

    /// <summary>A line shown first, such as "Cause 2 saved."</summary>
    public string? Notice { get; init; }
}

/// <summary>The neutral cards of the guided post-mortem: one card per section, plus status, reason forms and the published summary.</summary>
public static class PostMortemCards
{
    public static string Intro(PostMortemSection section) => section switch
    {
        PostMortemSection.Scope => "Start with the boundaries: what was involved, and what could you see? A source you lacked is a finding in its own right.",
        PostMortemSection.Timeline => "Check the timeline against what people remember. Mark the key moments so the response times can be worked out, and explain any quiet stretch over an hour.",
        PostMortemSection.RootCauses => "List the conditions that let this happen, one cause at a time. Tag each with the first principles that failed, and say what enabled it: a process, a tool, or the workload.",
        PostMortemSection.Impact => "Record what was affected. A data category starts the notification clocks that apply to it, counted from the moment of detection.",
        PostMortemSection.Response => "How well did the controls and the people work? Be specific about what helped and what got in the way.",
        PostMortemSection.Lessons => "What do we know now that we did not know before? Describe systems and conditions, not people; wording that reads as blame gets a suggestion.",
        PostMortemSection.ActionItems => "Turn the findings into work with an owner and a due date. Prefer items that remove a whole class of problems over one-off patches. Owners are reminded until the work is done.",
        PostMortemSection.Training => "Who needs to learn what, so that this is less likely, or caught sooner, next time?",
        PostMortemSection.Summary => "Write for decision makers: the top asks, the risk of doing nothing against what the asks buy, and a rough price. Then check and publish.",
        _ => string.Empty,
    };

    public static Dictionary<string, string> Data(Incident incident, PostMortemSection section, string? next = null)
    {
        var data = new Dictionary<string, string>
        {
            [PostMortemVerbs.IncidentKey] = incident.Number.ToString(CultureInfo.InvariantCulture),
            [PostMortemVerbs.SectionKey] = section.Slug(),
        };
        if (next is not null)
        {
            data[PostMortemVerbs.NextKey] = next;
        }

        return data;
    }

    /// <summary>The card of one section: what is recorded so far, the questions, and the ways on.</summary>
    public static Card Step(StepView view, PostMortemSection section)
    {
        var (incident, postMortem) = (view.Incident, view.PostMortem);
        var times = new ViewTimes(view.Zone);
        var body = new List<CardElement>();
        if (view.Notice is { } notice)
        {
            body.Add(new TextElement(notice));
        }

        body.Add(new TextElement(Intro(section), TextStyle.Subtle));
        if (StateLine(postMortem.State(section), times) is { } state)
        {
            body.Add(new TextElement(state, TextStyle.Subtle));
        }

        body.AddRange(Context(view, section, times));
        if (times.Note() is { } zoneNote)
        {
            body.Add(zoneNote);
        }

        if (view.Errors is { Count: > 0 } errors)
        {
            body.Add(new TextElement(string.Join("\n", errors.Values.Distinct()), TextStyle.Error));
        }

        body.AddRange(Inputs(view, section));
        return new Card($"Post-mortem {section.Number()} of {PostMortemSections.Count}: {section.Title()}", body, StepButtons(view, section))
        {
            Subtitle = $"{incident.Reference} · {incident.Title}",
            Tone = CardTone.Accent,
            Badge = incident.IsExercise ? "EXERCISE" : null,
        };
    }

    /// <summary>Only the questions of a section, for platforms that ask in a separate form (a Slack modal).</summary>
    public static Card Form(StepView view, PostMortemSection section, CardButton submit)
    {
        var body = new List<CardElement> { new TextElement($"{section.Title()} · {view.Incident.Reference}", TextStyle.Heading) };
        if (section == PostMortemSection.RootCauses && view.PostMortem.RootCauses.Any())
        {
            body.Add(new TextElement("What else enabled this? Think about process, tooling and workload, not only the vulnerability.", TextStyle.Subtle));
        }

        body.AddRange(Inputs(view, section));
        return new Card($"Post-mortem {section.Number()} of {PostMortemSections.Count}", body, [submit with { Style = ButtonStyle.Primary }]);
    }

    /// <summary>A short form asking for a reason: to skip a section, to keep one root cause, to publish with open points.</summary>
    public static Card ReasonForm(Incident incident, string title, string question, string label, CardButton submit, IReadOnlyList<CardElement>? before = null)
    {
        var body = new List<CardElement> { new TextElement(question) };
        if (before is not null)
        {
            body.AddRange(before);
        }

        body.Add(new InputElement(PostMortemQuestions.Reason, label, InputKind.MultilineText) { IsRequired = true, MaxLength = PostMortem.MaxReasonLength });
        return new Card(title, body, [submit with { Style = ButtonStyle.Primary }])
        {
            Subtitle = $"{incident.Reference} · {incident.Title}",
            Tone = CardTone.Warning,
            Badge = incident.IsExercise ? "EXERCISE" : null,
        };
    }

    public static Card RewordForm(Incident incident, PostMortemFinding finding, CardButton submit) => new(
        $"Reword {finding.Label.ToLowerInvariant()}",
        [
            new TextElement($"\"{finding.BlameTerm}\" can read as blaming a person.", TextStyle.Body),
            new TextElement($"Suggestion: {finding.BlameSuggestion}", TextStyle.Subtle),
            new InputElement(PostMortemQuestions.Reworded, finding.Label, InputKind.MultilineText) { IsRequired = true, MaxLength = 2000, Value = finding.Text },
        ],
        [submit with { Style = ButtonStyle.Primary }])
    {
        Subtitle = $"{incident.Reference} · {incident.Title}",
        Badge = incident.IsExercise ? "EXERCISE" : null,
    };

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

    /// <summary>The quality check before publishing, when it has open points: the commander may still publish by giving a reason.</summary>
    public static Card PublishCheck(Incident incident, QualityReport quality)
    {
        var submit = new CardButton("Publish anyway", PostMortemVerbs.Publish, Data(incident, PostMortemSection.Summary));
        return ReasonForm(
            incident,
            $"Not ready to publish · {incident.Reference}",
            "The quality check has open points. Fix them, or publish anyway and say why; the report keeps your reason.",
            "Publish anyway, because…",
            submit,
            Checklist(quality).ToList());
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

    public static IEnumerable<CardElement> Checklist(QualityReport quality)
    {
        yield return new TextElement(quality.Passed ? "Quality check: ready to publish" : "Quality check: open points", TextStyle.Heading);
        yield return new ListElement(quality.Items.Select(i => new ListItem(i.Name, i.Passed ? "✓" : "✗", i.Detail)).ToList());
    }

    public static string? StateLine(PostMortemSectionState state, ViewTimes times) => state.Status switch
    {
        SectionStatus.Answered => $"Answered by {state.ByName}, {times.Moment(state.At!.Value)}.",
        SectionStatus.Skipped => $"Skipped by {state.ByName}, {times.Moment(state.At!.Value)}: {state.SkipReason}",
        _ => null,
    };

    private static IEnumerable<CardElement> Context(StepView view, PostMortemSection section, ViewTimes times)
    {
        var (incident, postMortem) = (view.Incident, view.PostMortem);
        switch (section)
        {
            case PostMortemSection.Timeline when view.Review is { } review:
            {
                var moments = review.KeyMoments.Select(m => new Fact(m.Moment.Describe(), times.Moment(m.At))).ToList();
                yield return new TextElement($"{Plural.Of(review.EntryCount, "timeline entry", "timeline entries")} from every source, in time order. `timeline` shows them.", TextStyle.Subtle);
                yield return moments.Count > 0
                    ? new FactsElement(moments)
                    : new TextElement("No key moment is marked yet. Use `mark detected 09:12`, `mark contained …` and so on, so the response times can be worked out.", TextStyle.Error);
                var durations = IncidentCards.DurationFacts(review.Durations);
                if (durations.Count > 0)
                {
                    yield return new FactsElement(durations);
                }

                if (review.Gaps.Count > 0)
                {
                    yield return new TextElement($"{Plural.Of(review.Gaps.Count, "gap")} of more than an hour with nothing recorded:", TextStyle.Heading);
                    yield return new ListElement(review.Gaps.Take(20).Select(g => new ListItem(
                        $"{times.Moment(g.From)} to {times.Moment(g.To)}", TimeFormat.Duration(g.Length))).ToList());
                }

                break;
            }

            case PostMortemSection.RootCauses:
            {
                foreach (var cause in postMortem.RootCauses)
                {
                    var principles = string.Join(", ", cause.PrincipleList.Select(FirstPrinciples.Title));
                    yield return new TextElement($"{cause.Label} ({principles}; enabled by {cause.Enabler ?? "not said"})", TextStyle.Heading);
                    yield return new TextElement(cause.Text);
                    foreach (var element in Hint(cause, incident))
                    {
                        yield return element;
                    }
                }

                if (postMortem.RootCauses.Any())
                {
                    yield return new TextElement("What else enabled this? Think about process, tooling and workload, not only the vulnerability.", TextStyle.Subtle);
                }

                break;
            }

            case PostMortemSection.Lessons:
            {
                foreach (var lesson in postMortem.Lessons)
                {
                    yield return new TextElement(lesson.Label, TextStyle.Heading);
                    yield return new TextElement(lesson.Text);
                    foreach (var element in Hint(lesson, incident))
                    {
                        yield return element;
                    }
                }

                break;
            }

            case PostMortemSection.ActionItems:
            {
                if (view.ActionItems.Count > 0)
                {
                    yield return new ListElement(view.ActionItems.Select(a => new ListItem(
                        $"{a.Title} — {a.OwnerName}, due {TimeFormat.Day(a.DueDate)}",
                        a.Reference,
                        $"{KindTitle(a.Kind)}; {ReachTitle(a.Reach)}{(a.Status == ActionItemStatus.Done ? "; done" : string.Empty)}")).ToList());
                }

                break;
            }

            case PostMortemSection.Impact:
            {
                foreach (var element in ClockElements(view.Clocks, view.Now, times))
                {
                    yield return element;
                }

                break;
            }

            case PostMortemSection.Summary when view.Quality is { } quality:
            {
                foreach (var element in Checklist(quality))
                {
                    yield return element;
                }

                break;
            }
        }
    }

    private static IEnumerable<CardElement> Hint(PostMortemFinding finding, Incident incident)
    {
        if (finding.BlameState == BlameState.Open)
        {
            yield return new TextElement($"\"{finding.BlameTerm}\" can read as blaming a person. {finding.BlameSuggestion} Keep your wording if it is right.", TextStyle.Error);
        }
        else if (finding.BlameState == BlameState.Kept)
        {
            yield return new TextElement($"Wording kept by its author despite a blame hint ({finding.BlameTerm}).", TextStyle.Subtle);
        }
    }

    private static IEnumerable<InputElement> Inputs(StepView view, PostMortemSection section)
    {
        foreach (var question in PostMortemQuestions.For(section))
        {
            var value = view.Submitted is { } submitted
                ? submitted.GetValueOrDefault(question.Id)
                : section.IsList() ? null : view.PostMortem.Value(section, question.Id);
            yield return question.ToInput(value);
        }
    }

    private static List<CardButton> StepButtons(StepView view, PostMortemSection section)
    {
        var (incident, postMortem) = (view.Incident, view.PostMortem);
        var buttons = new List<CardButton>();
        if (section.IsList())
        {
            // Saving comes first; with a blame hint open, rewording the first flagged item is the third button, and
            // the rest (moving on without adding, keeping a wording, skipping) sit behind the card's "more" menu.
            var plural = section switch { PostMortemSection.RootCauses => "causes", PostMortemSection.Lessons => "lessons", _ => "items" };
            buttons.Add(new CardButton("Save, add another", PostMortemVerbs.Answer, Data(incident, section, PostMortemVerbs.SameSection)) { Style = ButtonStyle.Primary });
            buttons.Add(new CardButton("Save and continue", PostMortemVerbs.Answer, Data(incident, section, PostMortemVerbs.NextSection)));
            var flagged = postMortem.Findings.Where(f => f.BlameState == BlameState.Open && SectionOf(f) == section).Take(2).ToList();
            var hints = new List<CardButton>();
            foreach (var finding in flagged)
            {
                var data = Data(incident, section);
                data[PostMortemVerbs.FindingKey] = finding.Id.ToString();
                var label = finding.Label.ToLowerInvariant();
                hints.Add(new CardButton($"Reword {label}", PostMortemVerbs.Reword, data) { SubmitsInputs = false });
                hints.Add(new CardButton($"Keep {label} as is", PostMortemVerbs.Keep, new Dictionary<string, string>(data)) { SubmitsInputs = false });
            }

            buttons.AddRange(hints.Take(1));
            var count = section switch
            {
                PostMortemSection.RootCauses => postMortem.RootCauses.Count(),
                PostMortemSection.Lessons => postMortem.Lessons.Count(),
                _ => view.ActionItems.Count,
            };
            if (count > 0)
            {
                buttons.Add(new CardButton($"No more {plural}", PostMortemVerbs.Next, Data(incident, section)) { SubmitsInputs = false });
            }

            buttons.AddRange(hints.Skip(1));
        }
        else if (section == PostMortemSection.Summary)
        {
            buttons.Add(new CardButton("Save summary", PostMortemVerbs.Answer, Data(incident, section, PostMortemVerbs.SameSection)) { Style = ButtonStyle.Primary });
            buttons.Add(new CardButton(postMortem.IsPublished ? $"Publish version {postMortem.PublishedVersion + 1}" : "Publish", PostMortemVerbs.Publish, Data(incident, section))
            {
                SubmitsInputs = false,
                Confirm = "Publish the report to this channel? Only the incident commander can.",
            });
        }
        else
        {
            buttons.Add(new CardButton("Save and continue", PostMortemVerbs.Answer, Data(incident, section, PostMortemVerbs.NextSection)) { Style = ButtonStyle.Primary });
        }

        if (section != PostMortemSection.Summary && !postMortem.State(section).IsDone)
        {
            buttons.Add(new CardButton("Skip section", PostMortemVerbs.Skip, Data(incident, section)) { SubmitsInputs = false });
        }

        return buttons;
    }

    internal static PostMortemSection SectionOf(PostMortemFinding finding) =>
        finding.Kind == FindingKind.RootCause ? PostMortemSection.RootCauses : PostMortemSection.Lessons;

    private static IEnumerable<CardElement> ClockElements(IReadOnlyList<NotificationClock> clocks, DateTime now, ViewTimes times)
    {
        if (clocks.Count == 0)
        {
            yield break;
        }

        yield return new TextElement("Notification clocks", TextStyle.Heading);
        yield return new ListElement(clocks.Select(c => new ListItem(
            $"{c.Regime.Name}: notify {c.Regime.Notify} by {times.Moment(c.DueAt)}",
            c.DescribeLeft(now),
            (c.FromDeclaration ? "Counted from the declaration, because no detection time is marked. " : string.Empty) + c.Regime.Note)).ToList());
    }

    public static string KindTitle(ActionItemKind kind) => kind switch
    {
        ActionItemKind.Configuration => "Configuration change",
        ActionItemKind.PolicyOrProcedure => "Policy or procedure",
        ActionItemKind.Monitoring => "Monitoring",
        ActionItemKind.Training => "Training",
        ActionItemKind.Awareness => "Awareness",
        ActionItemKind.Architecture => "Architecture",
        _ => "Kind not set",
    };

    public static string ReachTitle(ActionItemReach reach) => reach switch
    {
        ActionItemReach.RemovesClass => "removes a class of problems",
        ActionItemReach.PatchesInstance => "patches one instance",
        _ => "reach not set",
    };

    private static string Money(PostMortem postMortem) => postMortem.Value(PostMortemSection.Impact, PostMortemQuestions.ImpactCost) ?? "not estimated";

    private static string Hours(PostMortem postMortem) =>
        postMortem.Value(PostMortemSection.Impact, PostMortemQuestions.ImpactHours) is { } hours ? $"{hours} person-hours" : "not estimated";
}
