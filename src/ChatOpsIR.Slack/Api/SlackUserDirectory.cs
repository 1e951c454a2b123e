using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// Display names of Slack users (users.info), cached per workspace so the timeline shows "carol", not "U0003".
/// A lookup that fails or runs out of time falls back to the id: a name is never worth losing a timeline entry.
/// </summary>
public sealed partial class SlackUserDirectory(ILogger<SlackUserDirectory> logger)
{
    private readonly ConcurrentDictionary<(string Team, string User), string> _names = new();

    /// <summary>
    /// The person behind a user id. Cached names cost nothing; otherwise the workspace's token is fetched and
    /// users.info asked, within <paramref name="budget"/> when the caller must answer Slack quickly.
    /// </summary>
    public async Task<ChatUser> ResolveAsync(IServiceProvider services, string team, string userId, TimeSpan? budget, CancellationToken cancellationToken)
    {
        if (_names.TryGetValue((team, userId), out var cached))
        {
            return new ChatUser(userId, cached);
        }

        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (budget is { } limit)
        {
            lookup.CancelAfter(limit);
        }

        try
        {
            var token = await services.GetRequiredService<SlackTokenProvider>().GetTokenAsync(team, lookup.Token);
            var answer = await services.GetRequiredService<SlackApiClient>().CallAsync("users.info", new JsonObject { ["user"] = userId }, token, lookup.Token);
            var user = answer["user"];
            var name = First(user?["profile"]?["display_name"], user?["profile"]?["real_name"], user?["real_name"], user?["name"]) ?? userId;
            _names[(team, userId)] = name;
            return new ChatUser(userId, name);
        }
        catch (Exception ex) when (ex is SlackApiException or SlackNotInstalledException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogLookupFailed(logger, ex.Message);
            return new ChatUser(userId, userId);
        }
    }

    /// <summary>Remembers a name Slack already gave (a slash command's user_name, an escaped mention).</summary>
    public void Remember(string team, string userId, string name)
    {
        if (!string.IsNullOrWhiteSpace(name) && name != userId)
        {
            _names.TryAdd((team, userId), name);
        }
    }

    private static string? First(params JsonNode?[] values) =>
        values.Select(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not look up a Slack user's name: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string reason);
}
