using System.Text;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ChatOpsIR.Web;

/// <summary>
/// <c>POST /api/webchat/channels/{channel}/evidence</c>: a file uploaded in the war room (multipart/form-data: the
/// fields <c>user</c>, <c>timeZone</c> and <c>clientMessageId</c> first, then the file) recorded as evidence of the
/// channel's incident. The file is hashed as it streams in and never held whole; over the evidence limit the answer is
/// 413 and nothing is recorded.
/// </summary>
internal static class WebEvidenceUpload
{
    /// <summary>Room for the form's fields and part headers beside the file itself.</summary>
    public const long EnvelopeBytes = 64 * 1024;

    private const int MaxFieldChars = 200;
    private const int MaxBoundaryLength = 200;

    /// <summary>The most a request may declare: the file limit and the multipart envelope around it.</summary>
    public static long RequestLimit(EvidenceFileOptions options) => options.MaxFileBytes + EnvelopeBytes;

    internal static async Task<IResult> PostAsync(string channel, HttpContext http, WebCallers callers, EvidenceFileWorkflow evidence, EvidenceFileOptions options, IConversationLog log, IIncidentStore store, WebPersonTimeZones zones, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= MaxBoundaryLength } boundary)
        {
            return WebProblems.BadRequest("Send the file as multipart/form-data (the war room's upload does), with the file in a part named \"file\".");
        }

        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        MultipartSection? section;
        ContentDispositionHeaderValue? disposition = null;
        try
        {
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out disposition))
                {
                    return WebProblems.BadRequest("A part of the upload has no Content-Disposition header.");
                }

                if (disposition.IsFileDisposition())
                {
                    break;
                }

                if (await ReadFieldAsync(section.Body, cancellationToken) is not { } value || fields.Count >= 8)
                {
                    return WebProblems.BadRequest($"The upload's fields are at most {MaxFieldChars} characters each, and at most 8 of them; the file comes after them.");
                }

                fields[HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty] = value;
            }
        }
        catch (InvalidDataException ex)
        {
            return WebProblems.BadRequest($"The upload is not well-formed multipart/form-data ({ex.Message})");
        }

        if (section is null || disposition is null)
        {
            return WebProblems.BadRequest("The upload holds no file. Choose a file, or drop one on the war room.");
        }

        var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value is { Length: > 0 } star ? star : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        var upload = section;
        var tooLarge = false;
        var result = await WebChatCommands.RunAsync(
            channel,
            new WebChatCommands.Caller(http, callers, fields.GetValueOrDefault("user"), store),
            fields.GetValueOrDefault("timeZone"),
            fields.GetValueOrDefault("clientMessageId"),
            $"add as evidence: {name}",
            log,
            zones,
            clock,
            cancellationToken,
            async context =>
            {
                var file = SharedFile.Of(name, upload.ContentType, null, $"web-upload:{context.ChannelId}", context.User)!;
                var recorded = await evidence.RecordUploadAsync(context, file, upload.Body, cancellationToken);
                tooLarge = recorded.TooLarge;
                return recorded.Reply;
            });
        return tooLarge ? WebProblems.Problem(StatusCodes.Status413PayloadTooLarge, options.TooLarge) : result;
    }

    /// <summary>A small form field, or null when it is longer than <see cref="MaxFieldChars"/>.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[(MaxFieldChars * 4) + 1];
        var length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                return null;
            }
        }

        var text = Encoding.UTF8.GetString(buffer, 0, length);
        return text.Length <= MaxFieldChars ? text : null;
    }
}
