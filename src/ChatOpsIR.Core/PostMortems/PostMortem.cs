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
        StartedById = string.Empty;
        StartedByName = string.Empty;
    }

    public Guid Id { get; private set; }
    public TenantScope Scope { get; private set; }
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
