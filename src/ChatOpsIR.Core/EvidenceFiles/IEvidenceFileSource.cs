using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.SlowWork;

namespace ChatOpsIR.Core.EvidenceFiles;

/// <summary>
/// Where a platform serves the bytes of a shared file (Slack: its download URL with the install's bot token; Teams:
/// Microsoft Graph with the app's token). The stream is read once, to its end or to the evidence limit.
/// </summary>
public interface IEvidenceFileSource : IPlatformService
{
    /// <summary>
    /// Opens the file's content. Throws <see cref="EvidenceFileUnavailableException"/> with a sentence for the person
    /// when the platform refuses or does not answer.
    /// </summary>
    Task<Stream> OpenAsync(WorkItem item, SharedFile file, CancellationToken cancellationToken);
}

/// <summary>
/// The platform did not hand over a file (not found, access refused, no answer); the message says so for the person.
/// <see cref="CanRetry"/> false: trying again cannot help (an address ChatOpsIR will not follow), so the person is told at once.
/// </summary>
public sealed class EvidenceFileUnavailableException(string message, bool canRetry = true, Exception? inner = null) : Exception(message, inner)
{
    public bool CanRetry { get; } = canRetry;
}
