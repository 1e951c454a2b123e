using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// Work that must not hold up Slack's 3-second answer (posting replies, calling the Web API). Each item runs in
/// its own DI scope after the request has been answered.
/// </summary>
public sealed class SlackBackgroundQueue
{
    private readonly Channel<Func<IServiceProvider, CancellationToken, Task>> _work =
        Channel.CreateBounded<Func<IServiceProvider, CancellationToken, Task>>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    public ValueTask EnqueueAsync(Func<IServiceProvider, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        _work.Writer.WriteAsync(work, cancellationToken);

    internal IAsyncEnumerable<Func<IServiceProvider, CancellationToken, Task>> ReadAllAsync(CancellationToken cancellationToken) =>
        _work.Reader.ReadAllAsync(cancellationToken);
}

internal sealed partial class SlackBackgroundWorker(SlackBackgroundQueue queue, IServiceScopeFactory scopes, ILogger<SlackBackgroundWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack background work failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
