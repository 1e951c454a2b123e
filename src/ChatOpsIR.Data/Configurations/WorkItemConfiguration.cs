using ChatOpsIR.Core.SlowWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIR.Data.Configurations;

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> builder)
    {
        builder.ToTable("WorkItems");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(w => w.Platform).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.RequesterId).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(w => w.RequesterName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(w => w.RequesterDirectoryId).HasMaxLength(Lengths.PlatformId);
        builder.Property(w => w.ChannelId).HasMaxLength(Lengths.SourceKey).IsRequired();
        builder.Property(w => w.ChannelName).HasMaxLength(Lengths.Name);
        builder.Property(w => w.TimeZoneId).HasMaxLength(Lengths.TimeZoneId).IsRequired();
        builder.Property(w => w.Line).HasMaxLength(WorkItem.MaxLineLength).IsRequired();
        builder.Property(w => w.ReplyAddress).HasMaxLength(WorkItem.MaxReplyAddressLength).IsRequired();
        builder.Property(w => w.CreatedChannelId).HasMaxLength(Lengths.SourceKey);
        builder.Property(w => w.CreatedChannelName).HasMaxLength(Lengths.Name);
        builder.Property(w => w.CreatedChannelUrl).HasMaxLength(Lengths.Url);
        builder.Ignore(w => w.Requester);

        // The sweep looks for unfinished items.
        builder.HasIndex(w => w.CompletedAt);
    }
}
