using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIR.Data.Configurations;

internal sealed class PostMortemConfiguration : IEntityTypeConfiguration<PostMortem>
{
    public void Configure(EntityTypeBuilder<PostMortem> builder)
    {
        builder.ToTable("PostMortems");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.StartedById).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(p => p.StartedByName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(p => p.SingleCauseReason).HasMaxLength(PostMortem.MaxReasonLength);
        builder.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(p => p.IsPublished);
        builder.Ignore(p => p.RootCauses);
        builder.Ignore(p => p.Lessons);
        builder.HasOne<Incident>().WithMany().HasForeignKey(p => p.IncidentId).OnDelete(DeleteBehavior.Cascade);

        // One post-mortem per incident: two people typing `postmortem` at once cannot start two.
        builder.HasIndex(p => p.IncidentId).IsUnique();
        builder.HasIndex(p => new { p.Scope, p.UpdatedAt });

        builder.HasMany(p => p.Sections).WithOne().HasForeignKey(s => s.PostMortemId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Sections).HasField("_sections").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.HasMany(p => p.Answers).WithOne().HasForeignKey(a => a.PostMortemId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Answers).HasField("_answers").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.HasMany(p => p.Findings).WithOne().HasForeignKey(f => f.PostMortemId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Findings).HasField("_findings").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class PostMortemSectionStateConfiguration : IEntityTypeConfiguration<PostMortemSectionState>
{
    public void Configure(EntityTypeBuilder<PostMortemSectionState> builder)
    {
        builder.ToTable("PostMortemSections");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.SkipReason).HasMaxLength(PostMortem.MaxReasonLength);
        builder.Property(s => s.ById).HasMaxLength(Lengths.PlatformId);
        builder.Property(s => s.ByName).HasMaxLength(Lengths.Name);
        builder.Ignore(s => s.IsDone);
        builder.HasIndex(s => new { s.PostMortemId, s.Section }).IsUnique();
    }
}

internal sealed class PostMortemAnswerConfiguration : IEntityTypeConfiguration<PostMortemAnswer>
{
    public void Configure(EntityTypeBuilder<PostMortemAnswer> builder)
    {
        builder.ToTable("PostMortemAnswers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Field).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Value).HasMaxLength(PostMortem.MaxAnswerLength).IsRequired();
        builder.Property(a => a.ById).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(a => a.ByName).HasMaxLength(Lengths.Name).IsRequired();

        // One current answer per question: two hosts saving the same field cannot both insert it.
        builder.HasIndex(a => new { a.PostMortemId, a.Section, a.Field }).IsUnique();
    }
}

internal sealed class PostMortemFindingConfiguration : IEntityTypeConfiguration<PostMortemFinding>
{
    public void Configure(EntityTypeBuilder<PostMortemFinding> builder)
    {
        builder.ToTable("PostMortemFindings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Text).HasMaxLength(PostMortem.MaxAnswerLength).IsRequired();
        builder.Property(f => f.Principles).HasMaxLength(300).IsRequired();
        builder.Property(f => f.Enabler).HasMaxLength(50);
        builder.Property(f => f.BlameTerm).HasMaxLength(200);
        builder.Property(f => f.BlameSuggestion).HasMaxLength(1000);
        builder.Property(f => f.ById).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(f => f.ByName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Ignore(f => f.PrincipleList);
        builder.Ignore(f => f.Label);

        // Cause 2 is cause 2 once: two people adding a cause at the same moment get a conflict and a retry, not two "cause 2"s.
        builder.HasIndex(f => new { f.PostMortemId, f.Kind, f.Number }).IsUnique();
    }
}

internal sealed class PostMortemVersionConfiguration : IEntityTypeConfiguration<PostMortemVersion>
{
    public void Configure(EntityTypeBuilder<PostMortemVersion> builder)
    {
        builder.ToTable("PostMortemVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.PublishedById).HasMaxLength(Lengths.PlatformId).IsRequired();
        builder.Property(v => v.PublishedByName).HasMaxLength(Lengths.Name).IsRequired();
        builder.Property(v => v.QualityOverride).HasMaxLength(PostMortem.MaxReasonLength);
        builder.Property(v => v.Markdown).IsRequired();
        builder.Property(v => v.Html).IsRequired();
        builder.HasOne<PostMortem>().WithMany().HasForeignKey(v => v.PostMortemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.PostMortemId, v.Version }).IsUnique();
        builder.HasIndex(v => new { v.Scope, v.IncidentId });
    }
}
