using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>The current answer to one question of a section, with who gave it and when.</summary>
public sealed class PostMortemAnswer
{
    private PostMortemAnswer()
    {
        Field = string.Empty;
        Value = string.Empty;
        ById = string.Empty;
        ByName = string.Empty;
    }

    internal PostMortemAnswer(Guid postMortemId, PostMortemSection section, string field, string value, ChatUser by, DateTime now)
    {
        Id = Guid.NewGuid();
        PostMortemId = postMortemId;
        Section = section;
        Field = field;
        Value = value;
        ById = by.Id;
        ByName = by.DisplayName;
        At = now;
    }

    public Guid Id { get; private set; }
    public Guid PostMortemId { get; private set; }
    public PostMortemSection Section { get; private set; }
    public string Field { get; private set; }
    public string Value { get; private set; }
    public string ById { get; private set; }
    public string ByName { get; private set; }
    public DateTime At { get; private set; }

    internal void Change(string value, ChatUser by, DateTime now)
    {
        Value = value;
        ById = by.Id;
        ByName = by.DisplayName;
        At = now;
    }
}
