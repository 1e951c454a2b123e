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
        builder.Property(m => m.ChannelId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(m => m.AuthorId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(m => m.AuthorName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(m => m.Text).IsRequired();
        builder.Property(m => m.VisibleToUserId).HasMaxLength(Lengths.PlatformId);
        builder.HasIndex(m => new { m.Scope, m.ChannelId, m.Id });
    }
}

internal sealed class PlatformInstallationConfiguration : IEntityTypeConfiguration<ChatOpsIR.Core.Installations.PlatformInstallation>
{
    public void Configure(EntityTypeBuilder<ChatOpsIR.Core.Installations.PlatformInstallation> builder)
    {
        builder.ToTable("Installations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.ProtectedSecret).IsRequired();
        builder.Property(i => i.WorkspaceName).HasMaxLength(Lengths.Name);
        builder.Property(i => i.BotUserId).HasMaxLength(Lengths.PlatformId);
        builder.Property(i => i.Permissions).HasMaxLength(Lengths.Url);
        builder.Property(i => i.InstalledById).HasMaxLength(Lengths.PlatformId);
        builder.HasIndex(i => new { i.Scope, i.Platform }).IsUnique();
    }
}

internal sealed class ConversationAddressConfiguration : IEntityTypeConfiguration<ConversationAddress>
{
    public void Configure(EntityTypeBuilder<ConversationAddress> builder)
    {
        builder.ToTable("ConversationAddresses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ConversationId).HasMaxLength(Lengths.SourceKey).IsRequired();
        builder.Property(a => a.Kind).HasMaxLength(50);
        builder.Property(a => a.ServiceEndpoint).HasMaxLength(Lengths.Url);
        builder.Property(a => a.BotId).HasMaxLength(Lengths.PlatformId);
        builder.Property(a => a.UserId).HasMaxLength(Lengths.PlatformId);
        builder.Property(a => a.UserDirectoryId).HasMaxLength(Lengths.PlatformId);
        builder.Property(a => a.TeamId).HasMaxLength(Lengths.SourceKey);
        builder.Property(a => a.ChannelId).HasMaxLength(Lengths.SourceKey);
        builder.HasIndex(a => new { a.Scope, a.Platform, a.ConversationId }).IsUnique();
        builder.HasIndex(a => new { a.Scope, a.Platform, a.UserId, a.Kind });
    }
}
