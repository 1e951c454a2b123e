using ChatOpsIR.AdaptiveCards;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Teams.Protocol;

namespace ChatOpsIR.Teams.Cards;

/// <summary>Core's card as the Bot Connector carries it: an attachment of <see cref="AdaptiveCardRenderer.ContentType"/>.</summary>
public static class AdaptiveCardAttachment
{
    /// <summary>The card as a Connector attachment, rendered for Teams within <see cref="AdaptiveCardRenderer.MaxCardBytes"/>.</summary>
    public static Attachment From(Card card) => new(AdaptiveCardRenderer.ContentType, AdaptiveCardRenderer.RenderWithinLimit(card));
}
