using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;

namespace ChatOpsIR.Core.Ports;

/// <summary>The two addresses of one export (the JSON document and its Markdown reading) and when they stop working.</summary>
public sealed record ExportLinkSet(string Json, string Markdown, DateTimeOffset Expires);

/// <summary>
/// Signed, expiring links to exports, handed only to the person who asked. A link carries who asked and what it opens;
/// whoever holds it can download that one export until it expires, so it is never posted where others read.
/// </summary>
public interface IExportLinks
{
    /// <summary>Links to <paramref name="incident"/>'s export for <paramref name="by"/>; null when this host has no address people can reach.</summary>
    ExportLinkSet? ForIncident(Incident incident, ChatUser by);

    /// <summary>Links to the sign-off of <paramref name="review"/> for <paramref name="by"/>; null as for <see cref="ForIncident"/>.</summary>
    ExportLinkSet? ForPlanReview(PlanReview review, ChatUser by);
}
