using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ChatOpsIR.Web;

/// <summary>
/// How an incident and its timeline read in the web API, shared by the war room's side panel, the incident list and the
/// incident page, so the three never disagree; and the version (ETag) a polling page compares.
/// </summary>
internal static class WebIncidentMapping
{
    private static readonly JsonSerializerOptions VersionJson = new(JsonSerializerDefaults.Web);

    public static WebTimelineEntry Entry(TimelineEntry entry) => new(
        entry.OccurredAt,
        entry.RecordedAt,
        entry.AuthorName,
        entry.Kind.ToString(),
        entry.Text,
        entry.IsBackdated,
        entry.KeyMoment?.Name(),
        entry.AddedAfterResolve);

    /// <summary>Each role held, by its name ("commander"), with the holder's display name.</summary>
    public static IReadOnlyDictionary<string, string> Roles(Incident incident) =>
        Enum.GetValues<IncidentRoleKind>()
            .Where(r => incident.Holder(r) is not null)
            .ToDictionary(r => r.Name(), r => incident.Holder(r)!.DisplayName);

    /// <summary>The derived durations ("Time to contain": "2 h 10 min"), those whose moments are marked.</summary>
    public static IReadOnlyDictionary<string, string> Durations(Incident incident) =>
        IncidentCards.DurationFacts(incident.Durations()).ToDictionary(f => f.Title, f => f.Value);

    public static string Status(IncidentStatus status) => status.ToString().ToLowerInvariant();

    public static string PlatformName(Platform platform) => platform.ToString().ToLowerInvariant();

    /// <summary>
    /// One incident as a list row. <paramref name="lastEntryAt"/> is when its latest timeline entry was recorded: declaring,
    /// a status, resolving and every note write one, so that (never earlier than the declaration) is its last activity.
    /// </summary>
    public static WebIncidentSummary Summary(Incident incident, DateTime? lastEntryAt, int openActionItems) => new(
        incident.Id,
        incident.Reference,
        incident.Title,
        incident.Severity,
        Status(incident.Status),
        incident.IsExercise,
        incident.Exercise.Describe(),
        incident.IsPrivate,
        PlatformName(incident.Platform),
        incident.ChannelName ?? incident.ChannelId,
        incident.Platform == Platform.Web ? incident.ChannelId : null,
        incident.Holder(IncidentRoleKind.Commander)?.DisplayName,
        incident.LastStatus,
        incident.DeclaredAt,
        incident.ResolvedAt,
        LastActivity(incident, lastEntryAt),
        openActionItems);

    public static DateTime LastActivity(Incident incident, DateTime? lastEntryAt) =>
        lastEntryAt is { } at && at > incident.DeclaredAt ? at : incident.DeclaredAt;

    /// <summary>A short hash of everything an answer shows: any change a person could see changes it.</summary>
    public static string Version<T>(T content)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(content, VersionJson);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    /// <summary>
    /// Sends <paramref name="version"/> as the ETag; true when the request's If-None-Match already names it, so the
    /// answer is 304 with no body.
    /// </summary>
    public static bool NotModified(HttpContext http, string version)
    {
        var tag = $"\"{version}\"";
        http.Response.Headers.ETag = tag;
        http.Response.Headers.CacheControl = "no-cache";
        if (!http.Request.Headers.TryGetValue(HeaderNames.IfNoneMatch, out var values))
        {
            return false;
        }

        foreach (var value in values)
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
                if (candidate == tag || candidate == "*")
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static IResult NotModifiedResult() => Results.StatusCode(StatusCodes.Status304NotModified);
}
