using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Exports;

/// <summary>
/// `export [INC-n]` and `export plan [year]`: signed, expiring links to the record as JSON and Markdown, answered to the
/// person who asked and nobody else. Whoever cannot see an incident gets the answer for one that does not exist.
/// </summary>
public sealed class ExportWorkflows(IncidentLookup lookup, IPlanReviewStore reviews, IEnumerable<IExportLinks> links, IEnumerable<IDirectMessenger> messengers, TimeProvider clock)
{
    private readonly PlatformServices<IDirectMessenger> _messengers = new(messengers);

    /// <summary>Where a reply is seen by the whole conversation and no 1:1 chat could be reached, the links are not given.</summary>
    public const string SharedConversation =
        "Export links open the whole record to whoever holds them, and my answers here are seen by everyone in this conversation, " +
        "so I send them in a 1:1 chat, and I could not reach you there. Open a chat with ChatOpsIR and ask again, naming the incident: `export INC-0003` (or `export plan`).";

    public const string NoPublicAddress =
        "Export links need the address people reach this server at, and none is configured: an administrator sets Reports:PublicBaseUrl " +
        "(e.g. https://chatopsir.example.com). Until then, exports can be downloaded from the web war room.";

    public async Task<BotReply> IncidentAsync(CommandContext context, ExportCommand command, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, command, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        return links.Select(l => l.ForIncident(incident, context.User)).FirstOrDefault(l => l is not null) is { } set
            ? await AnswerAsync(context, $"Export of {incident.Reference} ({incident.Title})", $"The export links of {incident.Reference}", set, "the incident record with its audit rows", cancellationToken)
            : BotReply.Error(NoPublicAddress);
    }

    public async Task<BotReply> PlanReviewAsync(CommandContext context, ExportPlanCommand command, CancellationToken cancellationToken)
    {
        // Anyone who may start a plan review (`plan review now` is open to the whole workspace) may take its sign-off away.
        var review = command.Year is { } year
            ? await reviews.FindLatestRecordedInAsync(context.Scope, year, cancellationToken)
            : await reviews.FindLatestRecordedAsync(context.Scope, cancellationToken);
        if (review is null)
        {
            return BotReply.Error(command.Year is { } asked
                ? $"No plan review was signed off in {asked}. `plan status` shows the last one; `export plan` exports it."
                : "No plan review has been signed off yet, so there is nothing to export. `plan review now` starts one.");
        }

        var day = TimeFormat.Day(TimeFormat.LocalDay(review.ReviewedAt!.Value, context.TimeZone));
        return links.Select(l => l.ForPlanReview(review, context.User)).FirstOrDefault(l => l is not null) is { } set
            ? await AnswerAsync(context, $"Plan review signed off by {review.ReviewedByName} on {day}", "The export links of the plan review", set, "the sign-off with the figures of its year", cancellationToken)
            : BotReply.Error(NoPublicAddress);
    }

    /// <summary>
    /// The links, to the person alone: as the answer where only they see it, else in a 1:1 chat (the conversation hears
    /// only where they went, by reference: <paramref name="sent"/> names no title).
    /// </summary>
    private async Task<BotReply> AnswerAsync(CommandContext context, string what, string sent, ExportLinkSet set, string holds, CancellationToken cancellationToken)
    {
        var answer = Answer(what, set, holds);
        if (!context.SharedReplies)
        {
            return answer;
        }

        if (_messengers.For(context.Platform) is not { } messenger)
        {
            return BotReply.Error(SharedConversation);
        }

        try
        {
            await messenger.SendAsync(new DirectMessage(context.Scope, context.Platform, context.User, answer.Text, answer.Card!) { ChannelId = context.ChannelId }, cancellationToken);
        }
        catch (DirectMessageUnavailableException)
        {
            return BotReply.Error(SharedConversation);
        }

        return BotReply.Private($"{sent} are in your 1:1 chat with ChatOpsIR: answers here are seen by everyone in this conversation.");
    }

    private BotReply Answer(string what, ExportLinkSet set, string holds)
    {
        var hours = Math.Max(1, (int)Math.Round((set.Expires - clock.GetUtcNow()).TotalHours));
        // As code, so no markup reading can touch the token (it may hold underscores).
        var text = $"{what}: {holds}. JSON: {InlineText.Code(set.Json)} — Markdown: {InlineText.Code(set.Markdown)} — the links are yours alone and work for {hours} hours.";
        var card = new Card(
            what,
            [
                new TextElement($"Two downloads of {holds}: JSON (check it offline with `scripts/verify-export.sh`) and the same as Markdown to read."),
                new TextElement($"These links are for you alone: anyone holding them can download the export until they expire in {hours} hours.", TextStyle.Subtle),
            ],
            [CardButton.Link("Download JSON", set.Json), CardButton.Link("Download Markdown", set.Markdown)]);
        return BotReply.Private(text, card);
    }
}
