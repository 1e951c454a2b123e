using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsIR.Teams.Protocol;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams.Graph;

/// <summary>
/// App-only Microsoft Graph tokens: the client-credentials grant with the bot registration's id and secret against
/// <c>Graph:TokenEndpoint</c> for the customer's tenant (PROTOCOLS part 4). One token per tenant, kept until five minutes
/// before it expires by the injected clock; one refresh per tenant at a time.
/// </summary>
public sealed class GraphTokenProvider(IHttpClientFactory httpClients, IOptions<TeamsOptions> teams, IOptions<GraphOptions> graph, TimeProvider clock) : IDisposable
{
    public const string HttpClientName = "ChatOpsIR.Graph.Token";
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Entry> _tokens = new(StringComparer.OrdinalIgnoreCase);

    public async Task<string> GetTokenAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tenantId) || tenantId.Length > 100 || tenantId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
        {
            throw new TeamsGraphException("The tenant id is not one Microsoft Entra ID can issue a token for.", null, "InvalidTenant");
        }

        var entry = _tokens.GetOrAdd(tenantId, _ => new Entry());
        if (entry.Current(clock) is { } cached)
        {
            return cached;
        }

        await entry.Refresh.WaitAsync(cancellationToken);
        try
        {
            if (entry.Current(clock) is { } fresh)
            {
                return fresh;
            }

            var settings = teams.Value;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId ?? string.Empty,
                ["client_secret"] = settings.AppPassword ?? string.Empty,
                ["scope"] = graph.Value.Scope,
            });
            var endpoint = graph.Value.TokenEndpoint.Replace(GraphOptions.TenantPlaceholder, Uri.EscapeDataString(tenantId), StringComparison.Ordinal);
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(endpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // Entra ID names the problem in "error" (e.g. unauthorized_client when the tenant's admin has not consented).
                var code = await ErrorCodeAsync(response, cancellationToken);
                throw new TeamsGraphException(
                    $"Microsoft Entra ID refused a Graph token for tenant {tenantId} ({(int)response.StatusCode}{(code is null ? string.Empty : $" {code}")}). An administrator of that tenant has to grant the app admin consent.",
                    (int)response.StatusCode,
                    code ?? "TokenRefused");
            }

            var token = await response.Content.ReadFromJsonAsync(TeamsJsonContext.Default.TokenResponse, cancellationToken);
            if (string.IsNullOrEmpty(token?.AccessToken) || token.ExpiresIn is not > 0)
            {
                throw new TeamsGraphException("The token endpoint answered without access_token or expires_in.", (int)response.StatusCode, "TokenMalformed");
            }

            var lifetime = TimeSpan.FromSeconds(token.ExpiresIn.Value);
            entry.Set(token.AccessToken, clock.GetUtcNow() + (lifetime > 2 * Margin ? lifetime - Margin : lifetime / 2));
            return token.AccessToken;
        }
        finally
        {
            entry.Refresh.Release();
        }
    }

    public void Dispose()
    {
        foreach (var entry in _tokens.Values)
        {
            entry.Refresh.Dispose();
        }
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String && error.GetString() is { Length: > 0 and <= 64 } code ? code : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Entry
    {
        private Cached? _value;

        public SemaphoreSlim Refresh { get; } = new(1, 1);

        public string? Current(TimeProvider clock) => Volatile.Read(ref _value) is { } value && clock.GetUtcNow() < value.RefreshAfter ? value.Token : null;

        public void Set(string token, DateTimeOffset refreshAfter) => Volatile.Write(ref _value, new Cached(token, refreshAfter));
    }

    private sealed record Cached(string Token, DateTimeOffset RefreshAfter);
}
