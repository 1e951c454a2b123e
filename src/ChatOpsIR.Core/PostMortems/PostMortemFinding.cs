using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>Whether a finding is a root cause or a lesson learned.</summary>
public enum FindingKind
{
    RootCause = 0,
    Lesson = 1,
}

/// <summary>Whether a finding's wording was flagged as blaming, and what its author did about it.</summary>
public enum BlameState
{
    None = 0,
    Open = 1,
    Kept = 2,
    Reworded = 3,
}

/// <summary>A root cause or a lesson learned: numbered, worded by a person, checked for blaming language.</summary>
public sealed class PostMortemFinding
{
    private PostMortemFinding()
    {
        Text = string.Empty;
        Principles = string.Empty;
        ById = string.Empty;
        ByName = string.Empty;
    }

    internal PostMortemFinding(Guid postMortemId, FindingKind kind, int number, string text, IReadOnlyList<string> principles, string? enabler, BlameHint? hint, ChatUser by, DateTime now)
    {
        Id = Guid.NewGuid();
        PostMortemId = postMortemId;
        Kind = kind;
        Number = number;
        Text = text;
        Principles = string.Join(',', principles);
        Enabler = enabler;
        ById = by.Id;
        ByName = by.DisplayName;
        At = now;
        UpdatedAt = now;
        Flag(hint);
    }

    public Guid Id { get; private set; }
    public Guid PostMortemId { get; private set; }
    public FindingKind Kind { get; private set; }

    /// <summary>Cause 1, cause 2… and lesson 1, lesson 2…, numbered separately.</summary>
    public int Number { get; private set; }

    public string Text { get; private set; }

    /// <summary>The failed first principles, comma-separated values of <see cref="FirstPrinciples"/> (root causes only).</summary>
    public string Principles { get; private set; }

    /// <summary>What enabled it: process, tooling or workload (root causes only).</summary>
    public string? Enabler { get; private set; }

    public BlameState BlameState { get; private set; }

    /// <summary>The words that read as blame, while a hint is open or was kept.</summary>
    public string? BlameTerm { get; private set; }

    public string? BlameSuggestion { get; private set; }
    public string ById { get; private set; }
    public string ByName { get; private set; }
    public DateTime At { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<string> PrincipleList => Principles.Length == 0 ? [] : Principles.Split(',');

    public string Label => Kind == FindingKind.RootCause ? $"Cause {Number}" : $"Lesson {Number}";

    internal void Keep(ChatUser by, DateTime now)
    {
        if (BlameState == BlameState.Open)
        {
            BlameState = BlameState.Kept;
        }

        UpdatedAt = now;
    }

    internal void Reword(string text, BlameHint? hint, ChatUser by, DateTime now)
    {
        Text = text;
        UpdatedAt = now;
        Flag(hint);
        if (hint is null)
        {
            BlameState = BlameState.Reworded;
        }
    }

    private void Flag(BlameHint? hint)
    {
        if (hint is null)
        {
            BlameState = BlameState.None;
            BlameTerm = null;
            BlameSuggestion = null;
            return;
        }

        BlameState = BlameState.Open;
        BlameTerm = PostMortem.Clip(hint.Term, 200);
        BlameSuggestion = PostMortem.Clip(hint.Suggestion, 1000);
    }
}
