using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Web;

/// <summary>
/// `GET /api/incidents`: the incidents of the caller's scope that the filters match, most recent activity first, in three
/// groups. A private incident the caller is not in is not a row at all, not even its reference.
/// </summary>
internal static class WebIncidentListing
{
    public static async Task<IResult> ReadAsync(string? user, HttpContext http, WebCallers callers, IIncidentStore store, WebChannelAccess access, CancellationToken cancellationToken)
    {
        if (!WebIncidentCallers.TryResolve(http, callers, user, out var scope, out var who, out var problem))
        {
            return problem!;
        }

        if (!WebIncidentFilters.TryRead(http.Request.Query, out var filters, out problem))
        {
            return problem!;
        }

        var (rows, truncated) = await VisibleAsync(scope, who, filters!, store, access, cancellationToken);
        var summaries = rows.Select(r => WebIncidentMapping.Summary(r.Incident, r.LastActivityAt, r.OpenActionItems)).ToList();
        var list = new WebIncidentList(
            [.. summaries.Where(s => !s.Exercise && s.Status == "open")],
            [.. summaries.Where(s => !s.Exercise && s.Status != "open")],
            [.. summaries.Where(s => s.Exercise)],
            summaries.Count,
            truncated,
            string.Empty);
        var version = WebIncidentMapping.Version(list);
        return WebIncidentMapping.NotModified(http, version)
            ? WebIncidentMapping.NotModifiedResult()
            : Results.Ok(list with { Version = version });
    }

    /// <summary>
    /// Up to the limit of rows the caller may see, reading pages of the store's list until there are enough (a page may
    /// hold private incidents that are not theirs), and whether more matched.
    /// </summary>
    private static async Task<(List<IncidentListRow> Rows, bool Truncated)> VisibleAsync(
        TenantScope scope, WebPerson? who, WebIncidentFilters filters, IIncidentStore store, WebChannelAccess access, CancellationToken cancellationToken)
    {
        var visible = new List<IncidentListRow>();
        var pageSize = filters.Limit + 1;
        for (var skip = 0; ; skip += pageSize)
        {
            var page = await store.ListIncidentsAsync(scope, filters.Query, skip, pageSize, cancellationToken);
            foreach (var row in page)
            {
                if (!await access.MaySeeAsync(who, row.Incident, cancellationToken))
                {
                    continue;
                }

                if (visible.Count == filters.Limit)
                {
                    return (visible, true);
                }

                visible.Add(row);
            }

            if (page.Count < pageSize)
            {
                return (visible, false);
            }
        }
    }
}
