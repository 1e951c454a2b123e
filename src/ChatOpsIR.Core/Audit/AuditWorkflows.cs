using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Audit;

/// <summary>
/// `audit verify` walks the chain of the workspace (or tenant, or web war room) and says whether it holds, naming the
/// first row that does not; `audit [INC-n]` shows the latest changes to an incident's record with who made them.
/// Both answer only the person asking. A broken row's incident is named only to someone who may see that incident.
/// </summary>
public sealed class AuditWorkflows(IAuditTrail trail, AuditLinker linker, IIncidentStore store, IncidentLookup lookup, Access.IncidentPermissions permissions)
{
    /// <summary>Rows shown by `audit` in chat; the export and the web API give them all.</summary>
    public const int MaxRowsShown = 20;

    public Task<BotReply> HandleAsync(CommandContext context, AuditCommand command, CancellationToken cancellationToken) =>
        command.Verify ? VerifyAsync(context, cancellationToken) : ListAsync(context, command, cancellationToken);

    private async Task<BotReply> VerifyAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await linker.LinkAsync(context.Scope, cancellationToken);
        var result = await trail.VerifyAsync(context.Scope, cancellationToken);
        var facts = new List<Fact>
        {
            new("Rows checked", result.Checked.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Head", result.Head),
        };
        if (!result.Intact && result.BrokenAt is { } sequence && await trail.FindAsync(context.Scope, sequence, cancellationToken) is { } row)
        {
            facts.Add(new("Row", await DescribeAsync(context, row, cancellationToken)));
        }

        var text = result.Describe();
        var card = new Card($"Audit trail · {Where(context.Scope)}", [
            new TextElement(text),
            new TextElement(result.Intact
                ? "Every change since the first row is in the chain, unchanged and in order. Keep the head somewhere else (the host also logs it daily): checking against it later proves nothing before it was rewritten."
                : "Rows from there on cannot be trusted until this is explained: the database was changed outside ChatOpsIR.", TextStyle.Subtle),
            new FactsElement(facts),
        ])
        {
            Tone = result.Intact ? CardTone.Good : CardTone.Attention,
        };
        return BotReply.Private(text, card);
    }

    private async Task<string> DescribeAsync(CommandContext context, AuditRecord row, CancellationToken cancellationToken)
    {
        var what = $"{row.Action} by {row.ActorName}, {TimeFormat.Moment(row.At, context.TimeZone)}";
        if (row.IncidentId is not { } id)
        {
            return $"{row.Subject}: {what}";
        }

        var incident = await store.FindIncidentByIdAsync(context.Scope, id, cancellationToken);
        return incident is null || !await permissions.CanSeeAsync(context, incident, cancellationToken) ? "a row of an incident you are not in"
            : IncidentLookup.SharedElsewhere(context, incident) ? "a row of a private incident (ask in its channel or a 1:1 chat to see which)"
            : $"{row.Subject}: {what}";
    }

    private async Task<BotReply> ListAsync(CommandContext context, AuditCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var rows = await trail.ForIncidentAsync(context.Scope, incident.Id, cancellationToken);
        var shown = rows.Count > MaxRowsShown ? rows.Skip(rows.Count - MaxRowsShown).ToList() : rows;
        var times = new ViewTimes(context.TimeZone);
        var items = shown.Select(r => new ListItem(
            Text: $"{r.ActorName} ({r.Platform.ToString().ToLowerInvariant()}): {r.Action} {r.Subject}",
            Label: r.Sequence is { } sequence ? $"#{sequence} · {times.Moment(r.At)}" : $"new · {times.Moment(r.At)}",
            Detail: Change(r))).ToList();
        var body = new List<CardElement>
        {
            new TextElement(
                $"{Plural.Of(rows.Count, "change", "changes")} to {incident.Reference}'s record, oldest first" +
                (rows.Count > MaxRowsShown ? $"; the latest {MaxRowsShown} are shown (`export` gives them all)." : ".") +
                " `audit verify` checks that none was altered since.", TextStyle.Subtle),
            new ListElement(items, "Nothing recorded yet."),
        };
        if (times.Note() is { } note)
        {
            body.Add(note);
        }

        return BotReply.Private($"Audit trail of {incident.Reference}: {Plural.Of(rows.Count, "change", "changes")}.", new Card($"Audit trail · {incident.Reference}", body));
    }

    /// <summary>"Severity: 2 → 1; Status: Open → Resolved", from the row's before and after values (long values shortened).</summary>
    public static string? Change(AuditRecord row)
    {
        var before = AuditRecord.Values(row.Before) ?? [];
        var after = AuditRecord.Values(row.After) ?? [];
        var names = after.Keys.Union(before.Keys).Where(n => n is not ("Id" or "IncidentId" or "Scope")).ToList();
        if (names.Count == 0)
        {
            return null;
        }

        var parts = names.Take(4).Select(n => (before.GetValueOrDefault(n), after.GetValueOrDefault(n)) switch
        {
            (null, var value) when !before.ContainsKey(n) => $"{n}: {Short(value)}",
            (var old, null) when !after.ContainsKey(n) => $"{n} was {Short(old)}",
            var (old, value) => $"{n}: {Short(old)} → {Short(value)}",
        });
        return string.Join("; ", parts) + (names.Count > 4 ? $"; and {names.Count - 4} more" : string.Empty);
    }

    private static string Short(string? value) => value is null ? "(none)" : value.Length > 60 ? value[..60] + "…" : value;

    private static string Where(TenantScope scope) => scope.Platform switch
    {
        Platform.Slack => "this Slack workspace",
        Platform.Teams => "this Microsoft Teams tenant",
        _ => "the web war room",
    };
}
