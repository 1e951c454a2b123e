using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>
/// A capability of platforms that know a person's own time zone (Slack: the profile's `tz`). Reminders fall on the
/// owner's days and respect the owner's quiet hours where it is known; elsewhere `Reminders:TimeZone` holds.
/// </summary>
public interface IPersonTimeZones : IPlatformService
{
    /// <summary>The person's time zone, or null when the platform does not say (or cannot be asked now).</summary>
    Task<TimeZoneInfo?> FindAsync(TenantScope scope, string userId, CancellationToken cancellationToken);
}
