using System.Collections.Concurrent;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Web;

/// <summary>
/// People's time zones in the web war room: the page sends the browser's zone with every command, and the last one seen
/// is the person's. Kept in this process's memory (like Slack's profile cache); until someone has used the war room since
/// the host started, their reminders follow `Reminders:TimeZone`.
/// </summary>
public sealed class WebPersonTimeZones : IPersonTimeZones
{
    /// <summary>More people than a war room has; beyond it, zones already known are still updated but no new ones kept.</summary>
    private const int MaxPeople = 10_000;

    private readonly ConcurrentDictionary<string, TimeZoneInfo> _zones = new(StringComparer.Ordinal);

    public Platform Platform => Platform.Web;

    public void Remember(string userId, TimeZoneInfo zone)
    {
        if (_zones.Count < MaxPeople || _zones.ContainsKey(userId))
        {
            _zones[userId] = zone;
        }
    }

    public Task<TimeZoneInfo?> FindAsync(TenantScope scope, string userId, CancellationToken cancellationToken) =>
        Task.FromResult(scope == TenantScope.Web && _zones.TryGetValue(userId, out var zone) ? zone : null);
}
