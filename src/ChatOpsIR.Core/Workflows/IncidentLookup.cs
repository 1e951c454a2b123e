using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Workflows;

/// <summary>What a verb needs of the incident it acts on.</summary>
public enum IncidentNeed
{
    /// <summary>Only an open incident will do (chat capture).</summary>
    Open = 0,

    /// <summary>An incident that is not closed: open, or resolved with its post-mortem running (notes, marks, status …).</summary>
    NotClosed = 1,

    /// <summary>Any incident, closed ones too (reading: timeline, report, post-mortem).</summary>
    Any = 2,
}

/// <summary>The incident a command acts on, or the answer explaining why there is none.</summary>
public readonly record struct IncidentTarget(Incident? Incident, BotReply? Refusal)
{
    public static IncidentTarget Found(Incident incident) => new(incident, null);

    public static IncidentTarget Refused(string text) => new(null, BotReply.Error(text));
}

/// <summary>
/// The one place that decides which incident a command acts on. A reference (`note INC-0003 …`) names one anywhere in
/// the workspace or tenant; without one, the channel's incident is meant: the open one, else the latest that is resolved
/// but not closed, else (for reading) the latest one. Every verb that acts on an incident goes through here.
/// </summary>
public sealed class IncidentLookup(IIncidentStore store, Access.IncidentPermissions permissions)
{
    /// <summary>The answer in the channel of a private incident to someone not in it: that it is private, nothing more.</summary>
    public const string PrivateChannel = "This channel's incident is private: only the people in it see it or add to it. Ask its commander to `invite` you.";

    public async Task<IncidentTarget> FindAsync(CommandContext context, int? reference, IncidentNeed need, CancellationToken cancellationToken)
    {
        if (reference is { } number)
        {
            // A private incident someone is not in answers exactly as one that does not exist: its existence is private too.
            var named = await store.FindIncidentAsync(context.Scope, number, cancellationToken);
            return named is null || !await permissions.CanSeeAsync(context, named, cancellationToken) ? IncidentTarget.Refused($"There is no {Incident.FormatReference(number)} here. Incident references are counted per workspace.")
                : SharedElsewhere(context, named) ? IncidentTarget.Refused(PrivateHere(named))
                : Fits(named, need, byReference: true);
        }

        var incident = need == IncidentNeed.Any
            ? await store.FindLatestIncidentAsync(context.Scope, context.ChannelId, cancellationToken)
            : await store.FindCurrentIncidentAsync(context.Scope, context.ChannelId, cancellationToken);
        if (incident is not null)
        {
            return await permissions.CanSeeAsync(context, incident, cancellationToken)
                ? Fits(incident, need, byReference: false)
                : new IncidentTarget(null, BotReply.Error(PrivateChannel) with { Refused = new RefusedAttempt(incident.Id, incident.Reference, "NotInPrivateIncident") });
        }

        if (need != IncidentNeed.Any && await store.FindLatestIncidentAsync(context.Scope, context.ChannelId, cancellationToken) is { } closed && await permissions.CanSeeAsync(context, closed, cancellationToken))
        {
            return IncidentTarget.Refused(
                $"There is no open incident in this channel: {closed.Reference} ({closed.Title}) is closed. Open a new one with `declare <title> [sev1-4]`, " +
                $"read the old one by its reference (`timeline {closed.Reference}`, `report {closed.Reference}`), or `reopen {closed.Reference}` if there is more to do.");
        }

        return IncidentTarget.Refused(need == IncidentNeed.Any
            ? "No incident has been declared in this channel yet. Declare one with `declare <title> [sev1-4]`, or name an incident by its reference, e.g. `timeline INC-0003`."
            : "There is no open incident in this channel. Open one with `declare <title> [sev1-4]`, or name an incident by its reference, e.g. `note INC-0003 …`.");
    }

    /// <summary>
    /// Whether an answer about <paramref name="incident"/> would be read by people it is private from: a private incident
    /// named in a conversation other than its own, on a platform whose answers everyone in the conversation sees (Teams).
    /// </summary>
    public static bool SharedElsewhere(CommandContext context, Incident incident) =>
        incident.IsPrivate && context.SharedReplies && incident.ChannelId != context.ChannelId;

    /// <summary>Said, in the conversation, to one of a private incident's people who named it there.</summary>
    public static string PrivateHere(Incident incident) =>
        $"{incident.Reference} is private, and my answers here are seen by everyone in this conversation. Use it in its own channel or in a 1:1 chat with ChatOpsIR.";

    /// <summary>
    /// How to name <paramref name="incident"/> to this person in passing ("INC-0004 (Phishing wave)"): by its reference
    /// alone when it is private and they are not in it, as when it stands in the way in a channel they share.
    /// </summary>
    public async Task<string> NameAsync(CommandContext context, Incident incident, CancellationToken cancellationToken) =>
        await permissions.CanSeeAsync(context, incident, cancellationToken) ? $"{incident.Reference} ({incident.Title})" : incident.Reference;

    public Task<IncidentTarget> FindAsync(CommandContext context, Command command, IncidentNeed need, CancellationToken cancellationToken) =>
        FindAsync(context, command.IncidentNumber, need, cancellationToken);

    /// <summary>The incident a guarded command acts on, refused (changing nothing) unless the person may do <paramref name="action"/> to it.</summary>
    public async Task<IncidentTarget> FindGuardedAsync(CommandContext context, Command command, IncidentNeed need, Access.GuardedAction action, CancellationToken cancellationToken)
    {
        var target = await FindAsync(context, command, need, cancellationToken);
        return target.Incident is { } incident && await permissions.RefusalAsync(context, action, incident, null, cancellationToken) is { } refused
            ? new IncidentTarget(null, refused)
            : target;
    }

    private static IncidentTarget Fits(Incident incident, IncidentNeed need, bool byReference)
    {
        if (need == IncidentNeed.NotClosed && incident.IsClosed)
        {
            return IncidentTarget.Refused(
                $"{incident.Reference} is closed{Why(incident)}, so its record no longer changes. `reopen {incident.Reference}` if there is more to do.");
        }

        if (need == IncidentNeed.Open && !incident.IsOpen)
        {
            var where = byReference ? incident.Reference : $"{incident.Reference}, this channel's incident,";
            return IncidentTarget.Refused(
                $"{where} is {(incident.IsClosed ? "closed" : "resolved")}, and this works on an open incident only. " +
                $"Add what is missing with `note {incident.Reference} <text> at <time>`, or `reopen {incident.Reference}`.");
        }

        return IncidentTarget.Found(incident);
    }

    private static string Why(Incident incident) => incident.ClosedReason is { Length: > 0 } reason ? $" ({reason})" : string.Empty;
}
