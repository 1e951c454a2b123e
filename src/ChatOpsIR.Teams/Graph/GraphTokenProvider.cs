using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsIR.Teams.Connector;
using ChatOpsIR.Teams.Protocol;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams.Graph;

/// <summary>
/// App-only Microsoft Graph tokens: the client-credentials grant with the bot registration's id and secret against
/// <c>Graph:TokenEndpoint</c> for the customer's tenant (PROTOCOLS part 4). One <see cref="ClientCredentialsToken"/> per
/// tenant.
/// </summary>
public sealed class GraphTokenProvider(IHttpClientFactory httpClients, IOptions<TeamsOptions> teams, IOptions<GraphOptions> graph, TimeProvider clock) : IDisposable
{
    public const string HttpClientName = "ChatOpsIR.Graph.Token";

    private readonly ConcurrentDictionary<string, ClientCredentialsToken> _tokens = new(StringComparer.OrdinalIgnoreCase);

    public async Task<string> GetTokenAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tenantId) || tenantId.Length > 100 || tenantId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
        {
            throw new TeamsGraphException("The tenant id is not one Microsoft Entra ID can issue a token for.", null, "InvalidTenant");
        }

        // A refused tenant id fails the returned task, as every other token failure does.
        return await _tokens.GetOrAdd(tenantId, _ => new ClientCredentialsToken(clock))
            .GetAsync((Provider: this, Tenant: tenantId), static (state, ct) => state.Provider.FetchAsync(state.Tenant, ct), cancellationToken);
    }

    public void Dispose()
    {
        foreach (var token in _tokens.Values)
        {
            token.Dispose();
        }
    }

    private async Task<(string, int)> FetchAsync(string tenantId, CancellationToken cancellationToken)
    {
        using var form = ClientCredentialsToken.Form(teams.Value, graph.Value.Scope);
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

        return (token.AccessToken, token.ExpiresIn.Value);
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
}
