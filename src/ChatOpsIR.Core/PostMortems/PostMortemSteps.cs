using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>
/// Moves the flow between sections and answers with the card of the section it lands on, built from what that section
/// needs to show (the timeline review, the action items so far, the quality check).
/// </summary>
public sealed class PostMortemSteps(IIncidentStore store, PostMortemDocuments documents, NotificationClocks clocks, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Moves on to the first section after <paramref name="section"/> that is still open, and posts its card.</summary>
    public async Task<BotReply> MoveOnAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, string notice, CancellationToken cancellationToken)
    {
        // Next is the first section after this one that is still open; if all are done, the one after, for review.
        var next = postMortem.Sections.OrderBy(s => s.Section).FirstOrDefault(s => s.Section > section && !s.IsDone)?.Section
            ?? section.Next()
            ?? PostMortemSection.Summary;
        postMortem.MoveTo(next, Now);
        var view = await ViewAsync(context, incident, postMortem, next, cancellationToken) with { Notice = notice };
        return BotReply.ToChannel($"{notice} Next: {next.Title()}.", PostMortemCards.Step(view, next));
    }

    /// <summary>Keeps the flow at <paramref name="section"/> and posts its card again, with <paramref name="notice"/> first.</summary>
    public async Task<BotReply> StayAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, string notice, CancellationToken cancellationToken, ActionItem? extra = null)
    {
        postMortem.MoveTo(section, Now);
        var view = await ViewAsync(context, incident, postMortem, section, cancellationToken, extra) with { Notice = notice };
        return BotReply.ToChannel(notice, PostMortemCards.Step(view, section));
    }

    /// <summary>What the card of <paramref name="section"/> shows besides the post-mortem; <paramref name="staged"/> is an action item not saved yet.</summary>
    public async Task<StepView> ViewAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, CancellationToken cancellationToken, ActionItem? staged = null)
    {
        var view = new StepView(incident, postMortem, incident.TimeZone, Now) { Clocks = clocks.For(incident, postMortem) };
        switch (section)
        {
            case PostMortemSection.Timeline:
                return view with { Review = TimelineReview.Of(incident, await store.GetTimelineAsync(context.Scope, incident.Id, cancellationToken)) };
            case PostMortemSection.ActionItems:
                var items = (await store.GetActionItemsAsync(context.Scope, incident.Id, cancellationToken)).ToList();
                if (staged is not null)
                {
                    items.Add(staged);
                }

                return view with { ActionItems = items };
            case PostMortemSection.Summary:
                var document = await documents.BuildAsync(incident, postMortem, incident.TimeZone, cancellationToken);
                return view with { Quality = document.Quality, ActionItems = document.ActionItems };
            default:
                return view;
        }
    }
}
