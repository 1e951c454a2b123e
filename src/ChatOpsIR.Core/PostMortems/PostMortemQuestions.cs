using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>One question of a section: the same definition builds the card input, validates the answer and labels the report.</summary>
public sealed record Question(string Id, string Label, InputKind Kind)
{
    public bool IsRequired { get; init; }
    public string? Placeholder { get; init; }
    public int MaxLength { get; init; } = PostMortem.MaxAnswerLength;
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>For numbers: the answer must be a whole number of at least zero (or "unknown").</summary>
    public bool IsCount { get; init; }

    /// <summary>Title of a chosen value, or the value itself.</summary>
    public string Describe(string value) => Kind is InputKind.Choice or InputKind.MultiChoice
        ? string.Join(", ", value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Choices.FirstOrDefault(c => c.Value == v)?.Title ?? v))
        : value;

    public InputElement ToInput(string? value) => new(Id, Label, Kind)
    {
        IsRequired = IsRequired,
        Placeholder = Placeholder,
        MaxLength = Kind is InputKind.Text or InputKind.MultilineText ? MaxLength : null,
        Choices = Choices,
        Value = value,
    };
}

/// <summary>
/// The questions of every section, as data. Field ids are stable: answers are stored under them, cards send them
/// back, and Slack uses them as block ids (so they never start with an underscore).
/// </summary>
public static class PostMortemQuestions
{
    public const string CauseText = "pm.cause.text";
    public const string CausePrinciples = "pm.cause.principles";
    public const string CauseEnabler = "pm.cause.enabler";
    public const string LessonText = "pm.lesson.text";
    public const string ActionTitle = "pm.action.title";
    public const string ActionOwner = "pm.action.owner";
    public const string ActionDue = "pm.action.due";
    public const string ActionKind = "pm.action.kind";
    public const string ActionReach = "pm.action.reach";
    public const string TimelineGaps = "pm.timeline.gaps";
    public const string ImpactConfidentiality = "pm.impact.confidentiality";
    public const string ImpactData = "pm.impact.data";
    public const string ImpactPeople = "pm.impact.people";
    public const string ImpactCost = "pm.impact.cost";
    public const string ImpactHours = "pm.impact.hours";
    public const string SummaryAsks = "pm.summary.asks";
    public const string SummaryRisk = "pm.summary.risk";
    public const string SummaryCostTime = "pm.summary.costtime";
    public const string Reason = "pm.reason";
    public const string Reworded = "pm.reworded";

    private static readonly IReadOnlyList<Choice> Levels = [new("None", "none"), new("Low", "low"), new("Moderate", "moderate"), new("High", "high")];

    private static readonly IReadOnlyList<Choice> Controls =
    [
        new("Firewall", "firewall"),
        new("IDS / IPS", "ids-ips"),
        new("Identity and access (IAM)", "iam"),
        new("Monitoring and alerting", "monitoring"),
        new("SIEM / EDR", "siem-edr"),
        new("Backups", "backups"),
    ];

    public static IReadOnlyList<Choice> DataCategories { get; } =
    [
        new("Personal data", "personal"),
        new("Health data", "health"),
        new("Payment card data", "payment"),
        new("Credentials or secrets", "credentials"),
    ];

    public static IReadOnlyList<Choice> ActionKinds { get; } =
    [
        new("Configuration change", "configuration"),
        new("Policy or procedure", "policy"),
        new("Monitoring", "monitoring"),
        new("Training", "training"),
        new("Awareness", "awareness"),
        new("Architecture", "architecture"),
    ];

    public static IReadOnlyList<Choice> ActionReaches { get; } =
    [
        new("Removes a class of problems", "class"),
        new("Patches one instance", "instance"),
    ];

    public static IReadOnlyList<Question> For(PostMortemSection section) => section switch
    {
        PostMortemSection.Scope =>
        [
            new("pm.scope.systems", "Which systems were involved?", InputKind.MultilineText) { IsRequired = true, Placeholder = "e.g. file server FS01, the HR SaaS tenant, laptops in Finance" },
            new("pm.scope.kinds", "Where do they run?", InputKind.MultiChoice)
            {
                Choices = [new("On premises", "on-premises"), new("IaaS", "iaas"), new("PaaS", "paas"), new("SaaS", "saas"), new("Endpoints", "endpoints")],
            },
            new("pm.scope.sources", "Which logs and data sources did you use?", InputKind.MultilineText) { IsRequired = true, Placeholder = "e.g. EDR telemetry, firewall logs, the SaaS audit log" },
            new("pm.scope.missing", "Which sources were missing? What would you have needed?", InputKind.MultilineText) { IsRequired = true, Placeholder = "Missing sources are findings too. Write \"none\" if nothing was missing." },
        ],
        PostMortemSection.Timeline =>
        [
            new(TimelineGaps, "Explain the gaps flagged above (what was happening?)", InputKind.MultilineText) { Placeholder = "e.g. 02:10–04:30 waiting for the hosting provider to answer" },
            new("pm.timeline.notes", "Corrections or comments on the timeline", InputKind.MultilineText) { Placeholder = "Add missing events with `note <text> at 14:05`; move a key moment with `mark contained 15:20`." },
        ],
        PostMortemSection.RootCauses =>
        [
            new(CauseText, "Describe a root cause", InputKind.MultilineText) { IsRequired = true, MaxLength = 2000, Placeholder = "Describe the condition that made it possible, not who tripped over it" },
            new(CausePrinciples, "Which first principles failed?", InputKind.MultiChoice) { IsRequired = true, Choices = FirstPrinciples.All.Select(p => new Choice(p.Title, p.Value)).ToList() },
            new(CauseEnabler, "What enabled it?", InputKind.Choice) { IsRequired = true, Choices = [new("Process", "process"), new("Tooling", "tooling"), new("Workload", "workload")] },
        ],
        PostMortemSection.Impact =>
        [
            new(ImpactConfidentiality, "Confidentiality impact", InputKind.Choice) { IsRequired = true, Choices = Levels },
            new("pm.impact.integrity", "Integrity impact", InputKind.Choice) { IsRequired = true, Choices = Levels },
            new("pm.impact.availability", "Availability impact", InputKind.Choice) { IsRequired = true, Choices = Levels },
            new(ImpactData, "Data categories affected (each may start a notification clock)", InputKind.MultiChoice) { Choices = DataCategories },
            new(ImpactPeople, "People or customers affected (a number, or \"unknown\")", InputKind.Text) { IsRequired = true, IsCount = true, MaxLength = 20 },
            new(ImpactCost, "Rough cost in money (a number, or \"unknown\")", InputKind.Text) { IsCount = true, MaxLength = 20 },
            new(ImpactHours, "Rough effort in person-hours (a number, or \"unknown\")", InputKind.Text) { IsCount = true, MaxLength = 20 },
            new("pm.impact.notes", "Anything else about the impact", InputKind.MultilineText),
        ],
        PostMortemSection.Response =>
        [
            new("pm.response.worked", "Controls that worked", InputKind.MultiChoice) { Choices = Controls },
            new("pm.response.failed", "Controls that failed or were missing", InputKind.MultiChoice) { Choices = Controls },
            new("pm.response.communication", "How did communication and collaboration go?", InputKind.MultilineText) { IsRequired = true },
            new("pm.response.well", "What went well?", InputKind.MultilineText) { IsRequired = true },
            new("pm.response.poorly", "What did not go well?", InputKind.MultilineText) { IsRequired = true },
        ],
        PostMortemSection.Lessons =>
        [
            new(LessonText, "A lesson learned", InputKind.MultilineText) { IsRequired = true, MaxLength = 2000, Placeholder = "What do we know now that we did not before? Describe systems and conditions, not people." },
        ],
        PostMortemSection.ActionItems =>
        [
            new(ActionTitle, "What needs doing?", InputKind.Text) { IsRequired = true, MaxLength = ActionItem.MaxTitleLength },
            new(ActionOwner, "Owner", InputKind.Person) { IsRequired = true, MaxLength = 200, Placeholder = "@name" },
            new(ActionDue, "Due date", InputKind.Date) { IsRequired = true },
            new(ActionKind, "Kind", InputKind.Choice) { IsRequired = true, Choices = ActionKinds },
            new(ActionReach, "Does it remove a class of problems or patch one instance?", InputKind.Choice) { IsRequired = true, Choices = ActionReaches },
        ],
        PostMortemSection.Training =>
        [
            new("pm.training.what", "What do people need to learn or be reminded of?", InputKind.MultilineText) { IsRequired = true },
            new("pm.training.who", "Who needs it?", InputKind.MultilineText) { IsRequired = true, Placeholder = "Teams or roles, e.g. all staff, on-call engineers, the service desk" },
        ],
        PostMortemSection.Summary =>
        [
            new(SummaryAsks, "The top asks for decision makers (at most three)", InputKind.MultilineText) { IsRequired = true, MaxLength = 1500 },
            new(SummaryRisk, "Risk versus reward: what happens if we do nothing, and what do the asks buy?", InputKind.MultilineText) { IsRequired = true, MaxLength = 1500 },
            new(SummaryCostTime, "Rough cost and time for the asks", InputKind.Text) { IsRequired = true, MaxLength = 300 },
        ],
        _ => [],
    };

    public static Question? Find(PostMortemSection section, string id) => For(section).FirstOrDefault(q => q.Id == id);
}
