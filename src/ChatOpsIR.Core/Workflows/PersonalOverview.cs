using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Workflows;

/// <summary>What one person has on their plate: open incidents (theirs first) and the action items they own.</summary>
public sealed class PersonalOverview(IIncidentStore store, IncidentPermissions permissions, TimeProvider clock)
{
    public const int MaxIncidents = 20;

    /// <summary>
    /// The overview in <paramref name="zone"/>, stated once at the top: by <paramref name="zoneNote"/> when the caller
    /// can say where the zone comes from ("Times are in your Slack time zone, …"), else as "Times in UTC+01:00.".
    /// </summary>
    public async Task<Card> BuildAsync(TenantScope scope, ChatUser user, TimeZoneInfo zone, CancellationToken cancellationToken, string? zoneNote = null)
    {
        // A private incident is listed to those who may see it anywhere else: its people and the scope's incident managers.
        // The overview is of the person's own scope, so the platform of their directory is the scope's.
        var viewer = new CommandContext(scope, scope.Platform, string.Empty, user);
        var incidents = new List<Incident>();
        foreach (var incident in await store.GetOpenIncidentsAsync(scope, MaxIncidents, cancellationToken))
        {
            if (await permissions.CanSeeAsync(viewer, incident, cancellationToken))
            {
                incidents.Add(incident);
            }
        }

        var items = await store.GetOpenActionItemsOwnedByAsync(scope, user.Id, cancellationToken);
        var today = TimeFormat.LocalDay(clock.GetUtcNow().UtcDateTime, zone);
        var times = new ViewTimes(zone);

        var mine = incidents.Where(i => i.Roles.Any(r => r.UserId == user.Id)).ToList();
        var others = incidents.Except(mine).ToList();
        var body = new List<CardElement>
        {
            new TextElement("Your incidents", TextStyle.Heading),
            new ListElement(mine.Select(i => Line(i, user, times)).ToList(), "You hold no role in an open incident."),
            new TextElement("Your action items", TextStyle.Heading),
            new ListElement(
                items.Select(a => new ListItem(
                    $"{a.Title} — due {TimeFormat.Day(a.DueDate)}{(a.DueDate < today ? " (overdue)" : a.DueDate == today ? " (today)" : string.Empty)}",
                    a.Reference)).ToList(),
                "Nothing assigned to you."),
        };
        if (others.Count > 0)
        {
            body.Add(new TextElement("Other open incidents", TextStyle.Heading));
            body.Add(new ListElement(others.Select(i => Line(i, user, times)).ToList()));
        }

        if (zoneNote is not null)
        {
            body.Insert(0, new TextElement(zoneNote, TextStyle.Subtle));
        }
        else if (times.Note() is { } note)
        {
            body.Insert(0, note);
        }

        body.Add(new TextElement("Close an item with `action done <id>` in its incident channel; `help` lists every command.", TextStyle.Subtle));
        var overdue = items.Count(a => a.DueDate < today);
        return new Card("ChatOpsIR", body)
        {
            Subtitle = $"{mine.Count} of your incidents open · {Plural.Of(items.Count, "action item")}{(overdue > 0 ? $", {overdue} overdue" : string.Empty)}",
            Tone = overdue > 0 ? CardTone.Warning : CardTone.Default,
        };
    }

    private static ListItem Line(Incident incident, ChatUser user, ViewTimes times)
    {
        var role = incident.Roles.FirstOrDefault(r => r.UserId == user.Id)?.Role.Name();
        var detail = $"{DomainNames.SeverityLabel(incident.Severity)} · declared {times.Moment(incident.DeclaredAt)}{(role is null ? string.Empty : $" · you are {role}")}";
        var title = incident.IsExercise ? $"{incident.Title} (exercise)" : incident.Title;
        return new ListItem(title, incident.Reference, detail);
    }
}
