using System.Globalization;
using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.FollowUps;

/// <summary>
/// The buttons of reminder cards: Done, Snooze 1 day / 1 week, New date, Reassign. Who may press which is
/// <see cref="PermissionMatrix"/>'s to say (the owner, the commander, a deputy or an incident manager; handing over is for
/// the owner, the commander or an incident manager). Like every workflow, each stages its changes and
/// <see cref="CommandService"/> saves once.
/// </summary>
public sealed class ReminderActions(
    IIncidentStore store,
    ActionItemLookup items,
    IncidentPermissions permissions,
    TimeProvider clock,
    IEnumerable<IMentionResolver> resolvers) : ICardActionHandler
{
    private readonly PlatformServices<IMentionResolver> _resolvers = new(resolvers);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string Family => ReminderVerbs.Family;

    /// <summary>The form a button asks to fill in (New date, Reassign), for platforms that show it in a dialog; null otherwise.</summary>
    public async Task<Card?> FormForAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (verb is not (ReminderVerbs.NewDate or ReminderVerbs.Reassign))
        {
            return null;
        }

        var (item, _, error) = await LoadAsync(context, verb, data, cancellationToken);
        if (error is not null)
        {
            return null;
        }

        return verb == ReminderVerbs.NewDate ? ReminderCards.DateForm(item!) : ReminderCards.OwnerForm(item!);
    }

    public async Task<BotReply> HandleAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var (item, incident, error) = await LoadAsync(context, verb, data, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        return verb switch
        {
            ReminderVerbs.Done => Done(context, item!),
            ReminderVerbs.Snooze => Snooze(context, item!, data),
            ReminderVerbs.NewDate => BotReply.Private($"Pick the new due date of {item!.Reference}.", ReminderCards.DateForm(item)),
            ReminderVerbs.SaveDate => Reschedule(context, item!, incident!, data),
            ReminderVerbs.Reassign => BotReply.Private($"Who should own {item!.Reference} now?", ReminderCards.OwnerForm(item)),
            ReminderVerbs.SaveOwner => await ReassignAsync(context, item!, incident!, data, cancellationToken),
            ReminderVerbs.SaveKind => SetKind(context, item!, data),
            _ => BotReply.Error("That reminder button is not recognised. It may be from an older version of the card."),
        };
    }

    private BotReply Done(CommandContext context, ActionItem item)
    {
        item.Complete(context.User, Now);
        return BotReply.Private($"{item.Reference} is done: {item.Title}. No more reminders about it.");
    }

    private BotReply Snooze(CommandContext context, ActionItem item, IReadOnlyDictionary<string, string> data)
    {
        if (!data.TryGetValue(ReminderVerbs.DaysKey, out var text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 30)
        {
            return BotReply.Error("A snooze is 1 to 30 days.");
        }

        var until = Now.AddDays(days);
        item.Snooze(until);
        return BotReply.Private($"Snoozed: no reminder about {item.Reference} until {TimeFormat.MomentWithZone(until, context.TimeZone)}.");
    }

    private BotReply Reschedule(CommandContext context, ActionItem item, Incident incident, IReadOnlyDictionary<string, string> data)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, context.TimeZone));
        var tokens = (data.GetValueOrDefault(ReminderVerbs.DueInput) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!DueDateExpression.TryParse(tokens, out var expression, out var used) || used != tokens.Length)
        {
            return FieldError(ReminderVerbs.DueInput, "Give the date as YYYY-MM-DD (or today, tomorrow, +7d).");
        }

        var due = expression!.Resolve(today);
        if (due < today)
        {
            return FieldError(ReminderVerbs.DueInput, "That date has passed. Give a due date from today on.");
        }

        item.Reschedule(due, Now);
        store.Add(new TimelineEntry(incident, TimelineEntryKind.ActionItem, $"Action item {item.Reference} is now due {TimeFormat.Day(due)} (changed by {context.User.DisplayName}).", context.User, context.Platform, Now, Now));
        return BotReply.Private($"{item.Reference} is now due {TimeFormat.Day(due)}. Reminders start again from that date.");
    }

    private async Task<BotReply> ReassignAsync(CommandContext context, ActionItem item, Incident incident, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var text = data.GetValueOrDefault(ReminderVerbs.OwnerInput) ?? string.Empty;
        if (!CommandParser.TryMention(text, out var mention) && !TryName(text, out mention))
        {
            return FieldError(ReminderVerbs.OwnerInput, "Name the new owner as @name (or pick them, where the form has a picker).");
        }

        var owner = await Mentions.ResolveAsync(_resolvers, context, mention!, cancellationToken);
        if (owner.Id == item.OwnerId)
        {
            return BotReply.Private($"{owner.DisplayName} already owns {item.Reference}.");
        }

        var previous = item.OwnerName;
        item.Reassign(owner, Now);
        store.Add(new TimelineEntry(incident, TimelineEntryKind.ActionItem, $"Action item {item.Reference} handed from {previous} to {owner.DisplayName} by {context.User.DisplayName}.", context.User, context.Platform, Now, Now));
        if (incident.LetInOwner(context.User, owner, $"the owner of {item.Reference}", context.Platform, Now) is { } letIn)
        {
            store.Add(letIn);
        }

        return BotReply.Private($"{item.Reference} now belongs to {owner.DisplayName}; they will be told and get its reminders.");
    }

    private static BotReply SetKind(CommandContext context, ActionItem item, IReadOnlyDictionary<string, string> data)
    {
        var text = data.GetValueOrDefault(ReminderVerbs.KindInput) ?? string.Empty;
        return ActionItemKinds.TryParse(text, out var kind)
            ? ActionItemKinds.Set(item, kind, context.User)
            : FieldError(ReminderVerbs.KindInput, ActionItemKinds.Unknown(text));
    }

    private async Task<(ActionItem? Item, Incident? Incident, BotReply? Error)> LoadAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (!data.TryGetValue(ReminderVerbs.ItemKey, out var text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return (null, null, BotReply.Error("That button does not say which action item it is about."));
        }

        var (item, incident, refusal) = await items.FindAsync(context, number, null, fromButton: true, cancellationToken);
        if (item is null)
        {
            return (null, null, refusal);
        }

        if (await permissions.RefusalAsync(context, Guarded(verb), incident!, item, cancellationToken) is { } refused)
        {
            return (null, null, refused);
        }

        return item.Status == ActionItemStatus.Done ? (null, null, BotReply.Private($"{item.Reference} is already done.")) : (item, incident, null);
    }

    /// <summary>What a button does, in the terms of the permission matrix; an unknown verb asks the most of the presser.</summary>
    private static GuardedAction Guarded(string verb) => verb switch
    {
        ReminderVerbs.Done => GuardedAction.CloseActionItem,
        ReminderVerbs.Snooze => GuardedAction.SnoozeActionItem,
        ReminderVerbs.NewDate or ReminderVerbs.SaveDate => GuardedAction.RedateActionItem,
        ReminderVerbs.SaveKind => GuardedAction.ClassifyActionItem,
        _ => GuardedAction.ReassignActionItem,
    };

    private static BotReply FieldError(string input, string message) =>
        BotReply.Error(message) with { FieldErrors = new Dictionary<string, string> { [input] = message } };

    private static bool TryName(string text, out UserMention? mention)
    {
        var name = text.Trim();
        mention = name.Length is > 0 and <= 80 && !name.Any(c => char.IsControl(c) || c is '<' or '>') ? new UserMention(name, name) : null;
        return mention is not null;
    }
}
