using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// Incident managers in Slack: members of the user groups of <c>Permissions:IncidentManagers:Slack</c>, asked with
/// usergroups.users.list (bot token, <c>usergroups:read</c>). Members are remembered for <see cref="CacheLifetime"/>
/// per workspace and group, so a busy war room does not ask on every command; a call that fails or takes longer than
/// <see cref="RequestBudget"/> counts as "not a manager" and is not remembered.
/// </summary>
public sealed partial class SlackIncidentManagers(
    SlackIncidentManagers.Cache cache,
    SlackTokenProvider tokens,
    SlackApiClient client,
    PermissionOptions options,
    TimeProvider clock,
    ILogger<SlackIncidentManagers> logger) : IIncidentManagerDirectory
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Slack drops a command not answered in 3 seconds; a slow directory must not take the answer with it.</summary>
    public static readonly TimeSpan RequestBudget = TimeSpan.FromMilliseconds(1500);

    public Platform Platform => Platform.Slack;

    public async Task<bool> IsIncidentManagerAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (options.IncidentManagers.Slack.Length == 0 || context.Scope.KeyFor(Platform.Slack) is not { } team)
        {
            return false;
        }

        foreach (var group in options.IncidentManagers.Slack)
        {
            if ((await MembersAsync(team, group, cancellationToken)).Contains(context.User.Id))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<IReadOnlySet<string>> MembersAsync(string team, string group, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cache.Groups.TryGetValue((team, group), out var known) && now < known.Until)
        {
            return known.Members;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(RequestBudget);
        try
        {
            var token = await tokens.GetTokenAsync(team, budget.Token);
            var answer = await client.CallFormAsync("usergroups.users.list", new Dictionary<string, string> { ["usergroup"] = group }, token, budget.Token);
            var members = (answer["users"] as JsonArray ?? [])
                .Select(u => u?.GetValueKind() == System.Text.Json.JsonValueKind.String ? u.GetValue<string>() : null)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            cache.Groups[(team, group)] = (members, now + CacheLifetime);
            return members;
        }
        catch (Exception ex) when (ex is SlackApiException or SlackNotInstalledException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogLookupFailed(logger, group, ex.Message);
            return new HashSet<string>();
        }
    }

    /// <summary>The members of each group, as Slack last listed them (one per host, shared by every request's scope).</summary>
    public sealed class Cache
    {
        internal ConcurrentDictionary<(string Team, string Group), (IReadOnlySet<string> Members, DateTimeOffset Until)> Groups { get; } = new();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the members of Slack user group {Group}; nobody counts as an incident manager through it: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string group, string reason);
}
