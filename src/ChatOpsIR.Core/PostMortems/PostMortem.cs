using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>
/// The guided post-mortem of one incident. Every answer is stored the moment it is given, with who gave it
/// and when, so the flow can pause for days and survive restarts. Publishing freezes a numbered copy
/// (<see cref="PostMortemVersion"/>); later edits are allowed and lead to the next version.
/// </summary>
public sealed class PostMortem
{
    public const int MaxAnswerLength = 4000;
    public const int MaxReasonLength = 1000;

    private readonly List<PostMortemSectionState> _sections = [];
    private readonly List<PostMortemAnswer> _answers = [];
    private readonly List<PostMortemFinding> _findings = [];

    private PostMortem()
    {
        Scope = string.Empty;
        StartedById = string.Empty;
        StartedByName = string.Empty;
    }

    public Guid Id { get; private set; }
    public string Scope { get; private set; }
    public Guid IncidentId { get; private set; }
    public string StartedById { get; private set; }
    public string StartedByName { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Where the flow stands: the section `postmortem` resumes at.</summary>
    public PostMortemSection CurrentSection { get; private set; }

    /// <summary>Why there is only one root cause, when the commander says so.</summary>
    public string? SingleCauseReason { get; private set; }

    /// <summary>The last published version, 0 before the first publish.</summary>
    public int PublishedVersion { get; private set; }

    public DateTime? PublishedAt { get; private set; }

    /// <summary>True when something changed after the last publish, so the report differs from the frozen copy.</summary>
    public bool ChangedSincePublish { get; private set; }

    public Guid ConcurrencyStamp { get; private set; }

    public IReadOnlyList<PostMortemSectionState> Sections => _sections;
    public IReadOnlyList<PostMortemAnswer> Answers => _answers;
    public IReadOnlyList<PostMortemFinding> Findings => _findings;

    public bool IsPublished => PublishedVersion > 0;

    public IEnumerable<PostMortemFinding> RootCauses => _findings.Where(f => f.Kind == FindingKind.RootCause).OrderBy(f => f.Number);

    public IEnumerable<PostMortemFinding> Lessons => _findings.Where(f => f.Kind == FindingKind.Lesson).OrderBy(f => f.Number);

    public static PostMortem Start(Incident incident, ChatUser startedBy, DateTime now)
    {
        var postMortem = new PostMortem
        {
            Id = Guid.NewGuid(),
            Scope = incident.Scope,
            IncidentId = incident.Id,
            StartedById = startedBy.Id,
            StartedByName = startedBy.DisplayName,
            StartedAt = now,
            UpdatedAt = now,
            CurrentSection = PostMortemSection.Scope,
            ConcurrencyStamp = Guid.NewGuid(),
        };
        foreach (var section in PostMortemSections.All)
        {
            postMortem._sections.Add(new PostMortemSectionState(postMortem.Id, section));
        }

        return postMortem;
    }

    public PostMortemSectionState State(PostMortemSection section) => _sections.First(s => s.Section == section);

    public string? Value(PostMortemSection section, string field) =>
        _answers.FirstOrDefault(a => a.Section == section && a.Field == field)?.Value;

    public PostMortemAnswer? Answer(PostMortemSection section, string field) =>
        _answers.FirstOrDefault(a => a.Section == section && a.Field == field);

    /// <summary>Stores the answers given for a section (an empty value clears a field) and marks it answered.</summary>
    public void Answer(PostMortemSection section, IReadOnlyDictionary<string, string> values, ChatUser by, DateTime now)
    {
        foreach (var (field, raw) in values)
        {
            var value = Clip(raw.Trim(), MaxAnswerLength);
            var existing = Answer(section, field);
            if (existing is null)
            {
                if (value.Length > 0)
                {
                    _answers.Add(new PostMortemAnswer(Id, section, field, value, by, now));
                }
            }
            else if (existing.Value != value)
            {
                existing.Change(value, by, now);
            }
        }

        State(section).MarkAnswered(by, now);
        Changed(now);
    }

    /// <summary>Marks a list section (causes, lessons, action items) as answered once it holds at least one item.</summary>
    public void CompleteList(PostMortemSection section, ChatUser by, DateTime now)
    {
        State(section).MarkAnswered(by, now);
        Changed(now);
    }

    public PostMortemFinding AddFinding(FindingKind kind, string text, IReadOnlyList<string> principles, string? enabler, BlameHint? hint, ChatUser by, DateTime now)
    {
        var number = _findings.Where(f => f.Kind == kind).Select(f => f.Number).DefaultIfEmpty(0).Max() + 1;
        var finding = new PostMortemFinding(Id, kind, number, Clip(text.Trim(), MaxAnswerLength), principles, enabler, hint, by, now);
        _findings.Add(finding);
        State(kind == FindingKind.RootCause ? PostMortemSection.RootCauses : PostMortemSection.Lessons).MarkAnswered(by, now);
        Changed(now);
        return finding;
    }

    public void KeepWording(PostMortemFinding finding, ChatUser by, DateTime now)
    {
        finding.Keep(by, now);
        Changed(now);
    }

    public void Reword(PostMortemFinding finding, string text, BlameHint? hint, ChatUser by, DateTime now)
    {
        finding.Reword(Clip(text.Trim(), MaxAnswerLength), hint, by, now);
        Changed(now);
    }

    public void Skip(PostMortemSection section, string reason, ChatUser by, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        State(section).MarkSkipped(Clip(reason.Trim(), MaxReasonLength), by, now);
        Changed(now);
    }

    public void ExplainSingleCause(string reason, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        SingleCauseReason = Clip(reason.Trim(), MaxReasonLength);
        Changed(now);
    }

    public void MoveTo(PostMortemSection section, DateTime now)
    {
        if (CurrentSection != section)
        {
            CurrentSection = section;
            UpdatedAt = now;
            ConcurrencyStamp = Guid.NewGuid();
        }
    }

    /// <summary>Records that version <paramref name="version"/> was frozen.</summary>
    public void MarkPublished(int version, DateTime now)
    {
        PublishedVersion = version;
        PublishedAt = now;
        ChangedSincePublish = false;
        UpdatedAt = now;
        ConcurrencyStamp = Guid.NewGuid();
    }

    private void Changed(DateTime now)
    {
        UpdatedAt = now;
        ChangedSincePublish = PublishedVersion > 0;
        ConcurrencyStamp = Guid.NewGuid();
    }

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}

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

/// <summary>A frozen, published copy of the report. Versions count up from 1 per post-mortem.</summary>
public sealed class PostMortemVersion
{
    private PostMortemVersion()
    {
        Scope = string.Empty;
        PublishedById = string.Empty;
        PublishedByName = string.Empty;
        Markdown = string.Empty;
        Html = string.Empty;
    }

    public PostMortemVersion(PostMortem postMortem, int version, ChatUser by, DateTime now, string? qualityOverride, string markdown, string html)
    {
        Id = Guid.NewGuid();
        Scope = postMortem.Scope;
        PostMortemId = postMortem.Id;
        IncidentId = postMortem.IncidentId;
        Version = version;
        PublishedById = by.Id;
        PublishedByName = by.DisplayName;
        PublishedAt = now;
        QualityOverride = qualityOverride is null ? null : PostMortem.Clip(qualityOverride.Trim(), PostMortem.MaxReasonLength);
        Markdown = markdown;
        Html = html;
    }

    public Guid Id { get; private set; }
    public string Scope { get; private set; }
    public Guid PostMortemId { get; private set; }
    public Guid IncidentId { get; private set; }
    public int Version { get; private set; }
    public string PublishedById { get; private set; }
    public string PublishedByName { get; private set; }
    public DateTime PublishedAt { get; private set; }

    /// <summary>Why the commander published although the quality check had open points.</summary>
    public string? QualityOverride { get; private set; }

    public string Markdown { get; private set; }
    public string Html { get; private set; }
}
