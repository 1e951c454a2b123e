using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Commands;

/// <summary>A parsed command line. One record per verb of the grammar.</summary>
public abstract record Command(string Verb)
{
    /// <summary>
    /// The incident the line names (`note INC-0003 …` is 3); null when it names none and the channel's incident is meant.
    /// </summary>
    public int? IncidentNumber { get; init; }
}

public sealed record DeclareCommand(string Title, int? Severity, ExerciseKind Exercise, bool NewChannel) : Command("declare")
{
    /// <summary>`private`: seen only by the people in it; on Slack and Teams it gets a private war-room channel.</summary>
    public bool Private { get; init; }

    /// <summary>Whether the incident gets a channel of its own where the platform has channels: asked for, or private.</summary>
    public bool OpensChannel => NewChannel || Private;

    /// <summary>This declare line without new-channel: the incident in the conversation it was typed in.</summary>
    public string WithoutNewChannel()
    {
        var line = new System.Text.StringBuilder("declare ").Append(Title);
        if (Severity is { } severity)
        {
            line.Append(" sev").Append(severity);
        }

        if (Private)
        {
            line.Append(" private");
        }

        return Exercise switch
        {
            ExerciseKind.Tabletop => line.Append(" tabletop").ToString(),
            ExerciseKind.Simulation => line.Append(" simulation").ToString(),
            _ => line.ToString(),
        };
    }
}

/// <summary>A bare `declare`: show the declare form.</summary>
public sealed record DeclareFormCommand : Command
{
    public DeclareFormCommand() : base("declare") { }
}

public sealed record CaptureCommand(bool On) : Command("capture");

/// <summary>`backfill [since &lt;time&gt;]`: copy the channel's earlier messages into the timeline.</summary>
public sealed record BackfillCommand(TimeExpression? Since) : Command("backfill");

public sealed record NoteCommand(string Text, TimeExpression? At) : Command("note");

public sealed record StatusCommand(string Text) : Command("status");

public sealed record SeverityCommand(int Severity) : Command("sev");

public sealed record RoleCommand(IncidentRoleKind Role, UserMention User) : Command("role");

/// <summary>`invite @person`: lets a person into the incident (and its channel, where the platform can add them).</summary>
public sealed record InviteCommand(UserMention User) : Command("invite");

/// <summary>`private` (or `make private`): an incident already running is kept to its people from now on.</summary>
public sealed record MakePrivateCommand : Command
{
    public MakePrivateCommand() : base("private") { }
}

public sealed record MarkCommand(KeyMoment Moment, TimeExpression? At) : Command("mark");

public sealed record EvidenceCommand(string Description, string? Sha256, string? Link) : Command("evidence");

/// <summary>A bare `evidence`: show the form that records an item.</summary>
public sealed record EvidenceFormCommand : Command
{
    public EvidenceFormCommand() : base("evidence") { }
}

/// <summary>`evidence list`: every item of the incident with its holder and state.</summary>
public sealed record ListEvidenceCommand : Command
{
    public ListEvidenceCommand() : base("evidence") { }
}

/// <summary>`evidence E2`: the item's card with its whole chain of custody.</summary>
public sealed record ShowEvidenceCommand(int Number) : Command("evidence");

/// <summary>
/// A step of an item's chain of custody (`evidence transfer E2 @olga For imaging`): <see cref="Text"/> is where it is
/// stored, or why, how or to whom; <see cref="To"/> the person it is handed to; <see cref="Sha256"/> the hash checked.
/// </summary>
public sealed record CustodyCommand(CustodyStep Step, int Number, string? Text, UserMention? To = null, string? Sha256 = null) : Command("evidence");

public sealed record ResolveCommand(string? Summary) : Command("resolve");

/// <summary>`reopen [reason]`: a resolved or closed incident is open again.</summary>
public sealed record ReopenCommand(string? Reason) : Command("reopen");

/// <summary>`close &lt;reason&gt;`: the commander ends a resolved incident without (or after) its post-mortem.</summary>
public sealed record CloseCommand(string Reason) : Command("close");

public sealed record PostMortemCommand(bool StatusOnly) : Command("postmortem");

public sealed record AddActionCommand(UserMention Owner, DueDateExpression Due, string Text) : Command("action");

public sealed record CompleteActionCommand(int Number) : Command("action");

/// <summary>`action A3 kind monitoring` sets an item's kind; with no kind (null) it asks with a form.</summary>
public sealed record SetActionKindCommand(int Number, Incidents.ActionItemKind? Kind) : Command("action");

public sealed record TimelineCommand : Command
{
    public TimelineCommand() : base("timeline") { }
}

/// <summary>
/// `summary [INC-n] [lines]`: a catch-up card for someone joining late, with the last <see cref="Lines"/> timeline entries;
/// <see cref="Capped"/> when more were asked for than a summary shows.
/// </summary>
public sealed record SummaryCommand(int Lines, bool Capped = false) : Command("summary");

public sealed record ListActionsCommand : Command
{
    public ListActionsCommand() : base("actions") { }
}

public sealed record ReportCommand : Command
{
    public ReportCommand() : base("report") { }
}

public sealed record MetricsCommand : Command
{
    public MetricsCommand() : base("metrics") { }
}

public sealed record PlanReviewNowCommand : Command
{
    public PlanReviewNowCommand() : base("plan") { }
}

public sealed record PlanStatusCommand : Command
{
    public PlanStatusCommand() : base("plan") { }
}

/// <summary>`audit verify`: walk the scope's audit chain; `audit [INC-n]`: the latest changes to an incident's record.</summary>
public sealed record AuditCommand(bool Verify) : Command("audit");

/// <summary>`export [INC-n]`: signed links to the incident's record as JSON and Markdown.</summary>
public sealed record ExportCommand : Command
{
    public ExportCommand() : base("export") { }
}

/// <summary>`export plan [year]`: signed links to a plan review's sign-off (the latest, or the last of that year).</summary>
public sealed record ExportPlanCommand(int? Year) : Command("export");

public sealed record HelpCommand(string? Topic) : Command("help");

/// <summary>
/// A person named in a command: <c>@name</c> in the line. Where the platform itself identified the person (a Slack or
/// Teams @mention), the adapter wrote the mention as <c>@word</c> and put who it is in
/// <see cref="Conversations.CommandContext.Mentions"/> under that word; <see cref="Id"/> is then what the platform
/// knows them by. Otherwise the name is as typed, and the platform's resolver decides what it stands for.
/// </summary>
public sealed record UserMention(string Id, string? DisplayName)
{
    public ChatUser ToUser() => new(Id, DisplayName ?? Id);
}
