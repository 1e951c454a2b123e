using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>Web addresses of a post-mortem report, when the host can serve one to the people asking.</summary>
public interface IReportLinks
{
    /// <summary>A link to the HTML report of <paramref name="incident"/>, or null when none can be given (no public address configured).</summary>
    string? ReportUrl(Incident incident);
}
