using System.Net.Http.Json;
using ChatOpsIR.Teams.Protocol;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams.Connector;

/// <summary>
/// The bot's own access token for the Bot Connector (client-credentials grant against <c>Teams:TokenEndpoint</c>,
/// PROTOCOLS 2.3), kept by a <see cref="ClientCredentialsToken"/>.
/// </summary>
public sealed class BotTokenProvider(IHttpClientFactory httpClients, IOptions<TeamsOptions> options, TimeProvider clock) : IDisposable
{
    public const string HttpClientName = "ChatOpsIR.Teams.Token";
    public const string Scope = "https://api.botframework.com/.default";

    private readonly ClientCredentialsToken _token = new(clock);

    public Task<string> GetTokenAsync(CancellationToken cancellationToken) =>
        _token.GetAsync(this, static (provider, ct) => provider.FetchAsync(ct), cancellationToken);

    public void Dispose() => _token.Dispose();

    private async Task<(string, int)> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var form = ClientCredentialsToken.Form(settings, Scope);
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

        return (token.AccessToken, token.ExpiresIn.Value);
    }
}
