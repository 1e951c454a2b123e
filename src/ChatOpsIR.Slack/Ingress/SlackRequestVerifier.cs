using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// Checks that a request really comes from Slack before anything else looks at it: the raw body is read (up to a
/// cap), the timestamp must be within five minutes of the injected clock, and the HMAC-SHA256 signature over
/// `v0:{timestamp}:{body}` must match, compared in constant time.
/// </summary>
public sealed class SlackRequestVerifier(IOptions<SlackOptions> options, TimeProvider clock)
{
    public const int MaxBodyBytes = 64 * 1024;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private const string Version = "v0";

    /// <summary>The verified raw body, or the status to answer with (413 too large, 401 not from Slack).</summary>
    public async Task<VerifiedBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return VerifiedBody.Refused(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadCappedAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return VerifiedBody.Refused(StatusCodes.Status413PayloadTooLarge);
        }

        var timestamp = request.Headers["X-Slack-Request-Timestamp"].ToString();
        var signature = request.Headers["X-Slack-Signature"].ToString();
        return IsValid(timestamp, signature, body) ? VerifiedBody.Accepted(body) : VerifiedBody.Refused(StatusCodes.Status401Unauthorized);
    }

    internal bool IsValid(string timestamp, string signature, ReadOnlySpan<byte> body)
    {
        var secret = options.Value.SigningSecret;
        if (string.IsNullOrEmpty(secret) || timestamp.Length is 0 or > 20 || signature.Length != Version.Length + 1 + 64)
        {
            return false;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)Window.TotalSeconds)
        {
            return false;
        }

        var expected = Sign(secret, timestamp, body);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>`v0=` + lowercase hex of HMAC-SHA256(secret, "v0:" + timestamp + ":" + body).</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes($"{Version}:{timestamp}:");
        var basestring = new byte[prefix.Length + body.Length];
        prefix.CopyTo(basestring, 0);
        body.CopyTo(basestring.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), basestring);
        return $"{Version}={Convert.ToHexStringLower(mac)}";
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

public readonly record struct VerifiedBody(byte[]? Body, int Status)
{
    public bool IsAccepted => Body is not null;

    public static VerifiedBody Accepted(byte[] body) => new(body, StatusCodes.Status200OK);

    public static VerifiedBody Refused(int status) => new(null, status);
}
