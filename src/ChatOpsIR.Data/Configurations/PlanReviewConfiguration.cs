using ChatOpsIR.Core.PlanReviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIR.Data.Configurations;

internal sealed class PlanReviewConfiguration : IEntityTypeConfiguration<PlanReview>
{
    public void Configure(EntityTypeBuilder<PlanReview> builder)
    {
        builder.ToTable("PlanReviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Key).HasMaxLength(100).IsRequired();
        builder.Property(r => r.OwnerId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(r => r.OwnerName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(r => r.Notes).HasMaxLength(PlanReview.MaxNotesLength);
        builder.Property(r => r.ReviewedById).HasMaxLength(Lengths.PlatformId);
        builder.Property(r => r.ReviewedByName).HasMaxLength(Lengths.Name);

        // One yearly review per scope and year, whichever host starts it.
        builder.HasIndex(r => new { r.Scope, r.Key }).IsUnique();
        builder.HasIndex(r => new { r.Status, r.RequestedAt });
    }
}
