using System.Globalization;
using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Insights;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>How things stand: `status` posts an update on one incident; `metrics` gives this year's figures against last year's, in short.</summary>
public sealed class IncidentStatusWorkflows(IIncidentStore store, IncidentLookup lookup, TimeProvider clock, IEnumerable<IReportLinks> links)
{
    private const string NoMoments = "not enough marked moments";

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

    /// <summary>
    /// The insights page in short: this calendar year to date against last year to the same day (counts, median times, action
    /// items, the principle that failed most), plus how quickly access granted in the last twelve months was revoked.
    /// Private incidents are numbers here like any other; nothing names an incident.
    /// </summary>
    public async Task<BotReply> MetricsAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var to = Now;
        var report = await InsightsReport.BuildAsync(store, context.Scope, to, cancellationToken);
        var (current, previous) = (report.Years.Current, report.Years.Previous);
        var facts = new List<Fact>
        {
            Both("Incidents", p => N(p.Incidents)),
            Both("Exercises", p => N(p.Exercises)),
            new("Still open", N(report.OpenIncidents)),
        };
        for (var sev = 1; sev <= 4; sev++)
        {
            var severity = sev;
            facts.Add(Both(DomainNames.SeverityLabel(severity), p => N(p.BySeverity.Of(severity))));
        }

        facts.Add(Both("Median time to detect", p => Median(p.TimeToDetect)));
        facts.Add(Both("Median time to contain", p => Median(p.TimeToContain)));
        facts.Add(Both("Median time to recover", p => Median(p.TimeToRecover)));
        facts.Add(Both("Action items closed", p => N(p.ActionItemsClosed)));
        facts.Add(Both("Action items overdue (by year opened)", p => N(p.ActionItemsOverdue)));
        facts.Add(Both("First principle that failed most", p => p.FailedPrinciples.FirstOrDefault() is { } top ? $"{top.Principle} ({N(top.Count)})" : "none recorded"));

        // Access granted during the last twelve months' incidents, as numbers only (a private incident's grants are counted, never named).
        var from = to.AddYears(-1);
        var realIds = (await store.GetIncidentsDeclaredAsync(context.Scope, from, to, cancellationToken)).Where(i => !i.IsExercise).Select(i => i.Id).ToHashSet();
        var grants = (await store.GetAccessGrantsOfIncidentsDeclaredAsync(context.Scope, from, to, cancellationToken)).Where(g => realIds.Contains(g.IncidentId)).ToList();
        var revoked = Percentiles.Figure(grants.Where(g => !g.IsOpen).Select(g => (TimeSpan?)g.OpenFor(to)));
        facts.Add(new("Median time to revoke access", revoked.Median is { } m ? $"{TimeFormat.Duration(m)} (of {N(revoked.Count)})" : "no access revoked yet"));
        facts.Add(new("Access grants still open", N(grants.Count(g => g.IsOpen))));

        var url = links.Select(l => l.InsightsUrl(context.Scope)).FirstOrDefault(u => u is not null);
        var body = new List<CardElement>
        {
            new TextElement($"{current.Label} against {previous.Label}, by the day incidents were declared; exercises are counted apart. Access grants: the last 12 months.", TextStyle.Subtle),
            new FactsElement(facts),
        };
        if (url is null)
        {
            body.Add(new TextElement("The charts by quarter are on the insights web page; set Reports:PublicBaseUrl to get a link here.", TextStyle.Subtle));
        }

        var card = new Card("Incident metrics", body, url is null ? null : [CardButton.Link("Open insights", url)]);
        var text = $"{Plural.Of(current.Incidents, "incident")} and {Plural.Of(current.Exercises, "exercise")} in {current.Label}; {Plural.Of(previous.Incidents, "incident")} and {Plural.Of(previous.Exercises, "exercise")} in {previous.Label}.";
        return BotReply.Private(url is null ? text : $"{text} Charts by quarter: {url}", card);

        Fact Both(string title, Func<PeriodFigures, string> value) => new(title, $"{value(current)} in {current.Label} · {value(previous)} in {previous.Label}");
    }

    private static string N(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Median(DurationFigure figure) => figure.Median is { } median ? $"{TimeFormat.Duration(median)} (of {N(figure.Count)})" : NoMoments;
}
