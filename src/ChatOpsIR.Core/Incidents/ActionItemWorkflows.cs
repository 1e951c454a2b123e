using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>The action items of an incident: `action` adds one with an owner and a due date, `actions` lists them, `action done` closes one.</summary>
public sealed class ActionItemWorkflows(
    IIncidentStore store,
    IncidentLookup lookup,
    ActionItemLookup items,
    IncidentPermissions permissions,
    TimeProvider clock,
    IEnumerable<IMentionResolver> resolvers)
{
    private readonly PlatformServices<IMentionResolver> _resolvers = new(resolvers);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BotReply> AddActionAsync(CommandContext context, AddActionCommand command, CancellationToken cancellationToken)
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

        var owner = await Mentions.ResolveAsync(_resolvers, context, command.Owner, cancellationToken);
        var number = await store.NextActionItemNumberAsync(context.Scope, cancellationToken);
        var item = new ActionItem(incident, number, command.Text, owner, due, context.User, Now);
        store.Add(item);
        store.Add(new TimelineEntry(incident, TimelineEntryKind.ActionItem, $"Action item {item.Reference} for {owner.DisplayName}, due {TimeFormat.Day(due)}: {item.Title}", context.User, context.Platform, Now, Now));
        var letIn = incident.LetInOwner(context.User, owner, $"the owner of {item.Reference}", context.Platform, Now);
        if (letIn is not null)
        {
            store.Add(letIn);
        }

        return BotReply.ToChannel($"Action item {item.Reference} added for {owner.DisplayName}, due {TimeFormat.Day(due)}: {item.Title}{(letIn is null ? string.Empty : $" {letIn.Text}")}");
    }

    /// <summary>`action A3 kind monitoring` sets the item's kind outside the post-mortem; `action A3 kind` shows the kinds to pick from.</summary>
    public async Task<BotReply> SetKindAsync(CommandContext context, SetActionKindCommand command, CancellationToken cancellationToken)
    {
        var (item, incident, refusal) = await items.FindAsync(context, command.Number, command.IncidentNumber, fromButton: false, cancellationToken);
        if (item is null)
        {
            return refusal!;
        }

        if (await permissions.RefusalAsync(context, GuardedAction.ClassifyActionItem, incident!, item, cancellationToken) is { } refused)
        {
            return refused;
        }

        return command.Kind is { } kind
            ? ActionItemKinds.Set(item, kind, context.User)
            : BotReply.Private($"Pick the kind of {item.Reference}.", ActionItemKinds.Form(item));
    }

    public async Task<BotReply> ListActionsAsync(CommandContext context, ListActionsCommand command, CancellationToken cancellationToken)
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

    public async Task<BotReply> CompleteActionAsync(CommandContext context, CompleteActionCommand command, CancellationToken cancellationToken)
    {
        var (item, incident, refusal) = await items.FindAsync(context, command.Number, command.IncidentNumber, fromButton: false, cancellationToken);
        if (item is null)
        {
            return refusal!;
        }

        if (await permissions.RefusalAsync(context, GuardedAction.CloseActionItem, incident!, item, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (item.Status == ActionItemStatus.Done)
        {
            return BotReply.Private($"{item.Reference} is already done.");
        }

        item.Complete(context.User, Now);
        return BotReply.ToChannel($"{item.Reference} is done: {item.Title} (closed by {context.User.DisplayName}).");
    }
}
