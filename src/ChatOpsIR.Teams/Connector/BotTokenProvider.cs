using System.Net.Http.Json;
using ChatOpsIR.Teams.Protocol;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams.Connector;

/// <summary>
/// The bot's own access token for the Bot Connector (client-credentials grant against <c>Teams:TokenEndpoint</c>,
/// PROTOCOLS 2.3), kept until five minutes before it expires by the injected clock; one refresh at a time.
/// </summary>
public sealed class BotTokenProvider(IHttpClientFactory httpClients, IOptions<TeamsOptions> options, TimeProvider clock) : IDisposable
{
    public const string HttpClientName = "ChatOpsIR.Teams.Token";
    public const string Scope = "https://api.botframework.com/.default";
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private string? _token;
    private DateTimeOffset _refreshAfter;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Current() is { } cached)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Current() is { } fresh)
            {
                return fresh;
            }

            var settings = options.Value;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId ?? string.Empty,
                ["client_secret"] = settings.AppPassword ?? string.Empty,
                ["scope"] = Scope,
            });
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(settings.TokenEndpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new BotConnectorException($"The token endpoint answered {(int)response.StatusCode}.", (int)response.StatusCode);
            }

            var token = await response.Content.ReadFromJsonAsync(TeamsJsonContext.Default.TokenResponse, cancellationToken);
            if (string.IsNullOrEmpty(token?.AccessToken) || token.ExpiresIn is not > 0)
            {
                throw new BotConnectorException("The token endpoint answered without access_token or expires_in.", (int)response.StatusCode);
            }

            var lifetime = TimeSpan.FromSeconds(token.ExpiresIn.Value);
            _refreshAfter = clock.GetUtcNow() + (lifetime > 2 * Margin ? lifetime - Margin : lifetime / 2);
            _token = token.AccessToken;
            return _token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private string? Current() => _token is { } token && clock.GetUtcNow() < _refreshAfter ? token : null;
}
