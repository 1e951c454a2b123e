using System.Collections.Concurrent;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Slack.Ingress;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// People's time zones from their Slack profiles (users.info `tz`, cached by <see cref="SlackUserDirectory"/>). A
/// lookup that failed is not asked again for <see cref="RetryAfter"/>, so the minute sweep does not call users.info
/// for every reminder while Slack refuses it.
/// </summary>
public sealed class SlackPersonTimeZones(SlackUserDirectory users, SlackPersonTimeZones.Misses misses, TimeProvider clock) : IPersonTimeZones
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromHours(1);

    public Platform Platform => Platform.Slack;

    public async Task<TimeZoneInfo?> FindAsync(TenantScope scope, string userId, CancellationToken cancellationToken)
    {
        if (scope.KeyFor(Platform.Slack) is not { } team)
        {
            return null;
        }

        var key = (team, userId);
        if (misses.Since.TryGetValue(key, out var since) && clock.GetUtcNow() - since < RetryAfter)
        {
            return null;
        }

        var (_, zone, _) = await users.ResolveWithTimeZoneAsync(team, userId, cancellationToken);
        if (zone is null)
        {
            misses.Since[key] = clock.GetUtcNow();
        }
        else
        {
            misses.Since.TryRemove(key, out _);
        }

        return zone;
    }

    /// <summary>When each failed lookup was made (one per host, shared by every request's scope).</summary>
    public sealed class Misses
    {
        internal ConcurrentDictionary<(string Team, string User), DateTimeOffset> Since { get; } = new();
    }
}
