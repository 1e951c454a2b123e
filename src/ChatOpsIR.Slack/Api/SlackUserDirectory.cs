using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// Display names and time zones of Slack users (users.info), cached per install (a workspace, or the enterprise of an
/// org-wide install) so the timeline shows "carol", not "U0003". A lookup that fails or runs out of time falls back to
/// the id: a name is never worth losing a timeline entry.
/// </summary>
public sealed partial class SlackUserDirectory(SlackUserDirectory.Cache cache, SlackTokenProvider tokens, SlackApiClient client, ILogger<SlackUserDirectory> logger)
{
    /// <summary>How long a request may wait for a user's name before it settles for the id (Slack wants its answer within 3 seconds).</summary>
    public static readonly TimeSpan RequestBudget = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// The person behind a user id. Cached names cost nothing; otherwise the install's token is fetched and
    /// users.info asked, within <paramref name="budget"/> when the caller must answer Slack quickly.
    /// </summary>
    public async Task<ChatUser> ResolveAsync(string team, string userId, TimeSpan? budget, CancellationToken cancellationToken)
    {
        if (Cached(team, userId) is { } known)
        {
            return known;
        }

        var person = await LookUpAsync(team, userId, budget, cancellationToken);
        return new ChatUser(userId, person?.Name ?? userId);
    }

    /// <summary>The name already known for a user, without asking Slack.</summary>
    public ChatUser? Cached(string team, string userId) =>
        cache.People.TryGetValue((team, userId), out var cached) ? new ChatUser(userId, cached.Name) : null;

    /// <summary>
    /// The time zone of the person's Slack profile (users.info `tz`, an IANA name), or null when Slack does not say or the
    /// zone is unknown to this machine. A name remembered from a command carries no zone, so that asks Slack once.
    /// </summary>
    public async Task<(ChatUser User, TimeZoneInfo? Zone, string? ZoneName)> ResolveWithTimeZoneAsync(string team, string userId, CancellationToken cancellationToken)
    {
        if (!cache.People.TryGetValue((team, userId), out var person) || !person.FromProfile)
        {
            person = await LookUpAsync(team, userId, null, cancellationToken) ?? person;
        }

        var user = new ChatUser(userId, person?.Name ?? userId);
        if (person?.TimeZone is not { Length: > 0 } name)
        {
            return (user, null, null);
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? (user, zone, name) : (user, null, name);
    }

    /// <summary>Remembers a name Slack already gave (a slash command's user_name, a mention's name).</summary>
    public void Remember(string team, string userId, string name)
    {
        if (!string.IsNullOrWhiteSpace(name) && name != userId)
        {
            cache.People.TryAdd((team, userId), new Person(name, null, FromProfile: false));
        }
    }

    private async Task<Person?> LookUpAsync(string team, string userId, TimeSpan? budget, CancellationToken cancellationToken)
    {
        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (budget is { } limit)
        {
            lookup.CancelAfter(limit);
        }

        try
        {
            var token = await tokens.GetTokenAsync(team, lookup.Token);
            var answer = await client.CallFormAsync("users.info", new Dictionary<string, string> { ["user"] = userId }, token, lookup.Token);
            var user = answer["user"];
            var name = First(user?["profile"]?["display_name"], user?["profile"]?["real_name"], user?["real_name"], user?["name"]) ?? userId;
            var person = new Person(name, First(user?["tz"]), FromProfile: true);
            cache.People[(team, userId)] = person;
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

    internal sealed record Person(string Name, string? TimeZone, bool FromProfile);

    /// <summary>The people looked up or named so far (one per host, shared by every request's scope).</summary>
    public sealed class Cache
    {
        internal ConcurrentDictionary<(string Team, string User), Person> People { get; } = new();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not look up a Slack user's name: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string reason);
}
