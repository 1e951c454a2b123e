using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>How things stand: `status` posts an update on one incident; `metrics` counts the last twelve months of them.</summary>
public sealed class IncidentStatusWorkflows(IIncidentStore store, IncidentLookup lookup, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BotReply> StatusAsync(CommandContext context, StatusCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindGuardedAsync(context, command, IncidentNeed.NotClosed, GuardedAction.PostStatus, cancellationToken);
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

    public async Task<BotReply> MetricsAsync(CommandContext context, CancellationToken cancellationToken)
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

        // Access granted during the period's incidents, as numbers only (a private incident's grants are counted, never named).
        var realIds = real.Select(i => i.Id).ToHashSet();
        var grants = (await store.GetAccessGrantsOfIncidentsDeclaredAsync(context.Scope, from, to, cancellationToken)).Where(g => realIds.Contains(g.IncidentId)).ToList();
        AddMedian("Median time to revoke access", grants.Where(g => !g.IsOpen).Select(g => (TimeSpan?)g.OpenFor(to)), "no access revoked yet");
        facts.Add(new("Access grants still open", grants.Count(g => g.IsOpen).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var card = new Card("Incident metrics", [new TextElement($"Declared {TimeFormat.MomentWithZone(from, context.TimeZone)} to now; exercises are counted apart.", TextStyle.Subtle), new FactsElement(facts)]);
        return BotReply.Private($"{Plural.Of(real.Count, "incident")} and {Plural.Of(incidents.Count - real.Count, "exercise")} in the last 12 months.", card);

        void AddMedian(string title, IEnumerable<TimeSpan?> spans, string none = "not enough marked moments")
        {
            var values = spans.Where(s => s.HasValue).Select(s => s!.Value).OrderBy(s => s).ToList();
            if (values.Count == 0)
            {
                facts.Add(new(title, none));
                return;
            }

            var median = values.Count % 2 == 1
                ? values[values.Count / 2]
                : TimeSpan.FromTicks((values[(values.Count / 2) - 1].Ticks + values[values.Count / 2].Ticks) / 2);
            facts.Add(new(title, $"{TimeFormat.Duration(median)} (of {values.Count})"));
        }
    }
}
