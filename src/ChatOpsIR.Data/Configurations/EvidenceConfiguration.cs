using ChatOpsIR.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIR.Data.Configurations;

internal sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> builder)
    {
        builder.ToTable("Evidence");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Description).HasMaxLength(Evidence.MaxDescriptionLength).IsRequired();
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.Link).HasMaxLength(Lengths.Url);
        builder.Property(e => e.CollectedById).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(e => e.CollectedByName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(e => e.HolderId).HasMaxLength(Lengths.PlatformId);
        builder.Property(e => e.HolderName).HasMaxLength(Lengths.Name);
        builder.Property(e => e.StoredAt).HasMaxLength(CustodyEntry.MaxTextLength);
        builder.Property(e => e.SupersededReason).HasMaxLength(CustodyEntry.MaxTextLength);
        builder.Property(e => e.FileName).HasMaxLength(Evidence.MaxFileNameLength);
        builder.Property(e => e.ContentType).HasMaxLength(Evidence.MaxContentTypeLength);
        builder.Property(e => e.SharedById).HasMaxLength(Lengths.PlatformId);
        builder.Property(e => e.SharedByName).HasMaxLength(Lengths.Name);
        builder.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(e => e.Reference);
        builder.Ignore(e => e.Holder);
        builder.Ignore(e => e.InCustody);
        builder.Ignore(e => e.IsSuperseded);
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.IncidentId, e.Number }).IsUnique();
        builder.HasMany(e => e.Custody).WithOne().HasForeignKey(c => c.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Custody).HasField("_custody").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class CustodyEntryConfiguration : IEntityTypeConfiguration<CustodyEntry>
{
    public void Configure(EntityTypeBuilder<CustodyEntry> builder)
    {
        builder.ToTable("CustodyEntries");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.HolderId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(c => c.HolderName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(c => c.ById).HasMaxLength(Lengths.PlatformId);
        builder.Property(c => c.ByName).HasMaxLength(Lengths.Name);
        builder.Property(c => c.Action).HasMaxLength(500).IsRequired();
        builder.Property(c => c.FromId).HasMaxLength(Lengths.PlatformId);
        builder.Property(c => c.FromName).HasMaxLength(Lengths.Name);
        builder.Property(c => c.ToId).HasMaxLength(Lengths.PlatformId);
        builder.Property(c => c.ToName).HasMaxLength(Lengths.Name);
        builder.Property(c => c.Location).HasMaxLength(CustodyEntry.MaxTextLength);
        builder.Property(c => c.Note).HasMaxLength(CustodyEntry.MaxTextLength);
        builder.Property(c => c.Sha256).HasMaxLength(64);
        builder.Ignore(c => c.RecordedBy);
        builder.HasIndex(c => new { c.EvidenceId, c.Sequence }).IsUnique();
    }
}
