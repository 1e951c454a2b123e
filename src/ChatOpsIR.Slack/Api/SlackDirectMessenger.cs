using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Slack.BlockKit;
using ChatOpsIR.Slack.Ingress;

namespace ChatOpsIR.Slack.Api;

/// <summary>Slack direct messages: conversations.open with the person, then chat.postMessage of the card as Block Kit.</summary>
public sealed class SlackDirectMessenger(SlackApiClient api, SlackTokenProvider tokens) : IDirectMessenger
{
    public Platform Platform => Platform.Slack;

    public async Task SendAsync(DirectMessage message, CancellationToken cancellationToken)
    {
        var token = await SlackCardPoster.TokenAsync(tokens, message.Scope, cancellationToken);
        var opened = await api.CallAsync("conversations.open", new JsonObject { ["users"] = message.Recipient.Id }, token, cancellationToken);
        if (opened["channel"]?["id"]?.GetValue<string>() is not { Length: > 0 } channel)
        {
            throw new SlackApiException("conversations.open", "no_channel");
        }

        await SlackCardPoster.PostAsync(api, channel, message.Card, token, cancellationToken);
    }
}

/// <summary>Slack channel posts: chat.postMessage of the card as Block Kit (the bot must be in the channel).</summary>
public sealed class SlackChannelMessenger(SlackApiClient api, SlackTokenProvider tokens) : IChannelMessenger
{
    public Platform Platform => Platform.Slack;

    public async Task PostAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        var token = await SlackCardPoster.TokenAsync(tokens, message.Scope, cancellationToken);
        await SlackCardPoster.PostAsync(api, message.ChannelId, message.Card, token, cancellationToken);
    }
}

/// <summary>What both messengers share: the install's token for a scope, and a card posted as its Block Kit messages.</summary>
internal static class SlackCardPoster
{
    public static async Task<string> TokenAsync(SlackTokenProvider tokens, TenantScope scope, CancellationToken cancellationToken)
    {
        var team = scope.KeyFor(Platform.Slack) ?? throw new DirectMessageUnavailableException("The scope is not a Slack workspace.");
        try
        {
            return await tokens.GetTokenAsync(team, cancellationToken);
        }
        catch (SlackNotInstalledException ex)
        {
            throw new DirectMessageUnavailableException(ex.Message);
        }
    }

    public static async Task PostAsync(SlackApiClient api, string channel, Card card, string token, CancellationToken cancellationToken)
    {
        foreach (var payload in BlockKitRenderer.RenderMessages(card))
        {
            await api.PostMessageAsync(channel, payload, token, cancellationToken);
        }
    }
}
