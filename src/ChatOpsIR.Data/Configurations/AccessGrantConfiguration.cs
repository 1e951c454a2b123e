using ChatOpsIR.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIR.Data.Configurations;

internal sealed class AccessGrantConfiguration : IEntityTypeConfiguration<AccessGrant>
{
    public void Configure(EntityTypeBuilder<AccessGrant> builder)
    {
        builder.ToTable("AccessGrants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.GranteeId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(g => g.GranteeName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(g => g.What).HasMaxLength(AccessGrant.MaxWhatLength).IsRequired();
        builder.Property(g => g.GrantedById).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(g => g.GrantedByName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(g => g.RevokedById).HasMaxLength(Lengths.PlatformId);
        builder.Property(g => g.RevokedByName).HasMaxLength(Lengths.Name);
        builder.Property(g => g.RevokeNote).HasMaxLength(AccessGrant.MaxNoteLength);
        builder.Ignore(g => g.Reference);
        builder.Ignore(g => g.IsOpen);
        builder.HasOne<Incident>().WithMany().HasForeignKey(g => g.IncidentId).OnDelete(DeleteBehavior.Cascade);

        // Two grants recorded at once both read the same next number; the index refuses the second, which runs again.
        builder.HasIndex(g => new { g.IncidentId, g.Number }).IsUnique();

        // The daily reminder looks for the grants still open.
        builder.HasIndex(g => new { g.RevokedAt, g.IncidentId });
    }
}
