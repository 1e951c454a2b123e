using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams;

/// <summary>
/// Work to do after the Connector has had its HTTP answer, each item in its own DI scope. Items are lost if the process
/// stops before they run (the command itself was already saved): only posts go here; slow work is stored by Core and run
/// by a job.
/// </summary>
public abstract partial class TeamsWorkQueue(IServiceScopeFactory scopes, ILogger logger, int workers) : BackgroundService
{
    public const int Capacity = 10_000;

    private readonly Channel<Func<IServiceProvider, CancellationToken, Task>> _queue =
        Channel.CreateBounded<Func<IServiceProvider, CancellationToken, Task>>(new BoundedChannelOptions(Capacity) { SingleReader = workers == 1, FullMode = BoundedChannelFullMode.Wait });

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
        LogFull(logger, GetType().Name);
        return false;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
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
                    LogFailed(logger, GetType().Name, ex);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Queued Teams work failed ({Queue}).")]
    private static partial void LogFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Teams queue {Queue} is full; an item was dropped.")]
    private static partial void LogFull(ILogger logger, string queue);
}

/// <summary>Posts to the Connector (replies, confirmations). One worker runs them in order, so replies to one conversation keep their order.</summary>
public sealed class TeamsOutbox(IServiceScopeFactory scopes, ILogger<TeamsOutbox> logger) : TeamsWorkQueue(scopes, logger, workers: 1);
