using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIR.Data.Configurations;

internal sealed class WebPersonConfiguration : IEntityTypeConfiguration<WebPersonRecord>
{
    public void Configure(EntityTypeBuilder<WebPersonRecord> builder)
    {
        builder.ToTable("WebPeople");

        // One row per account and scope: two hosts recording the same sign-in at once keep one.
        builder.HasKey(p => new { p.Scope, p.UserId });
        builder.Property(p => p.UserId).HasMaxLength(Lengths.PlatformId);
        builder.Property(p => p.DisplayName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(p => p.NameKey).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(Lengths.Name);
        builder.Property(p => p.EmailKey).HasMaxLength(Lengths.Name);
        builder.HasIndex(p => new { p.Scope, p.NameKey });
        builder.HasIndex(p => new { p.Scope, p.EmailKey });
    }
}
