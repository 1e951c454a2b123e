using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Teams.Protocol;

namespace ChatOpsIR.Teams.Cards;

/// <summary>Core's answers and cards as Connector messages.</summary>
public static class TeamsMessages
{
    /// <summary>A reply: its text, with its card when it has one.</summary>
    public static OutgoingActivity From(BotReply reply) => new(reply.Text, reply.Card is { } card ? [AdaptiveCardAttachment.From(card)] : null);

    /// <summary>A card, with <paramref name="text"/> beside it for notifications and clients that show no cards.</summary>
    public static OutgoingActivity WithCard(string text, Card card) => new(text, [AdaptiveCardAttachment.From(card)]);
}
