using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>Where one section stands, and who last moved it.</summary>
public sealed class PostMortemSectionState
{
    private PostMortemSectionState()
    {
    }

    internal PostMortemSectionState(Guid postMortemId, PostMortemSection section)
    {
        Id = Guid.NewGuid();
        PostMortemId = postMortemId;
        Section = section;
    }

    public Guid Id { get; private set; }
    public Guid PostMortemId { get; private set; }
    public PostMortemSection Section { get; private set; }
    public SectionStatus Status { get; private set; }
    public string? SkipReason { get; private set; }
    public string? ById { get; private set; }
    public string? ByName { get; private set; }
    public DateTime? At { get; private set; }

    public bool IsDone => Status != SectionStatus.NotStarted;

    internal void MarkAnswered(ChatUser by, DateTime now)
    {
        Status = SectionStatus.Answered;
        SkipReason = null;
        ById = by.Id;
        ByName = by.DisplayName;
        At = now;
    }

    internal void MarkSkipped(string reason, ChatUser by, DateTime now)
    {
        Status = SectionStatus.Skipped;
        SkipReason = reason;
        ById = by.Id;
        ByName = by.DisplayName;
        At = now;
    }
}
