using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsIR.Testing;

/// <summary>Signs requests the way Slack does, at the host's fake time, and reads the shared fixtures.</summary>
public sealed class SlackSigner(string secret, FakeTimeProvider clock)
{
    public static string Fixture(string name) => System.IO.File.ReadAllText(RepoPaths.Fixture(name));

    public static byte[] InteractionBody(string json) => Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(json));

    public HttpRequestMessage Request(string path, byte[] body, string contentType, TimeSpan? skew = null, string? secretOverride = null)
    {
        var ts = (clock.GetUtcNow() + (skew ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", Sign(secretOverride ?? secret, ts, body));
        return request;
    }

    public static string Sign(string secret, string ts, byte[] body)
    {
        var basestring = Encoding.ASCII.GetBytes($"v0:{ts}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), basestring));
    }
}
