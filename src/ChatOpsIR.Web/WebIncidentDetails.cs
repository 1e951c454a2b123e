using ChatOpsIR.Core.Exports;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Web;

/// <summary>
/// `GET /api/incidents/{id}`: everything the incident page shows beside the conversation. An incident of another scope,
/// or a private one the caller is not in, is answered exactly like one that does not exist.
/// </summary>
internal static class WebIncidentDetails
{
    public const string NoIncident = "There is no such incident here.";

    public static async Task<IResult> ReadAsync(
        Guid id, string? user, HttpContext http, WebCallers callers, IIncidentStore store, WebChannelAccess access,
        NotificationClocks clocks, IEnumerable<IReportLinks> links, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!WebIncidentCallers.TryResolve(http, callers, user, out var scope, out var who, out var problem))
        {
            return problem!;
        }

        var incident = await store.FindIncidentByIdAsync(scope, id, cancellationToken);
        if (incident is null || !await access.MaySeeAsync(who, incident, cancellationToken))
        {
            return WebProblems.NotFound(NoIncident);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var timeline = await store.GetTimelineAsync(scope, incident.Id, cancellationToken);
        var items = await store.GetActionItemsAsync(scope, incident.Id, cancellationToken);
        var evidence = await store.GetEvidenceAsync(scope, incident.Id, cancellationToken);
        var postMortem = await store.FindPostMortemAsync(scope, incident.Id, cancellationToken);

        // "Overdue" is counted in the incident's own days: an item due today is not late until that day is over there.
        var today = TimeFormat.LocalDay(now, incident.TimeZone);
        var lastEntry = timeline.Count == 0 ? (DateTime?)null : timeline.Max(e => e.RecordedAt);
        var detail = new WebIncidentDetail(
            WebIncidentMapping.Summary(incident, lastEntry, items.Count(i => i.Status == ActionItemStatus.Open)),
            WebIncidentMapping.Roles(incident),
            [.. Enum.GetValues<KeyMoment>().Select(m => new WebKeyMoment(m.Name(), m.Describe(), incident.MomentAt(m)))],
            WebIncidentMapping.Durations(incident),
            [.. clocks.For(incident, postMortem).Select(c => new WebClock(
                c.Regime.Name, c.Category, c.Regime.Notify, c.StartsAt, c.DueAt, c.IsOverdue(now), c.DescribeLeft(now), c.FromDeclaration))],
            [.. items.Select(i => new WebActionItem(
                i.Reference,
                i.Title,
                i.OwnerName,
                i.DueDate,
                IncidentExports.Word(i.Status.ToString()),
                i.Status == ActionItemStatus.Open && i.DueDate < today,
                IncidentExports.Word(i.Kind.ToString()),
                i.DoneAt))],
            [.. evidence.Select(e => new WebEvidence(
                e.Reference,
                e.Description,
                IncidentExports.Word(e.State.ToString()),
                e.Holder.DisplayName,
                e.Sha256,
                e.FileName,
                e.FileSize,
                e.CollectedAt,
                e.Custody.Count,
                e.IsSuperseded))],
            postMortem is null ? null : PostMortemState(postMortem),
            links.Select(l => l.ReportUrl(incident)).FirstOrDefault(u => u is not null),
            [.. timeline.Select(WebIncidentMapping.Entry)],
            string.Empty);

        var version = WebIncidentMapping.Version(detail);
        return WebIncidentMapping.NotModified(http, version)
            ? WebIncidentMapping.NotModifiedResult()
            : Results.Ok(detail with { Version = version });
    }

    /// <summary>
    /// "in-progress" while sections wait, "ready" when every section is answered or skipped, "published" once a version
    /// is frozen, and "changed-since-publish" when the record moved on after that (the next publish makes a new version).
    /// </summary>
    private static WebPostMortemState PostMortemState(PostMortem postMortem)
    {
        var status = postMortem.IsPublished
            ? postMortem.ChangedSincePublish ? "changed-since-publish" : "published"
            : postMortem.Sections.All(s => s.IsDone) ? "ready" : "in-progress";
        return new WebPostMortemState(
            status,
            [.. postMortem.Sections.OrderBy(s => s.Section).Select(s => new WebPostMortemSection(s.Section.Slug(), s.Section.Title(), IncidentExports.Word(s.Status.ToString())))],
            postMortem.IsPublished ? postMortem.PublishedVersion : null);
    }
}
