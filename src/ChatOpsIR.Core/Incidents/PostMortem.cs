namespace ChatOpsIR.Core.Incidents;

public enum PostMortemState
{
    InProgress = 0,
    Published = 1,
}

/// <summary>The guided post-mortem of one incident. The sections and their answers arrive with the post-mortem engine.</summary>
public sealed class PostMortem
{
    private PostMortem()
    {
        Scope = string.Empty;
        StartedById = string.Empty;
    }

    public PostMortem(Incident incident, ChatUser startedBy, DateTime now)
    {
        Id = Guid.NewGuid();
        Scope = incident.Scope;
        IncidentId = incident.Id;
        StartedById = startedBy.Id;
        StartedAt = now;
        State = PostMortemState.InProgress;
    }

    public Guid Id { get; private set; }
    public string Scope { get; private set; }
    public Guid IncidentId { get; private set; }
    public string StartedById { get; private set; }
    public DateTime StartedAt { get; private set; }
    public PostMortemState State { get; private set; }
    public DateTime? PublishedAt { get; private set; }
}
