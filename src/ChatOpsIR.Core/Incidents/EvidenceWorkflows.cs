using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// Evidence and its chain of custody: `evidence …` records an item (or, bare, shows the form), `evidence E2` and
/// `evidence list` read them, and `evidence stored|transfer|verify|release|dispose|supersede E2 …` add the steps. Anyone
/// who can see the incident records and verifies; the other steps are for the item's holder and the command team.
/// Every step is a custody entry, a timeline entry and a card in the channel.
/// </summary>
public sealed class EvidenceWorkflows(
    IIncidentStore store,
    IncidentLookup lookup,
    IncidentPermissions permissions,
    TimeProvider clock,
    IEnumerable<IMentionResolver> resolvers)
{
    private readonly PlatformServices<IMentionResolver> _resolvers = new(resolvers);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<BotReply> RecordAsync(CommandContext context, EvidenceCommand command, CancellationToken cancellationToken) =>
        RecordAsync(context, command, null, cancellationToken);

    /// <summary>Records an item; <paramref name="storedAt"/> (from the form) is where it is kept, its first custody step after collection.</summary>
    public async Task<BotReply> RecordAsync(CommandContext context, EvidenceCommand command, string? storedAt, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var number = await store.NextEvidenceNumberAsync(context.Scope, incident.Id, cancellationToken);
        var evidence = new Evidence(incident, number, command.Description, command.Sha256, command.Link, context.User, Now);
        var hash = evidence.Sha256 is null ? "no hash given" : $"SHA-256 {evidence.Sha256}";
        var where = storedAt is { Length: > 0 } ? $" Stored at {evidence.Store(context.User, storedAt, Now).Location}." : string.Empty;
        store.Add(evidence);
        store.Add(new TimelineEntry(incident, TimelineEntryKind.Evidence, $"Evidence {evidence.Reference}: {evidence.Description} ({hash}).{where}", context.User, context.Platform, Now, Now));
        return BotReply.ToChannel($"Evidence {evidence.Reference} recorded for {incident.Reference}: {evidence.Description}", EvidenceCards.Item(evidence, incident, incident.TimeZone));
    }

    public async Task<BotReply> FormAsync(CommandContext context, EvidenceFormCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        return incident is null ? refusal! : BotReply.Private($"Fill in the form to record evidence for {incident.Reference}.", EvidenceCards.RecordForm(incident));
    }

    public async Task<BotReply> ListAsync(CommandContext context, ListEvidenceCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var items = await store.GetEvidenceAsync(context.Scope, incident.Id, cancellationToken);
        return BotReply.Private($"{Plural.Of(items.Count, "item")} of evidence in {incident.Reference}.", EvidenceCards.List(items, incident));
    }

    public async Task<BotReply> ShowAsync(CommandContext context, ShowEvidenceCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (await store.FindEvidenceAsync(context.Scope, incident.Id, command.Number, cancellationToken) is not { } item)
        {
            return NoSuchItem(incident, command.Number);
        }

        return BotReply.Private($"Evidence {item.Reference} of {incident.Reference}: {item.Description} ({item.Describe()}, held by {item.Holder.DisplayName}).", EvidenceCards.Item(item, incident, incident.TimeZone));
    }

    public async Task<BotReply> StepAsync(CommandContext context, CustodyCommand command, CancellationToken cancellationToken)
    {
        var (incident, item, refusal) = await FindForStepAsync(context, command.IncidentNumber, command.Number, command.Step, cancellationToken);
        if (item is null)
        {
            return refusal!;
        }

        var by = context.User;
        var notices = new List<DirectMessage>();
        CustodyEntry entry;
        string? extra = null;
        switch (command.Step)
        {
            case CustodyStep.Stored:
                entry = item.Store(by, command.Text!, Now);
                break;

            case CustodyStep.Transferred:
                var to = await Mentions.ResolveAsync(_resolvers, context, command.To!, cancellationToken);
                if (to.Id == item.Holder.Id)
                {
                    return BotReply.Private($"{to.DisplayName} holds {item.Reference} already.");
                }

                entry = item.Transfer(by, to, command.Text!, Now);
                if (incident!.LetInOwner(by, to, $"the holder of {item.Reference}", context.Platform, Now) is { } letIn)
                {
                    store.Add(letIn);
                    extra = letIn.Text;
                }

                var told = $"You now hold evidence {item.Reference} of {incident.Reference} ({incident.Title}), handed over by {by.DisplayName}: {entry.Note}";
                notices.Add(new DirectMessage(context.Scope, context.Platform, to, told, EvidenceCards.Item(item, incident, incident.TimeZone, told)) { ChannelId = incident.ChannelId });
                break;

            case CustodyStep.Verified:
                entry = item.Verify(by, command.Sha256!, Now);
                break;

            case CustodyStep.Released:
                entry = item.Release(by, command.Text!, Now);
                break;

            case CustodyStep.Disposed:
                entry = item.DisposeOf(by, command.Text!, Now);
                break;

            default:
                if (item.IsSuperseded)
                {
                    return BotReply.Private($"{item.Reference} is superseded already: {item.SupersededReason}");
                }

                entry = item.Supersede(by, command.Text!, Now);
                break;
        }

        var text = TimelineText(item, entry);
        store.Add(new TimelineEntry(incident!, TimelineEntryKind.Evidence, text, by, context.Platform, Now, Now));
        var mismatch = entry.Result == VerificationResult.Mismatch;
        var said = $"{text}{(extra is null ? string.Empty : $" {extra}")}{(notices.Count > 0 ? $" {entry.ToName} is told by direct message." : string.Empty)}";
        var card = EvidenceCards.Item(item, incident!, incident!.TimeZone, said, mismatch ? CardTone.Attention : entry.Result == VerificationResult.Match ? CardTone.Good : null);
        return BotReply.ToChannel($"{incident.Reference}: {said}", card) with { Notices = notices };
    }

    /// <summary>The custody-step form of an item, or the answer explaining why it cannot be shown.</summary>
    public async Task<(Card? Form, BotReply? Refusal)> StepFormAsync(CommandContext context, int incidentNumber, int itemNumber, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, incidentNumber, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return (null, refusal);
        }

        return await store.FindEvidenceAsync(context.Scope, incident.Id, itemNumber, cancellationToken) is { } item
            ? (EvidenceCards.StepForm(item, incident), null)
            : (null, NoSuchItem(incident, itemNumber));
    }

    /// <summary>The incident and the item a step acts on, refused (changing nothing) when the step may not be taken, or not by this person.</summary>
    private async Task<(Incident? Incident, Evidence? Item, BotReply? Refusal)> FindForStepAsync(CommandContext context, int? incidentNumber, int itemNumber, CustodyStep step, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, incidentNumber, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return (null, null, refusal);
        }

        if (await store.FindEvidenceAsync(context.Scope, incident.Id, itemNumber, cancellationToken) is not { } item)
        {
            return (incident, null, NoSuchItem(incident, itemNumber));
        }

        if (step != CustodyStep.Verified && !item.InCustody)
        {
            var ended = item.Custody.LastOrDefault(c => c.Step is CustodyStep.Released or CustodyStep.Disposed);
            var when = ended is null ? string.Empty : $" on {TimeFormat.MomentWithZone(ended.At, incident.TimeZone)}";
            return (incident, null, BotReply.Error(
                $"{item.Reference} was {item.Describe()}{when}, so its custody has ended: it can still be verified (`evidence verify {item.Reference} <sha256>`) and viewed (`evidence {item.Reference}`), nothing else."));
        }

        if (Guarded(step) is { } action && !context.IsUser(item.Holder.Id) && !await permissions.MayAsync(context, action, incident, null, cancellationToken))
        {
            return (incident, null, Refusal(action, incident, item));
        }

        return (incident, item, null);
    }

    /// <summary>The steps only the holder and the command team may take; null for those open to anyone who sees the incident.</summary>
    public static GuardedAction? Guarded(CustodyStep step) => step switch
    {
        CustodyStep.Stored => GuardedAction.StoreEvidence,
        CustodyStep.Transferred => GuardedAction.TransferEvidence,
        CustodyStep.Released => GuardedAction.ReleaseEvidence,
        CustodyStep.Disposed => GuardedAction.DisposeEvidence,
        CustodyStep.Superseded => GuardedAction.SupersedeEvidence,
        _ => null,
    };

    /// <summary>"Only Olga (who holds E1), the incident commander (Alice), a deputy or an incident manager can hand E1 to someone else."</summary>
    public static BotReply Refusal(GuardedAction action, Incident incident, Evidence item)
    {
        var commander = incident.Holder(IncidentRoleKind.Commander)?.DisplayName;
        var team = commander is null ? "the incident commander" : $"the incident commander ({commander})";
        return BotReply.Error($"Only {item.Holder.DisplayName} (who holds {item.Reference}), {team}, a deputy or an incident manager can {PermissionMatrix.What(action, incident.Reference, item.Reference)}.") with
        {
            Refused = new RefusedAttempt(incident.Id, $"{incident.Reference}/{item.Reference}", action.ToString()),
        };
    }

    private static BotReply NoSuchItem(Incident incident, int number) =>
        BotReply.Error($"There is no {Evidence.FormatReference(number)} in {incident.Reference}. `evidence list {incident.Reference}` shows its items.");

    private static string TimelineText(Evidence item, CustodyEntry entry) => entry.Result switch
    {
        VerificationResult.Mismatch => $"Evidence {item.Reference}: hash MISMATCH found by {entry.RecordedBy}. Recorded SHA-256 {item.Sha256}, now {entry.Sha256}. Treat the copy as altered until it is explained.",
        VerificationResult.Match => $"Evidence {item.Reference}: hash verified by {entry.RecordedBy}, it matches the recorded SHA-256.",
        VerificationResult.FirstHash => $"Evidence {item.Reference}: no hash had been recorded; {entry.RecordedBy} recorded SHA-256 {entry.Sha256} as its hash.",
        _ => $"Evidence {item.Reference}: {entry.Summary()}.",
    };
}
