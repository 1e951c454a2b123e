using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// The incident workflows behind the command grammar, one class per verb group: setting up, the timeline, the
/// lifecycle, status and metrics, action items. Each stages its changes on the store and returns the reply;
/// <see cref="CommandService"/> saves once, so a command either happens completely or not at all.
/// A workflow that answers with an error stages nothing.
/// </summary>
public sealed class IncidentWorkflows(
    IncidentSetupWorkflows setup,
    TimelineWorkflows timeline,
    IncidentLifecycleWorkflows lifecycle,
    IncidentStatusWorkflows status,
    ActionItemWorkflows actionItems,
    IncidentMembershipWorkflows membership,
    AccessGrantWorkflows access,
    Exports.ExportWorkflows exports,
    EvidenceWorkflows evidence,
    IncidentSummaryWorkflows summary)
{
    public Task<BotReply> HandleAsync(CommandContext context, Command command, CancellationToken cancellationToken) => command switch
    {
        DeclareCommand c => setup.DeclareAsync(context, c, cancellationToken),
        DeclareFormCommand => Task.FromResult(BotReply.Private("Fill in the form to declare an incident.", DeclareForm.Build(context.Platform != Platform.Web))),
        NoteCommand c => timeline.NoteAsync(context, c, cancellationToken),
        StatusCommand c => status.StatusAsync(context, c, cancellationToken),
        CaptureCommand c => setup.CaptureAsync(context, c, cancellationToken),
        SeverityCommand c => setup.SeverityAsync(context, c, cancellationToken),
        RoleCommand c => setup.RoleAsync(context, c, cancellationToken),
        InviteCommand c => membership.InviteAsync(context, c, cancellationToken),
        MakePrivateCommand c => membership.MakePrivateAsync(context, c, cancellationToken),
        MarkCommand c => timeline.MarkAsync(context, c, cancellationToken),
        EvidenceCommand c => evidence.RecordAsync(context, c, cancellationToken),
        EvidenceFormCommand c => evidence.FormAsync(context, c, cancellationToken),
        ListEvidenceCommand c => evidence.ListAsync(context, c, cancellationToken),
        ShowEvidenceCommand c => evidence.ShowAsync(context, c, cancellationToken),
        CustodyCommand c => evidence.StepAsync(context, c, cancellationToken),
        ResolveCommand c => lifecycle.ResolveAsync(context, c, cancellationToken),
        ReopenCommand c => lifecycle.ReopenAsync(context, c, cancellationToken),
        CloseCommand c => lifecycle.CloseAsync(context, c, cancellationToken),
        TimelineCommand c => timeline.TimelineAsync(context, c, cancellationToken),
        SummaryCommand c => summary.SummaryAsync(context, c, cancellationToken),
        AddActionCommand c => actionItems.AddActionAsync(context, c, cancellationToken),
        ListActionsCommand c => actionItems.ListActionsAsync(context, c, cancellationToken),
        CompleteActionCommand c => actionItems.CompleteActionAsync(context, c, cancellationToken),
        SetActionKindCommand c => actionItems.SetKindAsync(context, c, cancellationToken),
        AccessGrantCommand c => access.GrantAsync(context, c, cancellationToken),
        AccessRevokeCommand c => access.RevokeAsync(context, c, cancellationToken),
        AccessListCommand c => access.ListAsync(context, c, cancellationToken),
        MetricsCommand => status.MetricsAsync(context, cancellationToken),
        ExportCommand c => exports.IncidentAsync(context, c, cancellationToken),
        ExportPlanCommand c => exports.PlanReviewAsync(context, c, cancellationToken),
        HelpCommand c => Task.FromResult(Help(c)),
        _ => Task.FromResult(BotReply.Error($"`{command.Verb}` is not handled.")),
    };

    private static BotReply Help(HelpCommand command)
    {
        var verb = command.Topic is null ? null : HelpCatalog.Find(command.Topic);
        var text = verb is null
            ? "Commands: " + string.Join(", ", HelpCatalog.Verbs.Select(v => v.Verb)) + ". `help <command>` explains one. " +
                "Name an incident by its reference right after the command (`timeline INC-0003`) to reach one that is not this channel's. " +
                "The commander hands out roles (`role deputy @person` names a deputy, who may act as commander); `help role` says who may do what."
            : $"{verb.Usage} — {verb.Summary}";
        return BotReply.Private(text, IncidentCards.Help(verb));
    }
}
