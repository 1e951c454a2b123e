using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>
/// The guided post-mortem: `postmortem` starts or resumes it, each card's buttons save a section, skip it with a
/// reason, or publish. Like <see cref="IncidentWorkflows"/>, handlers stage changes and <see cref="CommandService"/>
/// saves once, so each answer is stored the moment it is given and a conflict is retried on fresh state.
/// </summary>
public sealed class PostMortemWorkflows(
    IIncidentStore store,
    IncidentLookup lookup,
    TimeProvider clock,
    IEnumerable<IMentionResolver> resolvers,
    BlameCoach coach,
    NotificationClocks clocks,
    IEnumerable<IReportLinks> links)
{
    private const string NotStarted = "The post-mortem of this incident has not been started. Type `postmortem` to start it.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>`postmortem`: starts the flow at section 1, or posts the section it stopped at.</summary>
    public async Task<BotReply> StartOrResumeAsync(CommandContext context, int? reference, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, reference, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var postMortem = await store.FindPostMortemAsync(context.Scope, incident.Id, cancellationToken);
        if (postMortem is null)
        {
            postMortem = PostMortem.Start(incident, context.User, Now);
            store.Add(postMortem);
            var open = incident.Status == IncidentStatus.Open ? " The incident is still open; you can start now and finish after it is resolved." : string.Empty;
            var notice = $"{context.User.DisplayName} started the post-mortem of {Label(incident)}. We go through {PostMortemSections.Count} sections, one card at a time; anyone here can answer, and every answer is saved as it is given.{open}";
            var first = await StepAsync(context, incident, postMortem, PostMortemSection.Scope, cancellationToken) with { Notice = notice };
            return BotReply.ToChannel($"Post-mortem of {incident.Reference} started.", PostMortemCards.Step(first, PostMortemSection.Scope));
        }

        var section = postMortem.CurrentSection;
        var view = await StepAsync(context, incident, postMortem, section, cancellationToken) with
        {
            Notice = $"Resuming the post-mortem of {Label(incident)} at section {section.Number()} of {PostMortemSections.Count}. `postmortem status` shows every section.",
        };
        return BotReply.ToChannel($"Post-mortem of {incident.Reference}: section {section.Number()}, {section.Title()}.", PostMortemCards.Step(view, section));
    }

    /// <summary>`postmortem status`: which sections are done, skipped or open; the clocks and the quality check.</summary>
    public async Task<BotReply> StatusAsync(CommandContext context, int? reference, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, reference, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (await store.FindPostMortemAsync(context.Scope, incident.Id, cancellationToken) is not { } postMortem)
        {
            return BotReply.Error(NotStartedFor(incident));
        }

        var document = await DocumentAsync(incident, postMortem, incident.TimeZone, cancellationToken);
        var view = new StepView(incident, postMortem, incident.TimeZone, Now) { Clocks = document.Clocks, Quality = document.Quality };
        var done = postMortem.Sections.Count(s => s.IsDone);
        return BotReply.Private($"Post-mortem of {incident.Reference}: {done} of {PostMortemSections.Count} sections done.", PostMortemCards.Status(view));
    }

    /// <summary>`report`: a summary card with the checklist and a link to the full report.</summary>
    public async Task<BotReply> ReportAsync(CommandContext context, int? reference, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, reference, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (await store.FindPostMortemAsync(context.Scope, incident.Id, cancellationToken) is not { } postMortem)
        {
            return BotReply.Error(NotStartedFor(incident));
        }

        var document = await DocumentAsync(incident, postMortem, incident.TimeZone, cancellationToken);
        var url = ReportUrl(incident);
        var text = url is null ? $"Post-mortem report of {incident.Reference}." : $"Post-mortem report of {incident.Reference}: {url}";
        return BotReply.Private(text, PostMortemCards.Report(document, url));
    }

    /// <summary>Gathers everything the report shows. The timeline is read once, without tracking.</summary>
    public async Task<PostMortemDocument> DocumentAsync(Incident incident, PostMortem postMortem, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var timeline = await store.GetTimelineAsync(incident.Scope, incident.Id, cancellationToken);
        var actionItems = await store.GetActionItemsAsync(incident.Scope, incident.Id, cancellationToken);
        var evidence = await store.GetEvidenceAsync(incident.Scope, incident.Id, cancellationToken);
        var review = TimelineReview.Of(incident, timeline);
        return new PostMortemDocument(
            incident,
            postMortem,
            timeline,
            review,
            actionItems,
            evidence,
            clocks.For(incident, postMortem),
            QualityReport.Of(postMortem, review, actionItems),
            zone,
            Now);
    }

    /// <summary>
    /// The form a button of a post-mortem card fills in, for platforms that ask in a separate dialog (Slack opens
    /// it as a modal). Null when the button asks nothing, or when the presser may not use it (the press then explains why).
    /// </summary>
    public async Task<Card?> FormForAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (await LoadAsync(context, data, cancellationToken) is not { } loaded)
        {
            return null;
        }

        var (incident, postMortem, section) = loaded;
        var submit = new CardButton("Save", verb, data);
        switch (verb)
        {
            case PostMortemVerbs.Answer:
                var view = await StepAsync(context, incident, postMortem, section, cancellationToken);
                return PostMortemCards.Form(view, section, submit);
            case PostMortemVerbs.Skip when incident.IsCommander(context.User) && !data.ContainsKey(PostMortemQuestions.Reason):
                return SkipForm(incident, section, data);
            case PostMortemVerbs.Next when NeedsSingleCauseReason(postMortem, section) && !data.ContainsKey(PostMortemQuestions.Reason):
                return SingleCauseForm(incident, data);
            case PostMortemVerbs.Reword when FindFinding(postMortem, data) is { } finding && MayEdit(context, incident, finding) && !data.ContainsKey(PostMortemQuestions.Reworded):
                return PostMortemCards.RewordForm(incident, finding, submit with { Title = "Save wording" });
            case PostMortemVerbs.Publish when incident.IsCommander(context.User) && !data.ContainsKey(PostMortemQuestions.Reason):
                var document = await DocumentAsync(incident, postMortem, incident.TimeZone, cancellationToken);
                return document.Quality.Passed ? null : PostMortemCards.PublishCheck(incident, document.Quality);
            default:
                return null;
        }
    }

    /// <summary>A button of a post-mortem card was pressed (with the card's inputs, where it has any).</summary>
    public async Task<BotReply> HandleActionAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (await LoadAsync(context, data, cancellationToken) is not { } loaded)
        {
            return await MissingAsync(context, data, cancellationToken);
        }

        var (incident, postMortem, section) = loaded;
        return verb switch
        {
            PostMortemVerbs.Answer => await AnswerAsync(context, incident, postMortem, section, data, cancellationToken),
            PostMortemVerbs.Next => await NextAsync(context, incident, postMortem, section, data, cancellationToken),
            PostMortemVerbs.Skip => await SkipAsync(context, incident, postMortem, section, data, cancellationToken),
            PostMortemVerbs.Open => await OpenAsync(context, incident, postMortem, section, cancellationToken),
            PostMortemVerbs.Keep => await KeepAsync(context, incident, postMortem, data, cancellationToken),
            PostMortemVerbs.Reword => await RewordAsync(context, incident, postMortem, data, cancellationToken),
            PostMortemVerbs.Publish => await PublishAsync(context, incident, postMortem, data, cancellationToken),
            _ => BotReply.Error("That post-mortem button is not recognised. It may be from an older version of the card; type `postmortem` for a fresh one."),
        };
    }

    private async Task<BotReply> AnswerAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var values = PostMortemQuestions.For(section).ToDictionary(q => q.Id, q => (data.GetValueOrDefault(q.Id) ?? string.Empty).Trim());
        var errors = Validate(section, values, context);
        ChatUser? owner = null;
        if (section == PostMortemSection.ActionItems && !errors.ContainsKey(PostMortemQuestions.ActionOwner))
        {
            if (CommandParser.TryMention(values[PostMortemQuestions.ActionOwner], out var mention) || TryName(values[PostMortemQuestions.ActionOwner], out mention))
            {
                owner = await Mentions.ResolveAsync(resolvers, context, mention!, cancellationToken);
            }
            else
            {
                errors[PostMortemQuestions.ActionOwner] = "Name the owner as @name (or pick them, where the form has a picker).";
            }
        }

        if (errors.Count > 0)
        {
            var again = await StepAsync(context, incident, postMortem, section, cancellationToken) with { Submitted = values, Errors = errors };
            return BotReply.Error(string.Join(" ", errors.Values.Distinct()), PostMortemCards.Step(again, section)) with { FieldErrors = errors };
        }

        var moveOn = data.GetValueOrDefault(PostMortemVerbs.NextKey) != PostMortemVerbs.SameSection;
        string saved;
        switch (section)
        {
            case PostMortemSection.RootCauses:
            {
                var principles = values[PostMortemQuestions.CausePrinciples].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var hint = coach.Check(values[PostMortemQuestions.CauseText], PeopleNamed(incident, postMortem));
                var cause = postMortem.AddFinding(FindingKind.RootCause, values[PostMortemQuestions.CauseText], principles, values[PostMortemQuestions.CauseEnabler], hint, context.User, Now);
                saved = $"{cause.Label} saved by {context.User.DisplayName}.";
                if (hint is not null)
                {
                    return await StayAsync(context, incident, postMortem, section, $"{saved} One thing first: \"{hint.Term}\" can read as blaming a person. Reword it, or keep it if it is right.", cancellationToken);
                }

                if (moveOn && postMortem.RootCauses.Count() == 1 && postMortem.SingleCauseReason is null)
                {
                    // Push past the first cause: the card stays, asking what enabled it.
                    return await StayAsync(context, incident, postMortem, section, $"{saved} Incidents rarely have a single cause. What made cause 1 possible, or let it matter? Add another cause, or continue and say why there is only one.", cancellationToken);
                }

                break;
            }

            case PostMortemSection.Lessons:
            {
                var hint = coach.Check(values[PostMortemQuestions.LessonText], PeopleNamed(incident, postMortem));
                var lesson = postMortem.AddFinding(FindingKind.Lesson, values[PostMortemQuestions.LessonText], [], null, hint, context.User, Now);
                saved = $"{lesson.Label} saved by {context.User.DisplayName}.";
                if (hint is not null)
                {
                    return await StayAsync(context, incident, postMortem, section, $"{saved} One thing first: \"{hint.Term}\" can read as blaming a person. Reword it, or keep it if it is right.", cancellationToken);
                }

                break;
            }

            case PostMortemSection.ActionItems:
            {
                var due = ParseDue(values[PostMortemQuestions.ActionDue], context)!.Value;
                var number = await store.NextActionItemNumberAsync(context.Scope, cancellationToken);
                var item = new ActionItem(incident, number, values[PostMortemQuestions.ActionTitle], owner!, due, context.User, Now);
                item.Classify(ToKind(values[PostMortemQuestions.ActionKind]), values[PostMortemQuestions.ActionReach] == "class" ? ActionItemReach.RemovesClass : ActionItemReach.PatchesInstance);
                store.Add(item);
                postMortem.CompleteList(section, context.User, Now);
                saved = $"Action item {item.Reference} saved for {owner!.DisplayName}, due {TimeFormat.Day(due)}.";
                if (!moveOn)
                {
                    return await StayAsync(context, incident, postMortem, section, saved, cancellationToken, extra: item);
                }

                break;
            }

            default:
                postMortem.Answer(section, values, context.User, Now);
                saved = $"{section.Title()} saved by {context.User.DisplayName}.";
                if (section == PostMortemSection.Impact && clocks.For(incident, postMortem) is { Count: > 0 } started)
                {
                    saved += " Notification clocks running: " + string.Join("; ", started.Select(c => $"{c.Regime.Name}, {c.DescribeLeft(Now)}")) + ".";
                }

                break;
        }

        if (!moveOn || section == PostMortemSection.Summary)
        {
            return await StayAsync(context, incident, postMortem, section, saved, cancellationToken);
        }

        return await MoveOnAsync(context, incident, postMortem, section, saved, cancellationToken);
    }

    private async Task<BotReply> NextAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (section.IsList())
        {
            var count = section switch
            {
                PostMortemSection.RootCauses => postMortem.RootCauses.Count(),
                PostMortemSection.Lessons => postMortem.Lessons.Count(),
                _ => (await store.GetActionItemsAsync(context.Scope, incident.Id, cancellationToken)).Count,
            };
            if (count == 0 && !postMortem.State(section).IsDone)
            {
                return BotReply.Error($"{section.Title()} has nothing yet. Add at least one, or ask the commander to skip the section with a reason.");
            }
        }

        if (NeedsSingleCauseReason(postMortem, section))
        {
            var reason = data.GetValueOrDefault(PostMortemQuestions.Reason)?.Trim();
            if (string.IsNullOrEmpty(reason))
            {
                return data.ContainsKey(PostMortemQuestions.Reason)
                    ? FieldError(SingleCauseForm(incident, data), PostMortemQuestions.Reason, "Say why there is only one root cause, or add another.")
                    : BotReply.Private("Only one root cause so far.", SingleCauseForm(incident, data));
            }

            postMortem.ExplainSingleCause(reason, Now);
        }

        postMortem.CompleteList(section, context.User, Now);
        return await MoveOnAsync(context, incident, postMortem, section, $"{section.Title()} done.", cancellationToken);
    }

    private async Task<BotReply> SkipAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (!incident.IsCommander(context.User))
        {
            return IncidentRefusals.OnlyTheCommander(incident, "skip a section, and only with a reason");
        }

        if (section == PostMortemSection.Summary)
        {
            return BotReply.Error("The summary cannot be skipped: it is what decision makers read.");
        }

        var reason = data.GetValueOrDefault(PostMortemQuestions.Reason)?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return data.ContainsKey(PostMortemQuestions.Reason)
                ? FieldError(SkipForm(incident, section, data), PostMortemQuestions.Reason, "Give a reason for skipping; the report shows it.")
                : BotReply.Private($"Why skip {section.Title()}?", SkipForm(incident, section, data));
        }

        postMortem.Skip(section, reason, context.User, Now);
        return await MoveOnAsync(context, incident, postMortem, section, $"{context.User.DisplayName} skipped {section.Title()}: {postMortem.State(section).SkipReason}", cancellationToken);
    }

    private async Task<BotReply> OpenAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, CancellationToken cancellationToken)
    {
        postMortem.MoveTo(section, Now);
        var view = await StepAsync(context, incident, postMortem, section, cancellationToken);
        return BotReply.ToChannel($"Post-mortem of {incident.Reference}: section {section.Number()}, {section.Title()}.", PostMortemCards.Step(view, section));
    }

    private async Task<BotReply> KeepAsync(CommandContext context, Incident incident, PostMortem postMortem, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (FindFinding(postMortem, data) is not { } finding)
        {
            return BotReply.Error("That cause or lesson is no longer there.");
        }

        if (!MayEdit(context, incident, finding))
        {
            return BotReply.Error($"Only {finding.ByName}, who wrote {finding.Label.ToLowerInvariant()}, or the commander can decide to keep its wording.");
        }

        postMortem.KeepWording(finding, context.User, Now);
        return await StayAsync(context, incident, postMortem, PostMortemCards.SectionOf(finding), $"{finding.Label}: wording kept by {context.User.DisplayName}. The report notes the hint.", cancellationToken);
    }

    private async Task<BotReply> RewordAsync(CommandContext context, Incident incident, PostMortem postMortem, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (FindFinding(postMortem, data) is not { } finding)
        {
            return BotReply.Error("That cause or lesson is no longer there.");
        }

        if (!MayEdit(context, incident, finding))
        {
            return BotReply.Error($"Only {finding.ByName}, who wrote {finding.Label.ToLowerInvariant()}, or the commander can reword it.");
        }

        var text = data.GetValueOrDefault(PostMortemQuestions.Reworded)?.Trim();
        if (text is null)
        {
            return BotReply.Private($"Reword {finding.Label.ToLowerInvariant()}.", PostMortemCards.RewordForm(incident, finding, new CardButton("Save wording", PostMortemVerbs.Reword, data)));
        }

        if (text.Length == 0)
        {
            return FieldError(PostMortemCards.RewordForm(incident, finding, new CardButton("Save wording", PostMortemVerbs.Reword, data)), PostMortemQuestions.Reworded, "Write the new wording.");
        }

        var hint = coach.Check(text, PeopleNamed(incident, postMortem));
        postMortem.Reword(finding, text, hint, context.User, Now);
        var notice = hint is null
            ? $"{finding.Label} reworded by {context.User.DisplayName}."
            : $"{finding.Label} reworded, but \"{hint.Term}\" can still read as blame. Reword again, or keep it.";
        return await StayAsync(context, incident, postMortem, PostMortemCards.SectionOf(finding), notice, cancellationToken);
    }

    private async Task<BotReply> PublishAsync(CommandContext context, Incident incident, PostMortem postMortem, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (!incident.IsCommander(context.User))
        {
            return IncidentRefusals.OnlyTheCommander(incident, "publish the report");
        }

        if (postMortem.IsPublished && !postMortem.ChangedSincePublish)
        {
            return BotReply.Private($"Version {postMortem.PublishedVersion} is published and nothing has changed since. `report` shows it.");
        }

        var document = await DocumentAsync(incident, postMortem, incident.TimeZone, cancellationToken);
        string? overrideReason = null;
        if (!document.Quality.Passed)
        {
            overrideReason = data.GetValueOrDefault(PostMortemQuestions.Reason)?.Trim();
            if (string.IsNullOrEmpty(overrideReason))
            {
                return data.ContainsKey(PostMortemQuestions.Reason)
                    ? FieldError(PostMortemCards.PublishCheck(incident, document.Quality), PostMortemQuestions.Reason, "Say why the report should be published with open points.")
                    : BotReply.Private("The quality check has open points.", PostMortemCards.PublishCheck(incident, document.Quality));
            }
        }

        var version = postMortem.PublishedVersion + 1;
        var frozen = document with { Version = version, QualityOverride = overrideReason, PublishedByName = context.User.DisplayName };
        store.Add(new PostMortemVersion(postMortem, version, context.User, Now, overrideReason, PostMortemReport.Markdown(frozen), PostMortemReport.Html(frozen)));
        postMortem.MarkPublished(version, Now);
        postMortem.MoveTo(PostMortemSection.Summary, Now);

        // A published post-mortem ends a resolved incident's life; an open one stays open (its post-mortem started early).
        var closed = string.Empty;
        if (incident.Status == IncidentStatus.Resolved)
        {
            store.Add(incident.Close(context.User, $"post-mortem published (version {version})", context.Platform, Now));
            closed = $" {incident.Reference} is now closed.";
        }

        var url = ReportUrl(incident);
        return BotReply.ToChannel(
            $"{context.User.DisplayName} published the post-mortem of {incident.Reference} (version {version}).{closed}{(url is null ? string.Empty : " " + url)}",
            PostMortemCards.Published(frozen, version, url));
    }

    private async Task<BotReply> MoveOnAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, string notice, CancellationToken cancellationToken)
    {
        // Next is the first section after this one that is still open; if all are done, the one after, for review.
        var next = postMortem.Sections.OrderBy(s => s.Section).FirstOrDefault(s => s.Section > section && !s.IsDone)?.Section
            ?? section.Next()
            ?? PostMortemSection.Summary;
        postMortem.MoveTo(next, Now);
        var view = await StepAsync(context, incident, postMortem, next, cancellationToken) with { Notice = notice };
        return BotReply.ToChannel($"{notice} Next: {next.Title()}.", PostMortemCards.Step(view, next));
    }

    private async Task<BotReply> StayAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, string notice, CancellationToken cancellationToken, ActionItem? extra = null)
    {
        postMortem.MoveTo(section, Now);
        var view = await StepAsync(context, incident, postMortem, section, cancellationToken, extra) with { Notice = notice };
        return BotReply.ToChannel(notice, PostMortemCards.Step(view, section));
    }

    private async Task<StepView> StepAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, CancellationToken cancellationToken, ActionItem? staged = null)
    {
        var view = new StepView(incident, postMortem, incident.TimeZone, Now) { Clocks = clocks.For(incident, postMortem) };
        switch (section)
        {
            case PostMortemSection.Timeline:
                return view with { Review = TimelineReview.Of(incident, await store.GetTimelineAsync(context.Scope, incident.Id, cancellationToken)) };
            case PostMortemSection.ActionItems:
                var items = (await store.GetActionItemsAsync(context.Scope, incident.Id, cancellationToken)).ToList();
                if (staged is not null)
                {
                    items.Add(staged);
                }

                return view with { ActionItems = items };
            case PostMortemSection.Summary:
                var document = await DocumentAsync(incident, postMortem, incident.TimeZone, cancellationToken);
                return view with { Quality = document.Quality, ActionItems = document.ActionItems };
            default:
                return view;
        }
    }

    private Dictionary<string, string> Validate(PostMortemSection section, IReadOnlyDictionary<string, string> values, CommandContext context)
    {
        var errors = new Dictionary<string, string>();
        foreach (var question in PostMortemQuestions.For(section))
        {
            var value = values[question.Id];
            if (value.Length == 0)
            {
                if (question.IsRequired)
                {
                    errors[question.Id] = question.Kind is InputKind.Choice or InputKind.MultiChoice ? $"Choose: {question.Label}" : $"Answer: {question.Label}";
                }

                continue;
            }

            if (value.Length > question.MaxLength)
            {
                errors[question.Id] = $"Keep it under {question.MaxLength} characters.";
            }
            else if (question.Kind is InputKind.Choice or InputKind.MultiChoice)
            {
                var picked = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (picked.Any(p => question.Choices.All(c => c.Value != p)) || (question.Kind == InputKind.Choice && picked.Length > 1))
                {
                    errors[question.Id] = $"Pick from the list: {string.Join(", ", question.Choices.Select(c => c.Title))}.";
                }
            }
            else if (question.IsCount && !value.Equals("unknown", StringComparison.OrdinalIgnoreCase) && !long.TryParse(value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                errors[question.Id] = "Give a whole number of at least 0, or \"unknown\".";
            }
            else if (question.Kind == InputKind.Date && ParseDue(value, context) is not { } due)
            {
                errors[question.Id] = "Give the date as YYYY-MM-DD (or today, tomorrow, +7d).";
            }
            else if (question.Kind == InputKind.Date && ParseDue(value, context) < Today(context))
            {
                errors[question.Id] = "That date has passed. Give a due date from today on.";
            }
        }

        return errors;
    }

    private DateOnly? ParseDue(string text, CommandContext context) =>
        DueDateExpression.TryParse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries), out var due, out var used) && used == text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length
            ? due!.Resolve(Today(context))
            : null;

    private DateOnly Today(CommandContext context) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, context.TimeZone));

    private static bool TryName(string text, out UserMention? mention)
    {
        // A plain name typed into a form ("Priya Patel") is taken as it is, like @name in the web war room.
        var name = text.Trim();
        mention = name.Length is > 0 and <= 80 && !name.Any(c => char.IsControl(c) || c is '<' or '>') ? new UserMention(name, name) : null;
        return mention is not null;
    }

    private static ActionItemKind ToKind(string value) => value switch
    {
        "configuration" => ActionItemKind.Configuration,
        "policy" => ActionItemKind.PolicyOrProcedure,
        "monitoring" => ActionItemKind.Monitoring,
        "training" => ActionItemKind.Training,
        "awareness" => ActionItemKind.Awareness,
        "architecture" => ActionItemKind.Architecture,
        _ => ActionItemKind.Unspecified,
    };

    private static bool NeedsSingleCauseReason(PostMortem postMortem, PostMortemSection section) =>
        section == PostMortemSection.RootCauses && postMortem.RootCauses.Count() == 1 && postMortem.SingleCauseReason is null;

    private static Card SkipForm(Incident incident, PostMortemSection section, IReadOnlyDictionary<string, string> data) => PostMortemCards.ReasonForm(
        incident,
        $"Skip {section.Title()}?",
        $"A skipped section stays visible in the report, with your reason. Why skip {section.Title()}?",
        "Reason for skipping",
        new CardButton("Skip section", PostMortemVerbs.Skip, data));

    private static Card SingleCauseForm(Incident incident, IReadOnlyDictionary<string, string> data) => PostMortemCards.ReasonForm(
        incident,
        "Only one root cause?",
        "Most incidents have more than one cause: something made the first one possible, or let it do harm. If there truly is only one, say why; the report keeps the reason.",
        "There is only one cause because…",
        new CardButton("Only one cause", PostMortemVerbs.Next, data));

    /// <summary>A refused answer to a short form: the same form comes back with the problem shown above its field.</summary>
    private static BotReply FieldError(Card form, string field, string message)
    {
        var body = form.Body.ToList();
        var at = body.FindIndex(e => e is InputElement input && input.Id == field);
        body.Insert(at < 0 ? body.Count : at, new TextElement(message, TextStyle.Error));
        return BotReply.Error(message, form with { Body = body }) with { FieldErrors = new Dictionary<string, string> { [field] = message } };
    }

    private static PostMortemFinding? FindFinding(PostMortem postMortem, IReadOnlyDictionary<string, string> data) =>
        Guid.TryParse(data.GetValueOrDefault(PostMortemVerbs.FindingKey), out var id) ? postMortem.Findings.FirstOrDefault(f => f.Id == id) : null;

    private static bool MayEdit(CommandContext context, Incident incident, PostMortemFinding finding) =>
        finding.ById == context.User.Id || incident.IsCommander(context.User);

    /// <summary>Names of the people in this incident, so "Sam forgot…" is recognised as naming someone.</summary>
    private static IEnumerable<string> PeopleNamed(Incident incident, PostMortem postMortem) =>
        incident.Roles.Select(r => r.UserName)
            .Append(incident.DeclaredByName)
            .Concat(postMortem.Findings.Select(f => f.ByName))
            .Concat(postMortem.Answers.Select(a => a.ByName))
            .Where(n => n != ChatUser.System.DisplayName);

    private async Task<(Incident Incident, PostMortem PostMortem, PostMortemSection Section)?> LoadAsync(CommandContext context, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var incident = int.TryParse(data.GetValueOrDefault(PostMortemVerbs.IncidentKey), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await store.FindIncidentAsync(context.Scope, number, cancellationToken)
            : await store.FindLatestIncidentAsync(context.Scope, context.ChannelId, cancellationToken);
        if (incident is null || await store.FindPostMortemAsync(context.Scope, incident.Id, cancellationToken) is not { } postMortem)
        {
            return null;
        }

        var section = PostMortemSections.TryParse(data.GetValueOrDefault(PostMortemVerbs.SectionKey), out var named) ? named : postMortem.CurrentSection;
        return (incident, postMortem, section);
    }

    private async Task<BotReply> MissingAsync(CommandContext context, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var known = int.TryParse(data.GetValueOrDefault(PostMortemVerbs.IncidentKey), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && await store.FindIncidentAsync(context.Scope, number, cancellationToken) is not null;
        return BotReply.Error(known || data.Count == 0 ? NotStarted : "That card belongs to an incident this workspace does not have.");
    }

    private static string NotStartedFor(Incident incident) =>
        $"The post-mortem of {incident.Reference} ({incident.Title}) has not been started. Type `postmortem {incident.Reference}` to start it.";

    private string? ReportUrl(Incident incident) => links.Select(l => l.ReportUrl(incident)).FirstOrDefault(u => u is not null);

    private static string Label(Incident incident) => incident.IsExercise
        ? $"{incident.Reference} ({incident.Exercise.Describe().ToLowerInvariant()})"
        : incident.Reference;
}
