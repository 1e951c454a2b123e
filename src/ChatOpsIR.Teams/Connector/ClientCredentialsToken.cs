namespace ChatOpsIR.Teams.Connector;

/// <summary>
/// One client-credentials access token with the bot registration's id and secret (the Bot Connector's, or Graph's for one
/// tenant), kept until five minutes before it expires by the injected clock (half its lifetime when it is short); one
/// refresh at a time. The caller says how a fresh token is fetched.
/// </summary>
internal sealed class ClientCredentialsToken(TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Cached? _value;

    /// <summary>The token endpoint's form for <paramref name="scope"/> with the bot registration's credentials.</summary>
    public static FormUrlEncodedContent Form(TeamsOptions settings, string scope) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = settings.AppId ?? string.Empty,
        ["client_secret"] = settings.AppPassword ?? string.Empty,
        ["scope"] = scope,
    });

    /// <summary>The cached token, or one from <paramref name="fetch"/> (an access token and its lifetime in seconds, more than 0).</summary>
    public async Task<string> GetAsync<TState>(TState state, Func<TState, CancellationToken, Task<(string Token, int ExpiresIn)>> fetch, CancellationToken cancellationToken)
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

            var (token, expiresIn) = await fetch(state, cancellationToken);
            var lifetime = TimeSpan.FromSeconds(expiresIn);
            Volatile.Write(ref _value, new Cached(token, clock.GetUtcNow() + (lifetime > 2 * Margin ? lifetime - Margin : lifetime / 2)));
            return token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private string? Current() => Volatile.Read(ref _value) is { } value && clock.GetUtcNow() < value.RefreshAfter ? value.Token : null;

    private sealed record Cached(string Token, DateTimeOffset RefreshAfter);
}
