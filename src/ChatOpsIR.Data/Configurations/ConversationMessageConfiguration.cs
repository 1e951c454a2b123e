using ChatOpsIR.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIR.Data.Configurations;

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.ToTable("ConversationMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.Scope).HasMaxLength(Lengths.Scope).IsRequired();
        builder.Property(m => m.ChannelId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(m => m.AuthorId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(m => m.AuthorName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(m => m.Text).IsRequired();
        builder.Property(m => m.VisibleToUserId).HasMaxLength(Lengths.PlatformId);
        builder.HasIndex(m => new { m.Scope, m.ChannelId, m.Id });
    }
}
