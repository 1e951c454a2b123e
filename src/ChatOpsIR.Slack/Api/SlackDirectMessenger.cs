using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Slack.BlockKit;

namespace ChatOpsIR.Slack.Api;

/// <summary>Slack direct messages: conversations.open with the person, then chat.postMessage of the card as Block Kit.</summary>
public sealed class SlackDirectMessenger(SlackApiClient api, SlackTokenProvider tokens) : IDirectMessenger
{
    private const string ScopePrefix = "slack:";

    public Platform Platform => Platform.Slack;

    public async Task SendAsync(DirectMessage message, CancellationToken cancellationToken)
    {
        if (!message.Scope.StartsWith(ScopePrefix, StringComparison.Ordinal))
        {
            throw new DirectMessageUnavailableException("The scope is not a Slack workspace.");
        }

        var team = message.Scope[ScopePrefix.Length..];
        string token;
        try
        {
            token = await tokens.GetTokenAsync(team, cancellationToken);
        }
        catch (SlackNotInstalledException ex)
        {
            throw new DirectMessageUnavailableException(ex.Message);
        }

        var opened = await api.CallAsync("conversations.open", new JsonObject { ["users"] = message.Recipient.Id }, token, cancellationToken);
        if (opened["channel"]?["id"]?.GetValue<string>() is not { Length: > 0 } channel)
        {
            throw new SlackApiException("conversations.open", "no_channel");
        }

        foreach (var payload in BlockKitRenderer.RenderMessages(message.Card))
        {
            await api.PostMessageAsync(channel, payload, token, cancellationToken);
        }
    }
}

/// <summary>Slack channel posts: chat.postMessage of the card as Block Kit (the bot must be in the channel).</summary>
public sealed class SlackChannelMessenger(SlackApiClient api, SlackTokenProvider tokens) : IChannelMessenger
{
    public Platform Platform => Platform.Slack;

    public async Task PostAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        if (!message.Scope.StartsWith("slack:", StringComparison.Ordinal))
        {
            throw new DirectMessageUnavailableException("The scope is not a Slack workspace.");
        }

        string token;
        try
        {
            token = await tokens.GetTokenAsync(message.Scope["slack:".Length..], cancellationToken);
        }
        catch (SlackNotInstalledException ex)
        {
            throw new DirectMessageUnavailableException(ex.Message);
        }

        foreach (var payload in BlockKitRenderer.RenderMessages(message.Card))
        {
            await api.PostMessageAsync(message.ChannelId, payload, token, cancellationToken);
        }
    }
}
