using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PostMortems;

// The card of one section: its introduction, what is recorded so far, the questions and the ways on.
public static partial class PostMortemCards
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
                Confirm = "Publish the report to this channel? Only the commander, a deputy or an incident manager can.",
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
}
