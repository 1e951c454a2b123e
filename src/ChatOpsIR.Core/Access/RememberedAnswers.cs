using System.Collections.Concurrent;

namespace ChatOpsIR.Core.Access;

/// <summary>
/// What a platform's directory answered (who is in a group), remembered for <see cref="Lifetime"/> so a busy war room does
/// not ask on every command, and asked within a budget so a slow directory cannot cost the platform's answer deadline.
/// A failed or late answer is not remembered and gives the caller's fallback: nobody is granted anything on a guess.
/// One per host and kind of answer, shared by every request.
/// </summary>
public sealed class RememberedAnswers<TKey, TValue>(TimeProvider clock)
    where TKey : notnull
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Until)> _answers = new();

    /// <summary>
    /// The remembered answer for <paramref name="key"/>, else what <paramref name="ask"/> says within <paramref name="budget"/>;
    /// <paramref name="fallback"/> with the failure when the directory failed (<paramref name="isDirectoryFailure"/>) or was late.
    /// </summary>
    public async Task<(TValue Value, Exception? Failure)> GetAsync(
        TKey key,
        TimeSpan budget,
        Func<CancellationToken, Task<TValue>> ask,
        Func<Exception, bool> isDirectoryFailure,
        TValue fallback,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_answers.TryGetValue(key, out var known) && now < known.Until)
        {
            return (known.Value, null);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(budget);
        try
        {
            var value = await ask(limit.Token);
            _answers[key] = (value, now + Lifetime);
            return (value, null);
        }
        catch (Exception ex) when (isDirectoryFailure(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (fallback, ex);
        }
    }
}
