using System.Net;
using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.SlowWork;
using ChatOpsIR.Slack.Ingress;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// Downloads a shared file for "Add as evidence" from its url_private_download, with the install's bot token. The URL
/// comes from a payload, so only https on a host of `Slack:FileHosts` (files.slack.com) is followed, and no redirect:
/// the token must not travel anywhere else.
/// </summary>
public sealed class SlackEvidenceFiles(HttpClient http, SlackTokenProvider tokens, IOptions<SlackOptions> options) : IEvidenceFileSource
{
    public Platform Platform => Platform.Slack;

    public static bool IsAllowedFileUrl(string? url, SlackOptions options) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && options.FileHosts.Any(h => string.Equals(h, uri.Host, StringComparison.OrdinalIgnoreCase));

    public async Task<Stream> OpenAsync(WorkItem item, SharedFile file, CancellationToken cancellationToken)
    {
        if (!IsAllowedFileUrl(file.Source, options.Value))
        {
            throw new EvidenceFileUnavailableException("Slack gave a download address outside files.slack.com, and ChatOpsIR sends its token nowhere else", canRetry: false);
        }

        var token = await tokens.GetTokenAsync(SlackReplyAddress.Read(item.ReplyAddress).Team, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Source);
        request.Headers.Authorization = new("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new EvidenceFileUnavailableException("Slack could not be reached", inner: ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new EvidenceFileUnavailableException(status switch
            {
                HttpStatusCode.NotFound => "Slack says the file is not there any more (404)",
                HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => $"Slack refused the download ({(int)status}); the app may lack the files:read scope, or the file is not shared where the app can see it",
                _ => $"Slack answered {(int)status}",
            });
        }

        if (response.Content.Headers.ContentType?.MediaType == "text/html" && file.ContentType is not "text/html")
        {
            // Without a valid token Slack answers 200 with its sign-in page instead of the file.
            response.Dispose();
            throw new EvidenceFileUnavailableException("Slack sent its sign-in page instead of the file; reinstall the app so its token has the files:read scope");
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }
}
