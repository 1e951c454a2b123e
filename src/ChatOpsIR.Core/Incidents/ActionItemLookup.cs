using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Incidents;

/// <summary>An action item found where it was asked for, with its incident, or the answer explaining why there is none.</summary>
public readonly record struct ActionItemTarget(ActionItem? Item, Incident? Incident, BotReply? Refusal);

/// <summary>
/// The one place that decides which action item `A7` means. Item numbers count per workspace, but a channel reaches only
/// the items of its own incident (the one named by reference, else the channel's latest), so a number typed in one war
/// room never closes another incident's item. A conversation without an incident (a direct message with the bot)
/// reaches the person's own items when typed; a reminder's buttons there carry the item they were sent about, and
/// <see cref="Access.IncidentPermissions"/> decides whether the presser may use them.
/// </summary>
public sealed class ActionItemLookup(IIncidentStore store)
{
    public async Task<ActionItemTarget> FindAsync(CommandContext context, int number, int? incidentReference, bool fromButton, CancellationToken cancellationToken)
    {
        Incident? here;
        if (incidentReference is { } reference)
        {
            here = await store.FindIncidentAsync(context.Scope, reference, cancellationToken);
            if (here is null)
            {
                return Refused($"There is no {Incident.FormatReference(reference)} here. Incident references are counted per workspace.");
            }
        }
        else
        {
            here = await store.FindLatestIncidentAsync(context.Scope, context.ChannelId, cancellationToken);
        }

        var item = await store.FindActionItemAsync(context.Scope, number, cancellationToken);
        if (here is not null)
        {
            return item is not null && item.IncidentId == here.Id
                ? new(item, here, null)
                : Refused($"There is no action item A{number} in {here.Reference}. `actions` lists its open ones.");
        }

        if (item is null)
        {
            return Refused($"There is no action item A{number}. `actions` in an incident's channel lists its open ones.");
        }

        if (!fromButton && !context.IsUser(item.OwnerId))
        {
            return Refused($"You have no action item A{number}. Here `action done` closes only your own items; close others in their incident's channel.");
        }

        return await store.FindIncidentByIdAsync(context.Scope, item.IncidentId, cancellationToken) is { } incident
            ? new(item, incident, null)
            : Refused($"The incident of {item.Reference} is gone.");
    }

    private static ActionItemTarget Refused(string text) => new(null, null, BotReply.Error(text));
}
