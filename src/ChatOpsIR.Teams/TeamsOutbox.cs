using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams;

/// <summary>
/// Work to do after the Connector has had its HTTP answer (posting replies, confirmations). One worker runs the
/// items in order, each in its own DI scope, so replies to one conversation keep their order. Items are lost if the
/// process stops before they run; the command itself was already saved.
/// </summary>
public sealed partial class TeamsOutbox(IServiceScopeFactory scopes, ILogger<TeamsOutbox> logger) : BackgroundService
{
    public const int Capacity = 10_000;

    private readonly Channel<Func<IServiceProvider, CancellationToken, Task>> _queue =
        Channel.CreateBounded<Func<IServiceProvider, CancellationToken, Task>>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private int _pending;

    /// <summary>How many items are queued or running.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues work; false when the queue is full (the caller logs and drops it rather than block the request).</summary>
    public bool TryEnqueue(Func<IServiceProvider, CancellationToken, Task> work)
    {
        Interlocked.Increment(ref _pending);
        if (_queue.Writer.TryWrite(work))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        LogFull(logger);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await work(scope.ServiceProvider, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, ex);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued Teams post failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Teams outbox is full; a post was dropped.")]
    private static partial void LogFull(ILogger logger);
}
