using System.Text.Json.Nodes;
using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// Incident managers in Slack: members of the user groups of <c>Permissions:IncidentManagers:Slack</c>, asked with
/// usergroups.users.list (bot token, <c>usergroups:read</c>) per workspace and group, and remembered a short while.
/// A call that fails or takes longer than <see cref="RequestBudget"/> counts as "not a manager".
/// </summary>
public sealed partial class SlackIncidentManagers(
    RememberedAnswers<(string Team, string Group), IReadOnlySet<string>> members,
    SlackTokenProvider tokens,
    SlackApiClient client,
    PermissionOptions options,
    ILogger<SlackIncidentManagers> logger) : IIncidentManagerDirectory
{
    /// <summary>Slack drops a command not answered in 3 seconds; a slow directory must not take the answer with it.</summary>
    public static readonly TimeSpan RequestBudget = TimeSpan.FromMilliseconds(1500);

    private static readonly IReadOnlySet<string> Nobody = new HashSet<string>();

    public Platform Platform => Platform.Slack;

    public async Task<bool> IsIncidentManagerAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Scope.KeyFor(Platform.Slack) is not { } team)
        {
            return false;
        }

        foreach (var group in options.IncidentManagers.Slack)
        {
            var (listed, failure) = await members.GetAsync((team, group), RequestBudget, ct => ListAsync(team, group, ct), IsSlackFailure, Nobody, cancellationToken);
            if (failure is not null)
            {
                LogLookupFailed(logger, group, failure.Message);
            }

            if (listed.Contains(context.User.Id))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<IReadOnlySet<string>> ListAsync(string team, string group, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(team, cancellationToken);
        var answer = await client.CallFormAsync("usergroups.users.list", new Dictionary<string, string> { ["usergroup"] = group }, token, cancellationToken);
        return (answer["users"] as JsonArray ?? [])
            .Select(u => u?.GetValueKind() == System.Text.Json.JsonValueKind.String ? u.GetValue<string>() : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsSlackFailure(Exception ex) => ex is SlackApiException or SlackNotInstalledException or HttpRequestException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the members of Slack user group {Group}; nobody counts as an incident manager through it: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string group, string reason);
}
