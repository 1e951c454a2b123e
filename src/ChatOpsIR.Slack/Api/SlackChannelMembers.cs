using System.Text.Json.Nodes;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Slack.Api;

/// <summary>`invite @person` on Slack: conversations.invite into the incident's channel (a private one only lets members in).</summary>
public sealed class SlackChannelMembers(SlackApiClient client, SlackTokenProvider tokens) : IChannelMembers
{
    public Platform Platform => Platform.Slack;

    public async Task AddAsync(CommandContext context, Incident incident, ChatUser person, CancellationToken cancellationToken)
    {
        var team = incident.Scope.KeyFor(Platform.Slack) ?? throw new ChannelMembersException("the incident is not a Slack incident.");
        try
        {
            var token = await tokens.GetTokenAsync(team, cancellationToken);
            await client.CallAsync("conversations.invite", new JsonObject { ["channel"] = incident.ChannelId, ["users"] = person.Id }, token, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error is "already_in_channel")
        {
        }
        catch (SlackNotInstalledException)
        {
            throw new ChannelMembersException("ChatOpsIR is not installed in this workspace any more; reinstall it.");
        }
        catch (SlackApiException ex)
        {
            throw new ChannelMembersException(ex.Error switch
            {
                "not_in_channel" => "I am not in that channel myself; add me with `/invite @chatopsir`, then invite them again.",
                "user_not_found" or "user_is_restricted" => "Slack does not know that person here, or their account cannot join channels.",
                "missing_scope" => "the app lacks the permission to add people to channels; reinstall ChatOpsIR to grant it.",
                _ => $"Slack said {ex.Error}.",
            });
        }
    }
}
