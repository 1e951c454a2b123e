using ChatOpsIR.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIR.Data.Configurations;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();

        // One row per place in a scope's chain: two linkers racing cannot both give out the same number.
        builder.HasIndex(r => new { r.Scope, r.Sequence }).IsUnique();

        // The rows still to link, in the order they were written.
        builder.HasIndex(r => new { r.Scope, r.Id });
        builder.HasIndex(r => r.IncidentId);

        builder.Property(r => r.ActorId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(r => r.ActorName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(r => r.Platform).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Action).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Subject).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(r => r.PreviousHash).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.Hash).HasMaxLength(64).IsFixedLength();
    }
}
