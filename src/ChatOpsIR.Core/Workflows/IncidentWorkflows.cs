using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Workflows;

/// <summary>
/// The incident workflows behind the command grammar. Each stages its changes on the store and returns the
/// reply; <see cref="CommandService"/> saves once, so a command either happens completely or not at all.
/// A workflow that answers with an error stages nothing.
/// </summary>
public sealed class IncidentWorkflows(IIncidentStore store, IncidentLookup lookup, TimeProvider clock, IEnumerable<IMentionResolver> resolvers)
{
    public const int DefaultSeverity = 3;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<BotReply> HandleAsync(CommandContext context, Command command, CancellationToken cancellationToken) => command switch
    {
        DeclareCommand c => DeclareAsync(context, c, cancellationToken),
        DeclareFormCommand => Task.FromResult(BotReply.Private("Fill in the form to declare an incident.", DeclareForm.Build(context.Platform != Platform.Web))),
        NoteCommand c => NoteAsync(context, c, cancellationToken),
        StatusCommand c => StatusAsync(context, c, cancellationToken),
        CaptureCommand c => CaptureAsync(context, c, cancellationToken),
        SeverityCommand c => SeverityAsync(context, c, cancellationToken),
        RoleCommand c => RoleAsync(context, c, cancellationToken),
        MarkCommand c => MarkAsync(context, c, cancellationToken),
        EvidenceCommand c => EvidenceAsync(context, c, cancellationToken),
        ResolveCommand c => ResolveAsync(context, c, cancellationToken),
        ReopenCommand c => ReopenAsync(context, c, cancellationToken),
        CloseCommand c => CloseAsync(context, c, cancellationToken),
        TimelineCommand c => TimelineAsync(context, c, cancellationToken),
        AddActionCommand c => AddActionAsync(context, c, cancellationToken),
        ListActionsCommand c => ListActionsAsync(context, c, cancellationToken),
        CompleteActionCommand c => CompleteActionAsync(context, c, cancellationToken),
        MetricsCommand => MetricsAsync(context, cancellationToken),
        HelpCommand c => Task.FromResult(Help(c)),
        _ => Task.FromResult(BotReply.Error($"`{command.Verb}` is not handled.")),
    };

    private async Task<BotReply> DeclareAsync(CommandContext context, DeclareCommand command, CancellationToken cancellationToken)
    {
        var current = await store.FindCurrentIncidentAsync(context.Scope, context.ChannelId, cancellationToken);
        if (current is { IsOpen: true })
        {
            return BotReply.Error($"{current.Reference} ({current.Title}) is still open in this channel. Resolve it first, or declare the new incident in another channel.");
        }

        var number = await store.NextIncidentNumberAsync(context.Scope, cancellationToken);
        var (incident, entry) = Incident.Declare(
            context.Scope,
            number,
            command.Title,
            command.Severity ?? DefaultSeverity,
            command.Exercise,
            context.Platform,
            context.ChannelId,
            context.ChannelName,
            context.User,
            Now,
            captureChat: command.NewChannel && context.Platform is Platform.Slack or Platform.Teams,
            timeZone: context.TimeZone);
        store.Add(incident);
        store.Add(entry);

        var headline = $"{context.User.DisplayName} declared {(incident.IsExercise ? "an exercise" : "an incident")} and is the incident commander. Add to the timeline with `note …`, post updates with `status …`.";
        // Slack and Teams create the war-room channel before the incident reaches Core; the web war room has none to make.
        if (command.NewChannel && context.Platform == Platform.Web)
        {
            headline += " (The web war room has no separate channels to create; this channel is the war room.)";
        }

        // The resolved incident's post-mortem is not finished: it stays reachable, by reference now that the channel moves on.
        if (current is not null)
        {
            var earlier = current.Reference;
            headline += $" {earlier} ({current.Title}) is resolved and its post-mortem is not finished; the channel's commands now act on {incident.Reference}, " +
                $"so reach {earlier} by its reference: `postmortem {earlier}`, `timeline {earlier}`, `report {earlier}`, `note {earlier} …`.";
        }

        return BotReply.ToChannel($"{incident.Reference} declared: {incident.Title}", IncidentCards.Summary(incident, incident.TimeZone, headline));
    }

    private async Task<BotReply> NoteAsync(CommandContext context, NoteCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var occurredAt = Now;
        if (command.At is { } at && !TryResolve(at, context, out occurredAt, out var error))
        {
            return error!;
        }

        var entry = incident.AddNote(context.User, command.Text, context.Platform, occurredAt, Now);
        store.Add(entry);
        var when = entry.IsBackdated ? $" (at {TimeFormat.MomentWithZone(occurredAt, incident.TimeZone)})" : string.Empty;
        return BotReply.ToChannel($"Added to the {incident.Reference} timeline{when}{entry.AfterResolveSuffix}: {entry.Text}");
    }

    private async Task<BotReply> CaptureAsync(CommandContext context, CaptureCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Open, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (context.Platform == Platform.Web)
        {
            return BotReply.Private("The web war room has only commands, so there is no chat to capture. Use `note` for anything worth keeping.");
        }

        if (incident.CaptureChat == command.On)
        {
            return BotReply.Private($"Chat capture is already {(command.On ? "on" : "off")} for {incident.Reference}.");
        }

        var entry = incident.SetChatCapture(context.User, command.On, context.Platform, Now);
        store.Add(entry);
        return BotReply.ToChannel($"{incident.Reference}: {entry.Text}");
    }

    private async Task<BotReply> StatusAsync(CommandContext context, StatusCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        store.Add(incident.PostStatus(context.User, command.Text, context.Platform, Now));
        var card = new Card($"Status · {incident.Reference} {incident.Title}", [new TextElement(command.Text)])
        {
            Subtitle = $"{context.User.DisplayName} · {TimeFormat.MomentWithZone(Now, incident.TimeZone)}",
            Tone = CardTone.Accent,
            Badge = incident.IsExercise ? "EXERCISE" : null,
        };
        return BotReply.ToChannel($"{incident.Reference} status: {command.Text}", card);
    }

    private async Task<BotReply> SeverityAsync(CommandContext context, SeverityCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (incident.Severity == command.Severity)
        {
            return BotReply.Private($"{incident.Reference} is already {DomainNames.SeverityLabel(command.Severity)}.");
        }

        var entry = incident.ChangeSeverity(context.User, command.Severity, context.Platform, Now);
        store.Add(entry);
        return BotReply.ToChannel($"{incident.Reference}: {entry.Text}");
    }

    private async Task<BotReply> RoleAsync(CommandContext context, RoleCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (!incident.IsCommander(context.User))
        {
            return OnlyTheCommander(incident, "assign roles");
        }

        var holder = await ResolveAsync(context, command.User, cancellationToken);
        if (incident.Holder(command.Role)?.Id == holder.Id)
        {
            return BotReply.Private($"{holder.DisplayName} is already {command.Role.Name()}.");
        }

        var entry = incident.AssignRole(context.User, command.Role, holder, context.Platform, Now);
        store.Add(entry);
        return BotReply.ToChannel($"{incident.Reference}: {entry.Text}");
    }

    private async Task<BotReply> MarkAsync(CommandContext context, MarkCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var at = Now;
        if (command.At is { } expression && !TryResolve(expression, context, out at, out var error))
        {
            return error!;
        }

        var entry = incident.Mark(context.User, command.Moment, context.Platform, at, Now);
        store.Add(entry);
        var durations = IncidentCards.DurationFacts(incident.Durations());
        var derived = durations.Count == 0 ? string.Empty : " " + string.Join(", ", durations.Select(f => $"{f.Title.ToLowerInvariant()} {f.Value}")) + ".";
        return BotReply.ToChannel($"{incident.Reference}: {command.Moment.Describe()} at {TimeFormat.MomentWithZone(at, incident.TimeZone)}{entry.AfterResolveSuffix}.{derived}");
    }

    private async Task<BotReply> EvidenceAsync(CommandContext context, EvidenceCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var number = await store.NextEvidenceNumberAsync(context.Scope, incident.Id, cancellationToken);
        var evidence = new Evidence(incident, number, command.Description, command.Sha256, command.Link, context.User, Now);
        store.Add(evidence);
        var hash = evidence.Sha256 is null ? "no hash given" : $"SHA-256 {evidence.Sha256}";
        store.Add(new TimelineEntry(incident, TimelineEntryKind.Evidence, $"Evidence {evidence.Reference}: {evidence.Description} ({hash}).", context.User, context.Platform, Now, Now));
        var facts = new List<Fact>
        {
            new("Item", evidence.Reference),
            new("Collected by", context.User.DisplayName),
            new("Recorded", TimeFormat.MomentWithZone(Now, incident.TimeZone)),
            new("SHA-256", evidence.Sha256 ?? "not given — add one so the copy can be verified later"),
        };
        if (evidence.Link is { } link)
        {
            facts.Add(new("Location", link));
        }

        var card = new Card($"Evidence {evidence.Reference} · {incident.Reference}", [new TextElement(evidence.Description), new FactsElement(facts)])
        {
            Tone = evidence.Sha256 is null ? CardTone.Warning : CardTone.Default,
        };
        return BotReply.ToChannel($"Evidence {evidence.Reference} recorded for {incident.Reference}: {evidence.Description}", card);
    }

    private async Task<BotReply> ResolveAsync(CommandContext context, ResolveCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (!incident.IsCommander(context.User))
        {
            return OnlyTheCommander(incident, $"resolve {incident.Reference}. They can hand over with `role commander @person`");
        }

        if (!incident.IsOpen)
        {
            return BotReply.Private($"{incident.Reference} is already resolved. Run its post-mortem with `postmortem`, or `reopen` it if the incident is back.");
        }

        store.Add(incident.Resolve(context.User, command.Summary, context.Platform, Now));
        var headline = $"Resolved by {context.User.DisplayName}. Next: `postmortem` walks the channel through the review. " +
            "Until the incident is closed, notes, marks, evidence, status and action items still go to it, marked as added after resolve.";
        return BotReply.ToChannel($"{incident.Reference} resolved.", IncidentCards.Summary(incident, incident.TimeZone, headline));
    }

    private async Task<BotReply> ReopenAsync(CommandContext context, ReopenCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (incident.IsOpen)
        {
            return BotReply.Private($"{incident.Reference} is open already.");
        }

        if (!incident.IsCommander(context.User))
        {
            return OnlyTheCommander(incident, $"reopen {incident.Reference}");
        }

        if (await store.FindOpenIncidentAsync(context.Scope, incident.ChannelId, cancellationToken) is { } other)
        {
            return BotReply.Error($"{other.Reference} ({other.Title}) is open in {incident.Reference}'s channel, and a channel has one open incident at a time. Resolve {other.Reference} first.");
        }

        store.Add(incident.Reopen(context.User, command.Reason, context.Platform, Now));
        var headline = $"Reopened by {context.User.DisplayName}. The incident is open again; its post-mortem keeps every answer given so far.";
        return BotReply.ToChannel($"{incident.Reference} reopened.", IncidentCards.Summary(incident, incident.TimeZone, headline));
    }

    private async Task<BotReply> CloseAsync(CommandContext context, CloseCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (!incident.IsCommander(context.User))
        {
            return OnlyTheCommander(incident, $"close {incident.Reference}");
        }

        if (incident.IsOpen)
        {
            return BotReply.Error($"{incident.Reference} is still open. Resolve it first with `resolve [summary]`; then run the post-mortem, or close it with a reason.");
        }

        store.Add(incident.Close(context.User, command.Reason, context.Platform, Now));
        var headline = $"Closed by {context.User.DisplayName}: {incident.ClosedReason}. The channel's commands no longer act on it; " +
            $"its record stays readable with `timeline {incident.Reference}` and `report {incident.Reference}`.";
        return BotReply.ToChannel($"{incident.Reference} closed.", IncidentCards.Summary(incident, incident.TimeZone, headline));
    }

    private async Task<BotReply> TimelineAsync(CommandContext context, TimelineCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var entries = await store.GetTimelineAsync(context.Scope, incident.Id, cancellationToken);
        return BotReply.Private($"Timeline of {incident.Reference}: {Plural.Of(entries.Count, "entry", "entries")}.", IncidentCards.Timeline(incident, entries, incident.TimeZone));
    }

    private async Task<BotReply> AddActionAsync(CommandContext context, AddActionCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, context.TimeZone));
        var due = command.Due.Resolve(today);
        if (due < today)
        {
            return BotReply.Error($"{TimeFormat.Day(due)} has passed. Give a due date from today on.");
        }

        var owner = await ResolveAsync(context, command.Owner, cancellationToken);
        var number = await store.NextActionItemNumberAsync(context.Scope, cancellationToken);
        var item = new ActionItem(incident, number, command.Text, owner, due, context.User, Now);
        store.Add(item);
        store.Add(new TimelineEntry(incident, TimelineEntryKind.ActionItem, $"Action item {item.Reference} for {owner.DisplayName}, due {TimeFormat.Day(due)}: {item.Title}", context.User, context.Platform, Now, Now));
        return BotReply.ToChannel($"Action item {item.Reference} added for {owner.DisplayName}, due {TimeFormat.Day(due)}: {item.Title}");
    }

    private async Task<BotReply> ListActionsAsync(CommandContext context, ListActionsCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var items = await store.GetActionItemsAsync(context.Scope, incident.Id, cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, context.TimeZone));
        var open = items.Where(i => i.Status == ActionItemStatus.Open).OrderBy(i => i.DueDate).ToList();
        var list = open.Select(i => new ListItem(
            $"{i.Title} — {i.OwnerName}, due {TimeFormat.Day(i.DueDate)}{(i.DueDate < today ? " (overdue)" : string.Empty)}",
            i.Reference)).ToList();
        var done = items.Count - open.Count;
        var card = new Card($"Action items · {incident.Reference}",
        [
            new ListElement(list, "No open action items."),
            new TextElement($"{open.Count} open, {done} done. Close one with `action done <id>`.", TextStyle.Subtle),
        ]);
        return BotReply.Private($"{Plural.Of(open.Count, "open action item")} for {incident.Reference}.", card);
    }

    private async Task<BotReply> CompleteActionAsync(CommandContext context, CompleteActionCommand command, CancellationToken cancellationToken)
    {
        if (await store.FindActionItemAsync(context.Scope, command.Number, cancellationToken) is not { } item)
        {
            return BotReply.Error($"There is no action item A{command.Number}. `actions` lists the open ones.");
        }

        if (item.Status == ActionItemStatus.Done)
        {
            return BotReply.Private($"{item.Reference} is already done.");
        }

        item.Complete(context.User, Now);
        return BotReply.ToChannel($"{item.Reference} is done: {item.Title} (closed by {context.User.DisplayName}).");
    }

    private async Task<BotReply> MetricsAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var to = Now;
        var from = to.AddYears(-1);
        var incidents = await store.GetIncidentsDeclaredAsync(context.Scope, from, to, cancellationToken);
        var real = incidents.Where(i => !i.IsExercise).ToList();
        var facts = new List<Fact>
        {
            new("Incidents (last 12 months)", real.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Exercises", (incidents.Count - real.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Still open", real.Count(i => i.Status == IncidentStatus.Open).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        for (var sev = 1; sev <= 4; sev++)
        {
            var count = real.Count(i => i.Severity == sev);
            facts.Add(new(DomainNames.SeverityLabel(sev), count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        AddMedian("Median time to detect", real.Select(i => i.Durations().TimeToDetect));
        AddMedian("Median time to contain", real.Select(i => i.Durations().TimeToContain));
        AddMedian("Median time to recover", real.Select(i => i.Durations().TimeToRecover));
        var card = new Card("Incident metrics", [new TextElement($"Declared {TimeFormat.MomentWithZone(from, context.TimeZone)} to now; exercises are counted apart.", TextStyle.Subtle), new FactsElement(facts)]);
        return BotReply.Private($"{Plural.Of(real.Count, "incident")} and {Plural.Of(incidents.Count - real.Count, "exercise")} in the last 12 months.", card);

        void AddMedian(string title, IEnumerable<TimeSpan?> spans)
        {
            var values = spans.Where(s => s.HasValue).Select(s => s!.Value).OrderBy(s => s).ToList();
            if (values.Count == 0)
            {
                facts.Add(new(title, "not enough marked moments"));
                return;
            }

            var median = values.Count % 2 == 1
                ? values[values.Count / 2]
                : TimeSpan.FromTicks((values[(values.Count / 2) - 1].Ticks + values[values.Count / 2].Ticks) / 2);
            facts.Add(new(title, $"{TimeFormat.Duration(median)} (of {values.Count})"));
        }
    }

    private static BotReply Help(HelpCommand command)
    {
        var verb = command.Topic is null ? null : HelpCatalog.Find(command.Topic);
        var text = verb is null
            ? "Commands: " + string.Join(", ", HelpCatalog.Verbs.Select(v => v.Verb)) + ". `help <command>` explains one. " +
                "Name an incident by its reference right after the command (`timeline INC-0003`) to reach one that is not this channel's."
            : $"{verb.Usage} — {verb.Summary}";
        return BotReply.Private(text, IncidentCards.Help(verb));
    }

    private static BotReply OnlyTheCommander(Incident incident, string what) =>
        BotReply.Error($"Only the incident commander ({incident.Holder(IncidentRoleKind.Commander)?.DisplayName}) can {what}.");

    private bool TryResolve(TimeExpression expression, CommandContext context, out DateTime utc, out BotReply? error)
    {
        if (expression.TryResolve(Now, context.TimeZone, out utc, out var message))
        {
            error = null;
            return true;
        }

        error = BotReply.Error(message!);
        return false;
    }

    private ValueTask<ChatUser> ResolveAsync(CommandContext context, UserMention mention, CancellationToken cancellationToken) =>
        Mentions.ResolveAsync(resolvers, context, mention, cancellationToken);
}
