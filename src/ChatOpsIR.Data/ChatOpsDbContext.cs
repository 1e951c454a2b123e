using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Installations;
using ChatOpsIR.Core.SlowWork;
using ChatOpsIR.Data.Configurations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChatOpsIR.Data;

/// <summary>
/// The one DbContext. Each database provider has a subclass only so that it can carry its own migration
/// set (<see cref="SqliteChatOpsDbContext"/>, <see cref="PostgresChatOpsDbContext"/>, <see cref="SqlServerChatOpsDbContext"/>).
/// </summary>
public abstract class ChatOpsDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Data Protection's key ring, shared by every host, so a token one host encrypted another can read.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PlatformInstallation> Installations => Set<PlatformInstallation>();

    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentRoleAssignment> IncidentRoles => Set<IncidentRoleAssignment>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<Evidence> Evidence => Set<Evidence>();
    public DbSet<CustodyEntry> CustodyEntries => Set<CustodyEntry>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<AccessGrant> AccessGrants => Set<AccessGrant>();
    public DbSet<PostMortem> PostMortems => Set<PostMortem>();
    public DbSet<PostMortemVersion> PostMortemVersions => Set<PostMortemVersion>();
    public DbSet<ProcessedDelivery> ProcessedDeliveries => Set<ProcessedDelivery>();
    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();
    public DbSet<ConversationAddress> ConversationAddresses => Set<ConversationAddress>();
    public DbSet<FollowUpDelivery> FollowUpDeliveries => Set<FollowUpDelivery>();
    public DbSet<PlanReview> PlanReviews => Set<PlanReview>();
    public DbSet<WorkItem> WorkItems => Set<WorkItem>();
    public DbSet<WebPersonRecord> WebPeople => Set<WebPersonRecord>();
    public DbSet<Core.Audit.AuditRecord> AuditRecords => Set<Core.Audit.AuditRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChatOpsDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC in the database and comes back marked as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();

        // Every scope is stored as its text form (slack:T0001, teams:<tenant id>, web) in a column of the same length.
        configurationBuilder.Properties<TenantScope>().HaveConversion<TenantScopeConverter>().HaveMaxLength(Lengths.Scope);
    }

    private sealed class TenantScopeConverter() : ValueConverter<TenantScope, string>(
        v => v.ToString(),
        v => TenantScope.Parse(v));

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.ToUniversalTime(), DateTimeKind.Utc)) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

public sealed class SqliteChatOpsDbContext(DbContextOptions<SqliteChatOpsDbContext> options) : ChatOpsDbContext(options);

public sealed class PostgresChatOpsDbContext(DbContextOptions<PostgresChatOpsDbContext> options) : ChatOpsDbContext(options);

public sealed class SqlServerChatOpsDbContext(DbContextOptions<SqlServerChatOpsDbContext> options) : ChatOpsDbContext(options);
