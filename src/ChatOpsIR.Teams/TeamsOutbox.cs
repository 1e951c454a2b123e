using System.Threading.Channels;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Teams.Connector;
using ChatOpsIR.Teams.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams;

/// <summary>
/// A message for the Connector once the activity has had its HTTP answer: posted to <see cref="ConversationId"/> at
/// <see cref="ServiceUrl"/> (in the thread of <see cref="OutgoingActivity.ReplyToId"/>, when set), or, with
/// <see cref="ReplacesActivityId"/>, put in place of a message the bot sent earlier. <see cref="ThenStartWork"/> is stored
/// slow work this message announces: it is handed to the scheduler once the message was sent (or failed to be), so its
/// result never comes ahead of the announcement.
/// </summary>
public sealed record TeamsOutboxItem(string ServiceUrl, string ConversationId, OutgoingActivity Activity, string? ReplacesActivityId = null)
{
    public Guid? ThenStartWork { get; init; }
}

/// <summary>
/// Posts and card updates that follow an activity's answer (replies, confirmations, receipts), sent by one worker in the
/// order they were queued, so the messages of a conversation keep their order. Items are lost if the process stops
/// before they are sent (the command itself was already saved): only posts go here; slow work is stored by Core and run
/// by a job.
/// </summary>
/// <remarks>
/// The worker holds its <see cref="BotConnectorClient"/> for the life of the host: the HttpClientFactory's default
/// handler recycles its pooled connections (<c>PooledConnectionLifetime</c>), so DNS changes are still picked up.
/// </remarks>
public sealed partial class TeamsOutbox(BotConnectorClient connector, IWorkScheduler work, ILogger<TeamsOutbox> logger) : BackgroundService
{
    public const int Capacity = 10_000;

    private readonly Channel<TeamsOutboxItem> _queue =
        Channel.CreateBounded<TeamsOutboxItem>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private int _pending;

    /// <summary>How many items are queued or being sent.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues an item; when the outbox is full it is dropped and logged rather than block the request.</summary>
    public void Enqueue(TeamsOutboxItem item)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _pending);
            LogDropped(logger, item.ConversationId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await SendAsync(item, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, item.ConversationId, ex);
                }
                finally
                {
                    await StartWorkAsync(item);
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The stored work is safe either way: should queueing fail, the sweep queues it.</summary>
    private async Task StartWorkAsync(TeamsOutboxItem item)
    {
        if (item.ThenStartWork is not { } id)
        {
            return;
        }

        try
        {
            await work.EnqueueWorkAsync(id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogWorkNotStarted(logger, id, ex);
        }
    }

    private Task<string?> SendAsync(TeamsOutboxItem item, CancellationToken cancellationToken) =>
        item.ReplacesActivityId is { } replaced
            ? connector.UpdateAsync(item.ServiceUrl, item.ConversationId, replaced, item.Activity, cancellationToken)
            : connector.SendAsync(item.ServiceUrl, item.ConversationId, item.Activity, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message to Teams conversation {ConversationId} could not be sent.")]
    private static partial void LogFailed(ILogger logger, string conversationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored work {Id} could not be queued after its announcement; the sweep will queue it.")]
    private static partial void LogWorkNotStarted(ILogger logger, Guid id, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message to Teams conversation {ConversationId} was dropped: the outbox is full.")]
    private static partial void LogDropped(ILogger logger, string conversationId);
}
