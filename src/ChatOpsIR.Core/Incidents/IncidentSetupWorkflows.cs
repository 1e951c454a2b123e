using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// Declaring an incident and setting up how it is run: who holds which role, its severity, and whether the channel's
/// chat is captured to the timeline.
/// </summary>
public sealed class IncidentSetupWorkflows(IIncidentStore store, IncidentLookup lookup, TimeProvider clock, IEnumerable<IMentionResolver> resolvers)
{
    private readonly PlatformServices<IMentionResolver> _resolvers = new(resolvers);

    public const int DefaultSeverity = 3;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BotReply> DeclareAsync(CommandContext context, DeclareCommand command, CancellationToken cancellationToken)
    {
        var current = await store.FindCurrentIncidentAsync(context.Scope, context.ChannelId, cancellationToken);
        if (current is { IsOpen: true })
        {
            return BotReply.Error($"{await lookup.NameAsync(context, current, cancellationToken)} is still open in this channel. Resolve it first, or declare the new incident in another channel.");
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
            captureChat: command.OpensChannel && context.Platform is Platform.Slack or Platform.Teams,
            timeZone: context.TimeZone,
            isPrivate: command.Private);
        store.Add(incident);
        store.Add(entry);

        var headline = $"{context.User.DisplayName} declared {(incident.IsExercise ? "an exercise" : "an incident")} and is the incident commander. Add to the timeline with `note …`, post updates with `status …`.";
        // Slack and Teams create the war-room channel before the incident reaches Core; the web war room has none to make.
        if (command.NewChannel && context.Platform == Platform.Web)
        {
            headline += " (The web war room has no separate channels to create; this channel is the war room.)";
        }

        if (incident.IsPrivate)
        {
            headline += " It is private: only its members and role holders see it; let someone in with `invite @person`.";
        }

        // The resolved incident's post-mortem is not finished: it stays reachable, by reference now that the channel moves on.
        if (current is not null)
        {
            var earlier = current.Reference;
            headline += $" {await lookup.NameAsync(context, current, cancellationToken)} is resolved and its post-mortem is not finished; the channel's commands now act on {incident.Reference}, " +
                $"so reach {earlier} by its reference: `postmortem {earlier}`, `timeline {earlier}`, `report {earlier}`, `note {earlier} …`.";
        }

        return BotReply.ToChannel($"{incident.Reference} declared: {incident.Title}", IncidentCards.Summary(incident, incident.TimeZone, headline));
    }

    public async Task<BotReply> CaptureAsync(CommandContext context, CaptureCommand command, CancellationToken cancellationToken)
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

    public async Task<BotReply> SeverityAsync(CommandContext context, SeverityCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindGuardedAsync(context, command, IncidentNeed.NotClosed, GuardedAction.ChangeSeverity, cancellationToken);
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

    public async Task<BotReply> RoleAsync(CommandContext context, RoleCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindGuardedAsync(context, command, IncidentNeed.NotClosed, GuardedAction.AssignRole, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var holder = await Mentions.ResolveAsync(_resolvers, context, command.User, cancellationToken);
        if (incident.Holder(command.Role)?.Id == holder.Id)
        {
            return BotReply.Private($"{holder.DisplayName} is already {command.Role.Name()}.");
        }

        var entry = incident.AssignRole(context.User, command.Role, holder, context.Platform, Now);
        store.Add(entry);
        return BotReply.ToChannel($"{incident.Reference}: {entry.Text}");
    }
}
