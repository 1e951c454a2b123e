using ChatOpsIR.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIR.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Title).HasMaxLength(Incident.MaxTitleLength).IsRequired();
        builder.Property(i => i.ChannelId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(i => i.ChannelName).HasMaxLength(Lengths.Name);
        builder.Property(i => i.OpenChannelId).HasMaxLength(Lengths.PlatformId);
        builder.Property(i => i.DeclaredById).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(i => i.DeclaredByName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(i => i.LastStatus).HasMaxLength(TimelineEntry.MaxTextLength);
        builder.Property(i => i.ClosedReason).HasMaxLength(Incident.MaxCloseReasonLength);
        builder.Property(i => i.TimeZoneId).HasMaxLength(Lengths.TimeZoneId);
        builder.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(i => i.Reference);
        builder.Ignore(i => i.IsExercise);
        builder.Ignore(i => i.IsOpen);
        builder.Ignore(i => i.IsClosed);
        builder.Ignore(i => i.TimeZone);

        builder.HasIndex(i => new { i.Scope, i.Number }).IsUnique();

        // One open incident per channel: OpenChannelId is null once resolved, and nulls do not collide.
        builder.HasIndex(i => new { i.Scope, i.OpenChannelId }).IsUnique();
        builder.HasIndex(i => new { i.Scope, i.ChannelId, i.DeclaredAt });
        builder.HasIndex(i => new { i.Scope, i.DeclaredAt });

        builder.HasMany(i => i.Roles).WithOne().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Roles).HasField("_roles").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.HasMany(i => i.Members).WithOne().HasForeignKey(m => m.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class IncidentMemberConfiguration : IEntityTypeConfiguration<IncidentMember>
{
    public void Configure(EntityTypeBuilder<IncidentMember> builder)
    {
        builder.ToTable("IncidentMembers");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.UserId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(m => m.UserName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(m => m.AddedById).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Ignore(m => m.User);

        // One row per person: inviting someone twice records nothing new.
        builder.HasIndex(m => new { m.IncidentId, m.UserId }).IsUnique();
    }
}

internal sealed class IncidentRoleConfiguration : IEntityTypeConfiguration<IncidentRoleAssignment>
{
    public void Configure(EntityTypeBuilder<IncidentRoleAssignment> builder)
    {
        builder.ToTable("IncidentRoles");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.UserId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(r => r.UserName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Ignore(r => r.User);
        builder.HasIndex(r => new { r.IncidentId, r.Role }).IsUnique();
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("TimelineEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Text).HasMaxLength(TimelineEntry.MaxTextLength).IsRequired();
        builder.Property(e => e.AuthorId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(e => e.AuthorName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(e => e.SourceKey).HasMaxLength(Lengths.SourceKey);
        builder.Ignore(e => e.IsBackdated);
        builder.Ignore(e => e.AfterResolveSuffix);
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);

        // A retried platform delivery of the same message cannot add a second entry.
        builder.HasIndex(e => new { e.IncidentId, e.SourceKey }).IsUnique();
        builder.HasIndex(e => new { e.IncidentId, e.OccurredAt, e.RecordedAt });
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.ToTable("ActionItems");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Title).HasMaxLength(ActionItem.MaxTitleLength).IsRequired();
        builder.Property(a => a.OwnerId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(a => a.OwnerName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(a => a.CreatedById).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(a => a.DoneById).HasMaxLength(Lengths.PlatformId);
        builder.Ignore(a => a.Reference);
        builder.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.Scope, a.Number }).IsUnique();
        builder.HasIndex(a => new { a.Scope, a.Status, a.DueDate });
    }
}

internal sealed class ProcessedDeliveryConfiguration : IEntityTypeConfiguration<ProcessedDelivery>
{
    public void Configure(EntityTypeBuilder<ProcessedDelivery> builder)
    {
        builder.ToTable("ProcessedDeliveries");
        builder.HasKey(d => new { d.Scope, d.DeliveryId });
        builder.Property(d => d.DeliveryId).HasMaxLength(Lengths.SourceKey);
        builder.Property(d => d.ReplyJson).IsRequired();
        builder.HasIndex(d => d.ReceivedAt);
    }
}
