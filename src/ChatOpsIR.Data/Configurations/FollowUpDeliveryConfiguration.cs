using ChatOpsIR.Core.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIR.Data.Configurations;

internal sealed class FollowUpDeliveryConfiguration : IEntityTypeConfiguration<FollowUpDelivery>
{
    public void Configure(EntityTypeBuilder<FollowUpDelivery> builder)
    {
        builder.ToTable("FollowUpDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Occurrence).HasMaxLength(FollowUpDelivery.MaxOccurrenceLength).IsRequired();
        builder.Property(d => d.RecipientId).HasMaxLength(Lengths.PlatformId).IsRequired();

        // The guarantee that a follow-up goes out once, whichever host or retry tries to send it.
        builder.HasIndex(d => new { d.SubjectId, d.Occurrence }).IsUnique();

        // The daily clean-up deletes by age.
        builder.HasIndex(d => d.ClaimedAt);
    }
}
