using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Web;

/// <summary>One row of an incident's audit trail as the API gives it: everything the chain's hash covers, and the hash.</summary>
public sealed record WebAuditRow(
    long? Sequence, DateTime At, string ActorId, string ActorName, string Platform, string Action, string Subject,
    Guid? IncidentId, string? Before, string? After, string? PreviousHash, string? Hash);

public sealed record WebAuditVerification(bool Intact, int Checked, long? BrokenAt, string? Problem, string Head, string Summary);

/// <summary>`GET /api/incidents/{id}/audit`: the incident's rows in chain order and the verification of its scope's chain.</summary>
public sealed record WebAuditResponse(string Incident, string Canonical, IReadOnlyList<WebAuditRow> Rows, WebAuditVerification Verification);

internal static class WebAudit
{
    public const string NoIncident = "There is no such incident here.";

    /// <summary>
    /// Links what is pending first, so the answer is the whole record as of now. An incident of another scope, or a private
    /// one the caller is not in, is answered as one that does not exist.
    /// </summary>
    public static async Task<IResult> ReadAsync(Guid id, string? user, HttpContext http, WebCallers callers, IIncidentStore store, WebChannelAccess access, IAuditTrail trail, AuditLinker linker, CancellationToken cancellationToken)
    {
        if (!callers.TryGet(http, user, out var person, out var problem))
        {
            return problem!;
        }

        var incident = await store.FindIncidentByIdAsync(person!.Scope, id, cancellationToken);
        if (incident is null || !await access.MaySeeAsync(person, incident, cancellationToken))
        {
            return WebProblems.Problem(StatusCodes.Status404NotFound, NoIncident);
        }

        await linker.LinkAsync(incident.Scope, cancellationToken);
        var rows = await trail.ForIncidentAsync(incident.Scope, incident.Id, cancellationToken);
        var result = await trail.VerifyAsync(incident.Scope, cancellationToken);
        return Results.Ok(new WebAuditResponse(
            incident.Reference,
            AuditChain.Version,
            [.. rows.Select(r => new WebAuditRow(r.Sequence, r.At, r.ActorId, r.ActorName, r.Platform.ToString().ToLowerInvariant(), r.Action, r.Subject, r.IncidentId, r.Before, r.After, r.PreviousHash, r.Hash))],
            new WebAuditVerification(result.Intact, result.Checked, result.BrokenAt, result.Problem, result.Head, result.Describe())));
    }
}
