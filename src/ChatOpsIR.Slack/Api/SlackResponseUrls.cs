using System.Collections.Concurrent;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// Slack accepts at most <see cref="MaxUses"/> posts to one response_url, within <see cref="Lifetime"/> of the
/// invocation that carried it. This counts the uses of each URL so a reply that would be refused goes through the Web
/// API instead.
/// </summary>
/// <remarks>
/// The count lives in this process's memory. That is enough: a response_url arrives with one request, and every
/// follow-up of that request is sent by the host that received it. A host restart forgets the counts; a URL used again
/// after that is at worst refused by Slack, and <see cref="Spend"/> then moves its remaining messages to the Web API.
/// </remarks>
public sealed class SlackResponseUrls(TimeProvider clock)
{
    public const int MaxUses = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>How many URLs may be remembered before the expired ones are swept out.</summary>
    private const int SweepAbove = 1000;

    private readonly ConcurrentDictionary<string, Use> _urls = new(StringComparer.Ordinal);

    /// <summary>A request carried this URL: its 30 minutes start now (a URL seen before keeps its first time).</summary>
    public void Received(string? responseUrl)
    {
        if (string.IsNullOrEmpty(responseUrl))
        {
            return;
        }

        Sweep();
        _urls.TryAdd(responseUrl, new Use(clock.GetUtcNow()));
    }

    /// <summary>Takes one of the URL's uses; false when all five are taken or the URL is older than 30 minutes.</summary>
    public bool TryUse(string responseUrl)
    {
        var now = clock.GetUtcNow();
        var use = _urls.GetOrAdd(responseUrl, _ => new Use(now));
        lock (use)
        {
            if (now - use.ReceivedAt >= Lifetime || use.Count >= MaxUses)
            {
                return false;
            }

            use.Count++;
            return true;
        }
    }

    /// <summary>Slack refused the URL (expired or used up on its side): treat it as spent from now on.</summary>
    public void Spend(string responseUrl)
    {
        var use = _urls.GetOrAdd(responseUrl, _ => new Use(clock.GetUtcNow()));
        lock (use)
        {
            use.Count = MaxUses;
        }
    }

    private void Sweep()
    {
        if (_urls.Count <= SweepAbove)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var (url, use) in _urls)
        {
            if (now - use.ReceivedAt >= Lifetime)
            {
                _urls.TryRemove(url, out _);
            }
        }
    }

    private sealed class Use(DateTimeOffset receivedAt)
    {
        public DateTimeOffset ReceivedAt { get; } = receivedAt;
        public int Count { get; set; }
    }
}
