using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// Access handed out during an incident and taken back after it: `access grant` records a grant, `access revoked` its
/// revocation, a bare `access` lists them. Anyone who can see the incident may record either (the person granting is
/// often an admin among the responders); each goes into the timeline and to the channel.
/// </summary>
public sealed class AccessGrantWorkflows(IIncidentStore store, IncidentLookup lookup, TimeProvider clock, IEnumerable<IMentionResolver> resolvers)
{
    private readonly PlatformServices<IMentionResolver> _resolvers = new(resolvers);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BotReply> GrantAsync(CommandContext context, AccessGrantCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.NotClosed, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        DateTime? until = null;
        if (command.Until is { } expression)
        {
            if (!expression.TryResolve(Now, context.TimeZone, out var end, out var error))
            {
                return Error(error!);
            }

            until = end;
        }

        var grantee = await Mentions.ResolveAsync(_resolvers, context, command.Grantee, cancellationToken);
        var number = await store.NextAccessGrantNumberAsync(context.Scope, incident.Id, cancellationToken);
        var grant = new AccessGrant(incident, number, grantee, command.What, until, context.User, Now);
        store.Add(grant);
        var ending = until is { } u ? $", until {TimeFormat.MomentWithZone(u, incident.TimeZone)}" : string.Empty;
        store.Add(new TimelineEntry(incident, TimelineEntryKind.Access, $"Access {grant.Reference} granted to {grant.GranteeName} by {context.User.DisplayName}: {grant.What}{ending}.", context.User, context.Platform, Now, Now));

        var facts = new List<Fact>
        {
            new("Grant", grant.Reference),
            new("Given to", grant.GranteeName),
            new("Access", grant.What),
            new("Recorded by", context.User.DisplayName),
            new("Granted", TimeFormat.MomentWithZone(grant.GrantedAt, incident.TimeZone)),
            new("Until", until is { } end2 ? TimeFormat.MomentWithZone(end2, incident.TimeZone) : "not said"),
        };
        var card = new Card(
            $"Access {grant.Reference} granted · {incident.Reference}",
            [
                new FactsElement(facts),
                new TextElement($"When it is taken back, record it with {InlineText.Code($"access revoked {grant.Reference}")}; until then it shows as open, and after resolve its commander is reminded daily.", TextStyle.Subtle),
            ],
            [CardButton.Command("Revoked", RevokeLine(incident, grant), confirm: $"Record that {grant.Reference} ({grant.What}) was taken back from {grant.GranteeName}?")])
        {
            Tone = CardTone.Accent,
        };
        return BotReply.ToChannel($"Access {grant.Reference} granted to {grant.GranteeName} in {incident.Reference}: {grant.What}{ending}. Record its end with `access revoked {grant.Reference}`.", card);
    }

    public async Task<BotReply> RevokeAsync(CommandContext context, AccessRevokeCommand command, CancellationToken cancellationToken)
    {
        // Closed incidents too: access handed out during one is taken back after it, and that is what is being recorded.
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (await store.FindAccessGrantAsync(context.Scope, incident.Id, command.Number, cancellationToken) is not { } grant)
        {
            return Error($"There is no G{command.Number} in {incident.Reference}. `access` lists its grants.");
        }

        return Revoke(context, incident, grant, command.Note, toChannel: true);
    }

    /// <summary>Records that a grant was taken back (a timeline entry and a card); an error when it was already.</summary>
    internal BotReply Revoke(CommandContext context, Incident incident, AccessGrant grant, string? note, bool toChannel)
    {
        if (!grant.IsOpen)
        {
            return Error($"{grant.Reference} of {incident.Reference} was already revoked by {grant.RevokedByName}, {TimeFormat.MomentWithZone(grant.RevokedAt!.Value, incident.TimeZone)}. Nothing changed.");
        }

        grant.Revoke(context.User, note, Now);
        var held = TimeFormat.Duration(grant.OpenFor(Now));
        var noted = grant.RevokeNote is { } n ? $" Note: {n}" : string.Empty;
        store.Add(new TimelineEntry(incident, TimelineEntryKind.Access, $"Access {grant.Reference} of {grant.GranteeName} ({grant.What}) revoked, recorded by {context.User.DisplayName}; it was open {held}.{noted}", context.User, context.Platform, Now, Now));

        var facts = new List<Fact>
        {
            new("Grant", grant.Reference),
            new("Given to", grant.GranteeName),
            new("Access", grant.What),
            new("Granted", TimeFormat.MomentWithZone(grant.GrantedAt, incident.TimeZone)),
            new("Revoked", $"{TimeFormat.MomentWithZone(grant.RevokedAt!.Value, incident.TimeZone)} by {context.User.DisplayName}"),
            new("Open for", held),
        };
        if (grant.RevokeNote is { } kept)
        {
            facts.Add(new("Note", kept));
        }

        var card = new Card($"Access {grant.Reference} revoked · {incident.Reference}", [new FactsElement(facts)]) { Tone = CardTone.Good };
        var text = $"Access {grant.Reference} of {grant.GranteeName} in {incident.Reference} is recorded as revoked ({grant.What}, open {held}).";
        return toChannel ? BotReply.ToChannel(text, card) : BotReply.Private(text, card);
    }

    public async Task<BotReply> ListAsync(CommandContext context, AccessListCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var grants = await store.GetAccessGrantsAsync(context.Scope, incident.Id, cancellationToken);
        var zone = incident.TimeZone;
        var open = grants.Where(g => g.IsOpen).OrderBy(g => g.GrantedAt).ToList();
        var revoked = grants.Where(g => !g.IsOpen).OrderBy(g => g.RevokedAt).ToList();
        var items = open.Select(g => new ListItem(AccessGrantText.Open(g, Now, zone), g.Reference, $"granted by {g.GrantedByName}"))
            .Concat(revoked.Select(g => new ListItem(
                $"{g.What} — {g.GranteeName}, revoked after {TimeFormat.Duration(g.OpenFor(Now))} ({TimeFormat.Moment(g.GrantedAt, zone)} → {TimeFormat.Moment(g.RevokedAt!.Value, zone)})",
                g.Reference,
                g.RevokeNote is { } note ? $"by {g.RevokedByName}: {note}" : $"by {g.RevokedByName}")))
            .ToList();
        var overdue = open.Count(g => g.IsOverdue(Now));
        var summary = $"{open.Count} open{(overdue > 0 ? $" ({overdue} overdue)" : string.Empty)}, {revoked.Count} revoked.";
        var card = new Card(
            $"Access grants · {incident.Reference}",
            [
                new ListElement(items, $"No access has been recorded as granted in {incident.Reference}."),
                new TextElement($"{summary} {TimeFormat.ZoneNote(zone, grants.Select(g => g.GrantedAt))} Record one with `access grant @person <what> [until <time>]`, its end with `access revoked G1`.", TextStyle.Subtle),
            ])
        {
            Tone = overdue > 0 ? CardTone.Warning : CardTone.Default,
        };
        return BotReply.Private($"Access grants of {incident.Reference}: {summary}", card);
    }

    /// <summary>The command line that records a grant's revocation, naming its incident so it works from any channel.</summary>
    public static string RevokeLine(Incident incident, AccessGrant grant) => $"access {incident.Reference} revoked {grant.Reference}";

    private static BotReply Error(string message) => BotReply.Error(message, IncidentCards.Error(message, HelpCatalog.Find("access")?.Usage));
}

/// <summary>How an open grant reads in lists, warnings and reminders.</summary>
public static class AccessGrantText
{
    /// <summary>"Domain Admin on CORP — Bob, open 3h 20m (until 18:00, overdue)".</summary>
    public static string Open(AccessGrant grant, DateTime now, TimeZoneInfo zone)
    {
        var until = grant.Until is { } end
            ? grant.IsOverdue(now) ? $" (until {TimeFormat.Moment(end, zone)}, overdue)" : $" (until {TimeFormat.Moment(end, zone)})"
            : string.Empty;
        return $"{grant.What} — {grant.GranteeName}, open {TimeFormat.Duration(grant.OpenFor(now))}{until}";
    }

    /// <summary>
    /// The warning a commander sees when an incident ends with access still granted:
    /// "2 grants are still open: G1 Domain Admin on CORP for Bob since …; run `access revoked G1` when done." Null when none is.
    /// </summary>
    public static string? StillOpen(IReadOnlyList<AccessGrant> grants, Incident incident)
    {
        var open = grants.Where(g => g.IsOpen).OrderBy(g => g.Number).ToList();
        if (open.Count == 0)
        {
            return null;
        }

        var listed = string.Join("; ", open.Select(g => $"{g.Reference} {g.What} for {g.GranteeName} since {TimeFormat.MomentWithZone(g.GrantedAt, incident.TimeZone)}"));
        var verb = open.Count == 1 ? "is" : "are";
        return $"{Plural.Of(open.Count, "grant")} {verb} still open: {listed}. Take the access back and run `access revoked {open[0].Reference}` for each when done; until then the commander is reminded daily.";
    }
}
