using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Web.SignIn;

namespace ChatOpsIR.Web;

/// <summary>
/// Private incidents in the web war room: a channel whose latest incident is private is listed, read and shown in the
/// side panel to that incident's people only (and the incident managers of its scope). Core decides who they are.
/// </summary>
public sealed class WebChannelAccess(IIncidentStore store, IncidentPermissions permissions)
{
    /// <summary>The answer for a channel someone may not see: the same as for one that does not exist.</summary>
    public const string Hidden = "There is no such channel here.";

    /// <summary>Whether <paramref name="who"/> (null: someone not yet named) may see <paramref name="channel"/>.</summary>
    public async Task<bool> MaySeeAsync(WebPerson? who, TenantScope scope, string channel, CancellationToken cancellationToken)
    {
        return await store.FindLatestIncidentAsync(scope, channel, cancellationToken) is not { } incident
            || await MaySeeAsync(who, incident, cancellationToken);
    }

    /// <summary>Those of <paramref name="channels"/> that <paramref name="who"/> may see, with one read of their incidents for all.</summary>
    public async Task<IReadOnlySet<string>> VisibleAsync(WebPerson? who, TenantScope scope, IReadOnlyCollection<string> channels, CancellationToken cancellationToken)
    {
        var latest = await store.FindLatestIncidentsAsync(scope, channels, cancellationToken);
        var visible = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in channels)
        {
            if (!latest.TryGetValue(channel, out var incident) || await MaySeeAsync(who, incident, cancellationToken))
            {
                visible.Add(channel);
            }
        }

        return visible;
    }

    /// <summary>Whether <paramref name="who"/> (null: someone not named, or not signed in) may see <paramref name="incident"/>.</summary>
    public async Task<bool> MaySeeAsync(WebPerson? who, Incident incident, CancellationToken cancellationToken)
    {
        if (!incident.IsPrivate)
        {
            return true;
        }

        if (who is null || who.Scope != incident.Scope)
        {
            return false;
        }

        var context = new CommandContext(who.Scope, Platform.Web, incident.ChannelId, who.User)
        {
            UserDirectoryId = who.DirectoryId,
            DirectoryGroups = who.Groups,
        };
        return await permissions.CanSeeAsync(context, incident, cancellationToken);
    }
}
