using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// Display names and time zones of Slack users (users.info), cached per install (a workspace, or the enterprise of an
/// org-wide install) so the timeline shows "carol", not "U0003". A lookup that fails or runs out of time falls back to
/// the id: a name is never worth losing a timeline entry.
/// </summary>
public sealed partial class SlackUserDirectory(ILogger<SlackUserDirectory> logger)
{
    private readonly ConcurrentDictionary<(string Team, string User), Person> _people = new();

    /// <summary>
    /// The person behind a user id. Cached names cost nothing; otherwise the install's token is fetched and
    /// users.info asked, within <paramref name="budget"/> when the caller must answer Slack quickly.
    /// </summary>
    public async Task<ChatUser> ResolveAsync(IServiceProvider services, string team, string userId, TimeSpan? budget, CancellationToken cancellationToken)
    {
        if (Cached(team, userId) is { } known)
        {
            return known;
        }

        var person = await LookUpAsync(services, team, userId, budget, cancellationToken);
        return new ChatUser(userId, person?.Name ?? userId);
    }

    /// <summary>The name already known for a user, without asking Slack.</summary>
    public ChatUser? Cached(string team, string userId) =>
        _people.TryGetValue((team, userId), out var cached) ? new ChatUser(userId, cached.Name) : null;

    /// <summary>
    /// The time zone of the person's Slack profile (users.info `tz`, an IANA name), or null when Slack does not say or the
    /// zone is unknown to this machine. A name remembered from a command carries no zone, so that asks Slack once.
    /// </summary>
    public async Task<(ChatUser User, TimeZoneInfo? Zone, string? ZoneName)> ResolveWithTimeZoneAsync(IServiceProvider services, string team, string userId, CancellationToken cancellationToken)
    {
        if (!_people.TryGetValue((team, userId), out var person) || !person.FromProfile)
        {
            person = await LookUpAsync(services, team, userId, null, cancellationToken) ?? person;
        }

        var user = new ChatUser(userId, person?.Name ?? userId);
        if (person?.TimeZone is not { Length: > 0 } name)
        {
            return (user, null, null);
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? (user, zone, name) : (user, null, name);
    }

    /// <summary>Remembers a name Slack already gave (a slash command's user_name, an escaped mention).</summary>
    public void Remember(string team, string userId, string name)
    {
        if (!string.IsNullOrWhiteSpace(name) && name != userId)
        {
            _people.TryAdd((team, userId), new Person(name, null, FromProfile: false));
        }
    }

    private async Task<Person?> LookUpAsync(IServiceProvider services, string team, string userId, TimeSpan? budget, CancellationToken cancellationToken)
    {
        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (budget is { } limit)
        {
            lookup.CancelAfter(limit);
        }

        try
        {
            var token = await services.GetRequiredService<SlackTokenProvider>().GetTokenAsync(team, lookup.Token);
            var answer = await services.GetRequiredService<SlackApiClient>().CallFormAsync("users.info", new Dictionary<string, string> { ["user"] = userId }, token, lookup.Token);
            var user = answer["user"];
            var name = First(user?["profile"]?["display_name"], user?["profile"]?["real_name"], user?["real_name"], user?["name"]) ?? userId;
            var person = new Person(name, First(user?["tz"]), FromProfile: true);
            _people[(team, userId)] = person;
            return person;
        }
        catch (Exception ex) when (ex is SlackApiException or SlackNotInstalledException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogLookupFailed(logger, ex.Message);
            return null;
        }
    }

    private static string? First(params JsonNode?[] values) =>
        values.Select(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private sealed record Person(string Name, string? TimeZone, bool FromProfile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not look up a Slack user's name: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string reason);
}
