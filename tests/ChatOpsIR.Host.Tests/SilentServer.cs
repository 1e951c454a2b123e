using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ChatOpsIR.Host.Tests;

/// <summary>A platform API (Slack Web API, Microsoft Graph) that takes every connection and never answers: a call to it is in flight when the host dies.</summary>
internal sealed class SilentServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _held = [];
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();

    public SilentServer()
    {
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/";
        _ = AcceptAsync();
    }

    public string BaseUrl { get; }

    public Task WaitForCallAsync(TimeSpan timeout) => _called.Task.WaitAsync(timeout);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var client in _held)
        {
            client.Dispose();
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                _held.Add(await _listener.AcceptTcpClientAsync(_stop.Token));
                _called.TrySetResult();
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
        }
    }
}
