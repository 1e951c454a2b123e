using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Core.FollowUps;

/// <summary>The button verbs of access reminders.</summary>
public static class AccessGrantVerbs
{
    /// <summary>The family of every access button: <see cref="AccessGrantActions"/> serves it.</summary>
    public const string Family = "access.";
    public const string Revoked = "access.revoked";

    public const string IncidentKey = "incident";
    public const string GrantKey = "grant";
}

/// <summary>
/// The daily reminder to take back access granted during an incident: for every incident no longer open with a grant
/// still open, and every open incident with a grant past its `until`, its commander (or, without one, its declarer)
/// gets one direct message a day listing those grants, each with a Revoked button. Claimed in the database before it
/// is sent (<see cref="FollowUpClaims"/>), once per incident and day, so a retried job or a second host sends nothing
/// twice; once every grant is revoked there is nothing left to remind of.
/// </summary>
public sealed partial class AccessGrantReminders(
    IFollowUpStore store,
    IEnumerable<IDirectMessenger> messengers,
    TimeProvider clock,
    ILogger<AccessGrantReminders> logger)
{
    private readonly FollowUpClaims _claims = new(store, clock);
    private readonly PlatformServices<IDirectMessenger> _messengers = new(messengers);

    /// <summary>The incidents with access to take back now, in every scope.</summary>
    public Task<IReadOnlyList<Guid>> FindDueAsync(CancellationToken cancellationToken) =>
        store.FindIncidentsWithAccessToRevokeAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>Sends the incident's reminder of today, unless it went out already or nothing is left to revoke.</summary>
    public async Task RemindAsync(Guid incidentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await store.FindIncidentAsync(incidentId, cancellationToken) is not { } incident)
        {
            return;
        }

        var grants = (await store.GetOpenAccessGrantsAsync(incident.Id, cancellationToken))
            .Where(g => !incident.IsOpen || g.IsOverdue(now))
            .ToList();
        if (grants.Count == 0)
        {
            return;
        }

        var recipient = incident.Holder(IncidentRoleKind.Commander) ?? new ChatUser(incident.DeclaredById, incident.DeclaredByName);
        if (_messengers.For(incident.Platform) is not { } messenger)
        {
            LogNoMessenger(logger, incident.Reference, incident.Platform);
            return;
        }

        var (text, card) = Reminder(incident, grants, now);
        var occurrence = "access:" + DateOnly.FromDateTime(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var message = new DirectMessage(incident.Scope, incident.Platform, recipient, text, card) { ChannelId = incident.ChannelId };
        var result = await _claims.DeliverAsync(incident.Scope, incident.Id, occurrence, recipient.Id, ct => messenger.SendAsync(message, ct), cancellationToken);
        switch (result.Outcome)
        {
            case FollowUpOutcome.Sent:
                LogSent(logger, incident.Reference, grants.Count);
                break;
            case FollowUpOutcome.Unreachable:
                LogUnreachable(logger, incident.Reference, result.Reason ?? string.Empty);
                break;
        }
    }

    /// <summary>The reminder's text and card: the grants to take back, each with its Revoked button.</summary>
    public static (string Text, Card Card) Reminder(Incident incident, IReadOnlyList<AccessGrant> grants, DateTime now)
    {
        var standing = incident.Status switch
        {
            IncidentStatus.Resolved => "is resolved",
            IncidentStatus.Closed => "is closed",
            _ => "is still open, and these grants are past the time they were meant to end",
        };
        var count = Plural.Of(grants.Count, "grant");
        var headline = $"{incident.Reference} ({incident.Title}) {standing}; {count} of access {(grants.Count == 1 ? "is" : "are")} still open. Take the access back, then press Revoked (or type `access revoked G1` in its channel).";
        var items = grants.Select(g => new ListItem(AccessGrantText.Open(g, now, incident.TimeZone), g.Reference, $"granted by {g.GrantedByName}")).ToList();
        var buttons = grants.Select(g => new CardButton($"Revoked {g.Reference}", AccessGrantVerbs.Revoked, Data(incident, g))
        {
            Style = ButtonStyle.Primary,
            SubmitsInputs = false,
        }).ToList();
        var card = new Card($"Access to take back · {incident.Reference}", [new TextElement(headline), new ListElement(items)], buttons)
        {
            Subtitle = $"{count} still open",
            Tone = CardTone.Warning,
            Badge = incident.IsExercise ? "EXERCISE" : null,
        };
        return ($"Reminder: {headline}", card);
    }

    public static IReadOnlyDictionary<string, string> Data(Incident incident, AccessGrant grant) => new Dictionary<string, string>
    {
        [AccessGrantVerbs.IncidentKey] = incident.Number.ToString(CultureInfo.InvariantCulture),
        [AccessGrantVerbs.GrantKey] = grant.Number.ToString(CultureInfo.InvariantCulture),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the access reminder of {Incident} ({Count} open grants).")]
    private static partial void LogSent(ILogger logger, string incident, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The access reminder of {Incident} cannot be delivered: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string incident, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No direct messages on {Platform} in this host; the access reminder of {Incident} waits.")]
    private static partial void LogNoMessenger(ILogger logger, string incident, Platform platform);
}

/// <summary>
/// The Revoked button of an access reminder: records the revocation as `access revoked` would, for anyone who can see
/// the incident (of a private incident someone is not in, they learn nothing, as with a reference typed).
/// </summary>
public sealed class AccessGrantActions(IIncidentStore store, IncidentLookup lookup, AccessGrantWorkflows access) : ICardActionHandler
{
    public string Family => AccessGrantVerbs.Family;

    public Task<Card?> FormForAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken) =>
        Task.FromResult<Card?>(null);

    public async Task<BotReply> HandleAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (verb != AccessGrantVerbs.Revoked)
        {
            return BotReply.Error("That access button is not recognised. It may be from an older version of the card; type `access revoked G1` in the incident's channel instead.");
        }

        if (!TryNumber(data, AccessGrantVerbs.IncidentKey, out var incidentNumber) || !TryNumber(data, AccessGrantVerbs.GrantKey, out var grantNumber))
        {
            return BotReply.Error("That button does not say which grant it is about.");
        }

        var (incident, refusal) = await lookup.FindAsync(context, incidentNumber, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (await store.FindAccessGrantAsync(context.Scope, incident.Id, grantNumber, cancellationToken) is not { } grant)
        {
            return BotReply.Error($"There is no G{grantNumber} in {incident.Reference}.");
        }

        return access.Revoke(context, incident, grant, null, toChannel: false);
    }

    private static bool TryNumber(IReadOnlyDictionary<string, string> data, string key, out int number)
    {
        number = 0;
        return data.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
