using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>
/// The guided post-mortem's commands: `postmortem` starts or resumes it, `postmortem status` shows where it stands and
/// `report` links the full report. Its card buttons are <see cref="PostMortemActions"/>. Like the incident workflows,
/// they stage changes and <see cref="CommandService"/> saves once, so each answer is stored the moment it is given and
/// a conflict is retried on fresh state.
/// </summary>
public sealed class PostMortemWorkflows(
    IIncidentStore store,
    IncidentLookup lookup,
    TimeProvider clock,
    PostMortemSteps steps,
    PostMortemDocuments documents)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>`postmortem`: starts the flow at section 1, or posts the section it stopped at.</summary>
    public async Task<BotReply> StartOrResumeAsync(CommandContext context, int? reference, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, reference, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        var postMortem = await store.FindPostMortemAsync(context.Scope, incident.Id, cancellationToken);
        if (postMortem is null)
        {
            postMortem = PostMortem.Start(incident, context.User, Now);
            store.Add(postMortem);
            var open = incident.Status == IncidentStatus.Open ? " The incident is still open; you can start now and finish after it is resolved." : string.Empty;
            var notice = $"{context.User.DisplayName} started the post-mortem of {Label(incident)}. We go through {PostMortemSections.Count} sections, one card at a time; anyone here can answer, and every answer is saved as it is given.{open}";
            var first = await steps.ViewAsync(context, incident, postMortem, PostMortemSection.Scope, cancellationToken) with { Notice = notice };
            return BotReply.ToChannel($"Post-mortem of {incident.Reference} started.", PostMortemCards.Step(first, PostMortemSection.Scope));
        }

        var section = postMortem.CurrentSection;
        var view = await steps.ViewAsync(context, incident, postMortem, section, cancellationToken) with
        {
            Notice = $"Resuming the post-mortem of {Label(incident)} at section {section.Number()} of {PostMortemSections.Count}. `postmortem status` shows every section.",
        };
        return BotReply.ToChannel($"Post-mortem of {incident.Reference}: section {section.Number()}, {section.Title()}.", PostMortemCards.Step(view, section));
    }

    /// <summary>`postmortem status`: which sections are done, skipped or open; the clocks and the quality check.</summary>
    public async Task<BotReply> StatusAsync(CommandContext context, int? reference, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, reference, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (await store.FindPostMortemAsync(context.Scope, incident.Id, cancellationToken) is not { } postMortem)
        {
            return BotReply.Error(NotStartedFor(incident));
        }

        var document = await documents.BuildAsync(incident, postMortem, incident.TimeZone, cancellationToken);
        var view = new StepView(incident, postMortem, incident.TimeZone, Now) { Clocks = document.Clocks, Quality = document.Quality };
        var done = postMortem.Sections.Count(s => s.IsDone);
        return BotReply.Private($"Post-mortem of {incident.Reference}: {done} of {PostMortemSections.Count} sections done.", PostMortemCards.Status(view));
    }

    /// <summary>`report`: a summary card with the checklist and a link to the full report.</summary>
    public async Task<BotReply> ReportAsync(CommandContext context, int? reference, CancellationToken cancellationToken)
    {
        var (incident, refusal) = await lookup.FindAsync(context, reference, IncidentNeed.Any, cancellationToken);
        if (incident is null)
        {
            return refusal!;
        }

        if (await store.FindPostMortemAsync(context.Scope, incident.Id, cancellationToken) is not { } postMortem)
        {
            return BotReply.Error(NotStartedFor(incident));
        }

        var document = await documents.BuildAsync(incident, postMortem, incident.TimeZone, cancellationToken);
        var url = documents.ReportUrl(incident);
        var text = url is null ? $"Post-mortem report of {incident.Reference}." : $"Post-mortem report of {incident.Reference}: {url}";
        return BotReply.Private(text, PostMortemCards.Report(document, url));
    }

    private static string NotStartedFor(Incident incident) =>
        $"The post-mortem of {incident.Reference} ({incident.Title}) has not been started. Type `postmortem {incident.Reference}` to start it.";

    private static string Label(Incident incident) => incident.IsExercise
        ? $"{incident.Reference} ({incident.Exercise.Describe().ToLowerInvariant()})"
        : incident.Reference;
}
