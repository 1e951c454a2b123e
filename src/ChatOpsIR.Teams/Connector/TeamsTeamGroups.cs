using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams.Connector;

/// <summary>
/// A team's Microsoft 365 group id (Graph's team id) when an activity did not carry <c>channelData.team.aadGroupId</c>:
/// the Bot Connector's team details (<c>GET v3/teams/{teamId}</c>) at the conversation's serviceUrl.
/// </summary>
public sealed partial class TeamsTeamGroups(BotConnectorClient connector, ILogger<TeamsTeamGroups> logger)
{
    /// <summary>The group id, or null and a sentence saying why there is none (for the person who asked).</summary>
    public async Task<(string? GroupId, string? Problem)> FindAsync(string serviceUrl, string teamId, CancellationToken cancellationToken)
    {
        string? status;
        try
        {
            var details = await connector.GetTeamDetailsAsync(serviceUrl, teamId, cancellationToken);
            if (details?.AadGroupId is { Length: > 0 } group && Guid.TryParse(group, out _))
            {
                return (group, null);
            }

            status = "its answer had no group id";
        }
        catch (BotConnectorException ex)
        {
            status = ex.StatusCode is { } code ? $"it answered {code.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "it did not answer";
        }

        LogNoGroup(logger, status);
        return (null, $"Teams did not send the Microsoft 365 group id of this channel's team, and the Bot Connector could not tell me either ({status})");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Microsoft 365 group id for a team: the activity had none and the Connector's team details gave none ({Reason}).")]
    private static partial void LogNoGroup(ILogger logger, string reason);
}
