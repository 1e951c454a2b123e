using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.SlowWork;

namespace ChatOpsIR.Teams.Graph;

/// <summary>
/// Fetches a file shared in Teams for "Add as evidence": Microsoft Graph's <c>/shares/{id}/driveItem/content</c> for
/// the SharePoint URL of the message's attachment, with the app's token for the tenant the action came from (the app
/// needs the Files.Read.All application permission).
/// </summary>
public sealed class TeamsEvidenceFiles(TeamsGraph graph) : IEvidenceFileSource
{
    public Platform Platform => Platform.Teams;

    public async Task<Stream> OpenAsync(WorkItem item, SharedFile file, CancellationToken cancellationToken)
    {
        var address = TeamsReplyAddress.TryRead(item.ReplyAddress)
            ?? throw new EvidenceFileUnavailableException("the Teams conversation it came from could not be read again", canRetry: false);
        if (!Uri.TryCreate(file.Source, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new EvidenceFileUnavailableException("Teams gave a file link that is not https", canRetry: false);
        }

        try
        {
            return await graph.OpenSharedFileAsync(address.TenantId, file.Source, cancellationToken);
        }
        catch (TeamsGraphException ex)
        {
            throw new EvidenceFileUnavailableException(ex.StatusCode switch
            {
                404 => "Microsoft Graph says the file is not there any more (404)",
                401 or 403 => $"Microsoft Graph refused the download ({ex.StatusCode}); an administrator has to grant the app the Files.Read.All permission",
                _ => $"Microsoft Graph did not hand over the file ({ex.Message.TrimEnd('.')})",
            }, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new EvidenceFileUnavailableException("Microsoft Graph could not be reached", inner: ex);
        }
    }
}
