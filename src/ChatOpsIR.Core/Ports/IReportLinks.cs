using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>Web addresses of a post-mortem report and of the insights page, when the host can serve one to the people asking.</summary>
public interface IReportLinks
{
    /// <summary>A link to the HTML report of <paramref name="incident"/>, or null when none can be given (no public address configured).</summary>
    string? ReportUrl(Incident incident);

    /// <summary>A link to the insights page for people of <paramref name="scope"/>, or null when none can be given (no public address configured).</summary>
    string? InsightsUrl(TenantScope scope);
}
