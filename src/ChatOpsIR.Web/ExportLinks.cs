using System.Security.Cryptography;
using System.Text.Json;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.Ports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Web;

/// <summary>`Exports:*`: how long an export link keeps working.</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Exports";

    /// <summary>Hours an `export` link can be used, from when it was given (default a day: a link is for a download, not for keeping).</summary>
    public int LinkLifetimeHours { get; set; } = 24;
}

/// <summary>What an export token opens: one kind of export of one record in one scope, for the person it was given to, until it expires.</summary>
public sealed record ExportGrant(string Kind, TenantScope Scope, Guid Id, string ById, string ByName);

/// <summary>
/// Signed export links. The token is protected with the host's Data Protection keys under a purpose of its own (a report
/// token opens no export, nor the other way round) and names the kind, scope, record, the person who asked and the
/// expiry, which is checked against the injected clock. The address is <c>Reports:PublicBaseUrl</c>; the web war room
/// links relative to itself when none is set.
/// </summary>
public sealed class ExportLinks(IDataProtectionProvider protection, IOptions<ReportOptions> reports, IOptions<ExportOptions> options, TimeProvider clock) : IExportLinks
{
    public const string IncidentKind = "incident";
    public const string PlanReviewKind = "plan-review";
    private const string Purpose = "ChatOpsIR.Exports.v1";

    public ExportLinkSet? ForIncident(Incident incident, ChatUser by) =>
        Links(new ExportGrant(IncidentKind, incident.Scope, incident.Id, by.Id, by.DisplayName), "incidents");

    public ExportLinkSet? ForPlanReview(PlanReview review, ChatUser by) =>
        Links(new ExportGrant(PlanReviewKind, review.Scope, review.Id, by.Id, by.DisplayName), "plan-reviews");

    /// <summary>The grant a token holds for this kind and record, or null when it is missing, forged, expired or for something else.</summary>
    public ExportGrant? Read(string kind, Guid id, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Protector().Unprotect(token));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }

        return payload is { K: var k, I: var i, E: var expires, U: { } byId, N: { } byName } && k == kind && i == id
            && clock.GetUtcNow().ToUnixTimeSeconds() <= expires
            && TenantScope.TryParse(payload.S, out var scope)
                ? new ExportGrant(kind, scope, id, byId, byName)
                : null;
    }

    private ExportLinkSet? Links(ExportGrant grant, string folder)
    {
        var baseUrl = reports.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : grant.Scope == TenantScope.Web ? string.Empty : null;
        if (baseUrl is null)
        {
            return null;
        }

        var expires = clock.GetUtcNow().AddHours(options.Value.LinkLifetimeHours);
        var token = Uri.EscapeDataString(Protector().Protect(JsonSerializer.Serialize(
            new Payload(grant.Kind, grant.Scope.ToString(), grant.Id, expires.ToUnixTimeSeconds(), grant.ById, grant.ByName))));
        var path = $"{baseUrl}/exports/{folder}/{grant.Id:D}";
        return new ExportLinkSet($"{path}.json?t={token}", $"{path}.md?t={token}", expires);
    }

    private IDataProtector Protector() => protection.CreateProtector(Purpose);

    private sealed record Payload(string K, string S, Guid I, long E, string U, string N);
}
