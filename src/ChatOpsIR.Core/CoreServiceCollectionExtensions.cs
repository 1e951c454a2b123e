using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsIR.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the workflows. A store (<see cref="Ports.IIncidentStore"/>) comes from the data layer. The guided flows'
    /// card buttons are registered as <see cref="ICardActionHandler"/>s, which <see cref="CardActionRouter"/> routes to
    /// by verb family.
    /// </summary>
    public static IServiceCollection AddChatOpsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(BlameCoach.Default);
        services.TryAddSingleton(NotificationClocks.Default);
        services.AddScoped<IncidentLookup>();
        services.AddScoped<ActionItemLookup>();
        services.AddScoped<IncidentPermissions>();
        services.TryAddSingleton(new PermissionOptions());
        services.AddScoped<Ports.IIncidentManagerDirectory, ClaimedGroupManagers>();
        services.AddScoped<IncidentSetupWorkflows>();
        services.AddScoped<IncidentMembershipWorkflows>();
        services.AddScoped<TimelineWorkflows>();
        services.AddScoped<IncidentSummaryWorkflows>();
        services.AddScoped<EvidenceWorkflows>();
        services.AddScoped<IncidentLifecycleWorkflows>();
        services.AddScoped<IncidentStatusWorkflows>();
        services.AddScoped<ActionItemWorkflows>();
        services.AddScoped<AccessGrantWorkflows>();
        services.AddScoped<IncidentWorkflows>();
        services.AddScoped<Exports.ExportWorkflows>();
        services.AddScoped<Exports.IncidentExports>();
        services.AddScoped<Exports.PlanReviewExports>();
        services.AddScoped<PostMortemDocuments>();
        services.AddScoped<PostMortemSteps>();
        services.AddScoped<PostMortemWorkflows>();
        services.AddScoped<SectionAnswers>();
        services.AddScoped<CommandService>();
        services.AddScoped<TimelineCapture>();
        services.TryAddScoped<Audit.AuditActor>();
        services.AddScoped<Audit.AuditLinker>();
        services.AddScoped<Audit.AuditWorkflows>();
        services.AddScoped<TimelineBackfill>();
        services.AddScoped<PersonalOverview>();
        services.AddScoped<ActionItemReminders>();
        services.AddScoped<PostMortemNudges>();
        services.AddScoped<AccessGrantReminders>();
        services.AddScoped<FollowUpCleanup>();
        services.TryAddSingleton(new ReminderOptions());
        services.TryAddSingleton(new PlanReviewOptions());
        services.AddScoped<PlanReviewWorkflows>();
        services.AddScoped<PlanReviewFollowUps>();
        services.TryAddSingleton(new SlowWork.SlowWorkOptions());
        services.AddScoped<SlowWork.SlowWorkIntake>();
        services.AddScoped<SlowWork.SlowWorkRunner>();
        services.AddScoped<SlowWork.WarRoomWorkflow>();
        services.TryAddSingleton(new EvidenceFiles.EvidenceFileOptions());
        services.AddScoped<EvidenceFiles.EvidenceFileHasher>();
        services.AddScoped<EvidenceFiles.EvidenceFileRecorder>();
        services.AddScoped<EvidenceFiles.EvidenceFileWorkflow>();
        services.AddScoped<ICardActionHandler, PostMortemActions>();
        services.AddScoped<ICardActionHandler, ReminderActions>();
        services.AddScoped<ICardActionHandler, EvidenceActions>();
        services.AddScoped<ICardActionHandler, PlanReviewActions>();
        services.AddScoped<ICardActionHandler, AccessGrantActions>();
        services.AddScoped<CardActionRouter>();
        return services;
    }
}
