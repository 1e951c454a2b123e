using System.Diagnostics;
using System.Text;

namespace ChatOpsIR.Testing;

/// <summary>
/// A real OpenID Connect provider (the npm package oidc-provider, `tests/oidc-provider/server.js`) in its own Node
/// process on a free loopback port, with one confidential client. Its login form takes any account id and password.
/// `scripts/test.sh` installs it (`npm ci --prefix tests/oidc-provider`).
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    public const string ClientId = "chatopsir-web";
    public const string ClientSecret = "chatopsir-test-client-secret";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private OidcProviderProcess(Process process, Uri issuer)
    {
        _process = process;
        Issuer = issuer;
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The provider's issuer, e.g. http://127.0.0.1:40123 (no trailing slash, as it writes it in tokens).</summary>
    public Uri Issuer { get; }

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>Starts the provider for a client that returns to <paramref name="redirectUri"/>, and waits until its discovery document answers.</summary>
    public static async Task<OidcProviderProcess> StartAsync(Uri redirectUri, string groups = "responders,incident-commanders")
    {
        var folder = RepoPaths.File("tests", "oidc-provider");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed: run `npm ci --prefix tests/oidc-provider` (scripts/test.sh does) in {RepoPaths.Root}.");
        }

        var port = HostProcess.FreePort();
        var issuer = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "server.js", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--issuer", issuer.ToString().TrimEnd('/'),
            "--client-id", ClientId, "--client-secret", ClientSecret, "--redirect-uri", redirectUri.ToString(), "--groups", groups,
        })
        {
            info.ArgumentList.Add(argument);
        }

        var provider = new OidcProviderProcess(Process.Start(info) ?? throw new InvalidOperationException("node could not be started."), issuer);
        try
        {
            await provider.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
            return provider;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"oidc-provider exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(Issuer, ".well-known/openid-configuration"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"oidc-provider did not answer at {Issuer}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
