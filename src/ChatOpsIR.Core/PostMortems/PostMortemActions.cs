using System.Globalization;
using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>
/// The buttons of the post-mortem cards: save a section (<see cref="SectionAnswers"/>), move on from a list, skip with a
/// reason, resume, keep or reword a flagged cause or lesson, and publish. Each stages its changes and
/// <see cref="CommandService"/> saves once.
/// </summary>
public sealed class PostMortemActions(
    IIncidentStore store,
    IncidentPermissions permissions,
    TimeProvider clock,
    BlameCoach coach,
    SectionAnswers answers,
    PostMortemSteps steps,
    PostMortemDocuments documents) : ICardActionHandler
{
    private const string NotStarted = "The post-mortem of this incident has not been started. Type `postmortem` to start it.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string Family => PostMortemVerbs.Family;

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
        var mayLead = verb is PostMortemVerbs.Skip or PostMortemVerbs.Publish
            && await permissions.MayAsync(context, verb == PostMortemVerbs.Skip ? GuardedAction.SkipSection : GuardedAction.PublishPostMortem, incident, null, cancellationToken);
        switch (verb)
        {
            case PostMortemVerbs.Answer:
                var view = await steps.ViewAsync(context, incident, postMortem, section, cancellationToken);
                return PostMortemCards.Form(view, section, submit);
            case PostMortemVerbs.Skip when mayLead && !data.ContainsKey(PostMortemQuestions.Reason):
                return SkipForm(incident, section, data);
            case PostMortemVerbs.Next when NeedsSingleCauseReason(postMortem, section) && !data.ContainsKey(PostMortemQuestions.Reason):
                return SingleCauseForm(incident, data);
            case PostMortemVerbs.Reword when FindFinding(postMortem, data) is { } finding && MayEdit(context, incident, finding) && !data.ContainsKey(PostMortemQuestions.Reworded):
                return PostMortemCards.RewordForm(incident, finding, submit with { Title = "Save wording" });
            case PostMortemVerbs.Publish when mayLead && !data.ContainsKey(PostMortemQuestions.Reason):
                var document = await documents.BuildAsync(incident, postMortem, incident.TimeZone, cancellationToken);
                return document.Quality.Passed ? null : PostMortemCards.PublishCheck(incident, document.Quality);
            default:
                return null;
        }
    }

    /// <summary>A button of a post-mortem card was pressed (with the card's inputs, where it has any).</summary>
    public async Task<BotReply> HandleAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (await LoadAsync(context, data, cancellationToken) is not { } loaded)
        {
            return await MissingAsync(context, data, cancellationToken);
        }

        var (incident, postMortem, section) = loaded;
        return verb switch
        {
            PostMortemVerbs.Answer => await answers.AnswerAsync(context, incident, postMortem, section, data, cancellationToken),
            PostMortemVerbs.Next => await NextAsync(context, incident, postMortem, section, data, cancellationToken),
            PostMortemVerbs.Skip => await SkipAsync(context, incident, postMortem, section, data, cancellationToken),
            PostMortemVerbs.Open => await OpenAsync(context, incident, postMortem, section, cancellationToken),
            PostMortemVerbs.Keep => await KeepAsync(context, incident, postMortem, data, cancellationToken),
            PostMortemVerbs.Reword => await RewordAsync(context, incident, postMortem, data, cancellationToken),
            PostMortemVerbs.Publish => await PublishAsync(context, incident, postMortem, data, cancellationToken),
            _ => BotReply.Error("That post-mortem button is not recognised. It may be from an older version of the card; type `postmortem` for a fresh one."),
        };
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
        return await steps.MoveOnAsync(context, incident, postMortem, section, $"{section.Title()} done.", cancellationToken);
    }

    private async Task<BotReply> SkipAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (await permissions.RefusalAsync(context, GuardedAction.SkipSection, incident, null, cancellationToken) is { } refused)
        {
            return refused;
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
        return await steps.MoveOnAsync(context, incident, postMortem, section, $"{context.User.DisplayName} skipped {section.Title()}: {postMortem.State(section).SkipReason}", cancellationToken);
    }

    private async Task<BotReply> OpenAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, CancellationToken cancellationToken)
    {
        postMortem.MoveTo(section, Now);
        var view = await steps.ViewAsync(context, incident, postMortem, section, cancellationToken);
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
        return await steps.StayAsync(context, incident, postMortem, PostMortemCards.SectionOf(finding), $"{finding.Label}: wording kept by {context.User.DisplayName}. The report notes the hint.", cancellationToken);
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

        var hint = coach.Check(text, incident, postMortem);
        postMortem.Reword(finding, text, hint, context.User, Now);
        var notice = hint is null
            ? $"{finding.Label} reworded by {context.User.DisplayName}."
            : $"{finding.Label} reworded, but \"{hint.Term}\" can still read as blame. Reword again, or keep it.";
        return await steps.StayAsync(context, incident, postMortem, PostMortemCards.SectionOf(finding), notice, cancellationToken);
    }

    private async Task<BotReply> PublishAsync(CommandContext context, Incident incident, PostMortem postMortem, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (await permissions.RefusalAsync(context, GuardedAction.PublishPostMortem, incident, null, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (postMortem.IsPublished && !postMortem.ChangedSincePublish)
        {
            return BotReply.Private($"Version {postMortem.PublishedVersion} is published and nothing has changed since. `report` shows it.");
        }

        var document = await documents.BuildAsync(incident, postMortem, incident.TimeZone, cancellationToken);
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
        // The frozen copy states the verification as of now; the rows of this very command are not written yet.
        var frozen = await documents.WithAuditAsync(document, linkFirst: false, cancellationToken) with { Version = version, QualityOverride = overrideReason, PublishedByName = context.User.DisplayName };
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

        var url = documents.ReportUrl(incident);
        return BotReply.ToChannel(
            $"{context.User.DisplayName} published the post-mortem of {incident.Reference} (version {version}).{closed}{(url is null ? string.Empty : " " + url)}",
            PostMortemCards.Published(frozen, version, url));
    }

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

    private async Task<(Incident Incident, PostMortem PostMortem, PostMortemSection Section)?> LoadAsync(CommandContext context, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var incident = int.TryParse(data.GetValueOrDefault(PostMortemVerbs.IncidentKey), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await store.FindIncidentAsync(context.Scope, number, cancellationToken)
            : await store.FindLatestIncidentAsync(context.Scope, context.ChannelId, cancellationToken);
        // A private incident's card pressed (or forged) by someone not in it acts as a card of no incident at all.
        if (incident is null || !await permissions.CanSeeAsync(context, incident, cancellationToken) || await store.FindPostMortemAsync(context.Scope, incident.Id, cancellationToken) is not { } postMortem)
        {
            return null;
        }

        var section = PostMortemSections.TryParse(data.GetValueOrDefault(PostMortemVerbs.SectionKey), out var named) ? named : postMortem.CurrentSection;
        return (incident, postMortem, section);
    }

    private async Task<BotReply> MissingAsync(CommandContext context, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var known = int.TryParse(data.GetValueOrDefault(PostMortemVerbs.IncidentKey), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && await store.FindIncidentAsync(context.Scope, number, cancellationToken) is { } incident && await permissions.CanSeeAsync(context, incident, cancellationToken);
        return BotReply.Error(known || data.Count == 0 ? NotStarted : "That card belongs to an incident this workspace does not have.");
    }
}
