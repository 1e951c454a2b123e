using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>An action item found where it was asked for, with its incident, or the answer explaining why there is none.</summary>
public readonly record struct ActionItemTarget(ActionItem? Item, Incident? Incident, BotReply? Refusal);

/// <summary>
/// The one place that decides which action item `A7` means. Item numbers count per workspace, but a channel reaches only
/// the items of its own incident (the one named by reference, else the channel's latest), so a number typed in one war
/// room never closes another incident's item. A conversation without an incident (a direct message with the bot)
/// reaches the person's own items when typed; a reminder's buttons there carry the item they were sent about, and
/// <see cref="Access.IncidentPermissions"/> decides whether the presser may use them. Of a private incident someone is not
/// in, they learn no more than of one that does not exist (its owner excepted: the item is theirs).
/// </summary>
public sealed class ActionItemLookup(IIncidentStore store, Access.IncidentPermissions permissions)
{
    public async Task<ActionItemTarget> FindAsync(CommandContext context, int number, int? incidentReference, bool fromButton, CancellationToken cancellationToken)
    {
        var here = incidentReference is { } reference
            ? await store.FindIncidentAsync(context.Scope, reference, cancellationToken)
            : await store.FindLatestIncidentAsync(context.Scope, context.ChannelId, cancellationToken);
        if (incidentReference is { } named && (here is null || !await permissions.CanSeeAsync(context, here, cancellationToken)))
        {
            return Refused($"There is no {Incident.FormatReference(named)} here. Incident references are counted per workspace.");
        }

        if (here is not null && !await permissions.CanSeeAsync(context, here, cancellationToken))
        {
            return Refused(IncidentLookup.PrivateChannel);
        }

        var item = await store.FindActionItemAsync(context.Scope, number, cancellationToken);
        if (here is not null)
        {
            return item is not null && item.IncidentId == here.Id
                ? new(item, here, null)
                : Refused($"There is no action item A{number} in {here.Reference}. `actions` lists its open ones.");
        }

        var none = Refused($"There is no action item A{number}. `actions` in an incident's channel lists its open ones.");
        if (item is null)
        {
            return none;
        }

        if (!fromButton && !context.IsUser(item.OwnerId))
        {
            return Refused($"You have no action item A{number}. Here `action done` closes only your own items; close others in their incident's channel.");
        }

        // A button of someone else's reminder, pressed by a person not in its private incident, finds nothing; the owner
        // always finds their own item.
        if (await store.FindIncidentByIdAsync(context.Scope, item.IncidentId, cancellationToken) is not { } incident)
        {
            return Refused($"The incident of {item.Reference} is gone.");
        }

        return context.IsUser(item.OwnerId) || await permissions.CanSeeAsync(context, incident, cancellationToken) ? new(item, incident, null) : none;
    }

    private static ActionItemTarget Refused(string text) => new(null, null, BotReply.Error(text));
}
