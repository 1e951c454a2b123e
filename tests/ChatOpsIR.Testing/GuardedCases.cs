using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Testing;

/// <summary>Who a guarded verb, button or form is for, as the README's "Who may do what" says it.</summary>
public enum Allowed
{
    /// <summary>The commander, a deputy, an incident manager.</summary>
    CommandTeam,

    /// <summary>Anyone holding a role in the incident, an incident manager.</summary>
    RoleHolders,

    /// <summary>The item's owner, the commander, a deputy, an incident manager.</summary>
    ItemPeople,

    /// <summary>The item's owner, the commander, an incident manager (no deputy).</summary>
    ItemHandover,

    /// <summary>The holder of evidence E1 (the commander, who recorded it in the case's setup), a deputy, an incident manager.</summary>
    EvidenceHolder,
}

/// <summary>
/// One incident of a permission case, in a channel of its own: the commander declared it, an owner holds one action item,
/// and the post-mortem is started.
/// </summary>
public sealed partial record StagedIncident(string Channel, int Incident, int Item)
{
    public string Reference => Core.Incidents.Incident.FormatReference(Incident);

    public string ItemReference => $"A{Item}";

    /// <summary>The incident and item numbers read from the answers to its declaration and to the item's creation.</summary>
    public static StagedIncident Parse(string channel, string? declared, string? added) =>
        new(channel, Number(IncidentReference(), declared), Number(ItemReferencePattern(), added));

    private static int Number(Regex pattern, string? text) =>
        pattern.Match(text ?? string.Empty) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No reference in: {text}");

    [GeneratedRegex(@"INC-(\d+)")]
    private static partial Regex IncidentReference();

    [GeneratedRegex(@"\bA(\d+)\b")]
    private static partial Regex ItemReferencePattern();
}

/// <summary>
/// A guarded verb, button or form, the same on every front door: a typed <see cref="Line"/>, or a press of
/// <see cref="Verb"/> with its data. A form is a press whose data carries the inputs (<see cref="Answers"/>); where a
/// platform asks in a dialog (a Slack modal), <see cref="Opener"/> is the button that opens it. In lines and answers,
/// <c>{incident}</c> and <c>{item}</c> stand for the staged references and <c>{someone}</c> for a mention of an outsider,
/// written as the platform writes one.
/// </summary>
public sealed record GuardedCase(string Name, Allowed Allowed, string What)
{
    /// <summary>What the commander does first (resolve, before reopen or close).</summary>
    public string? Setup { get; init; }

    public string? Line { get; init; }

    public string? Verb { get; init; }

    public string? Opener { get; init; }

    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();

    public bool IsTyped => Line is not null;

    public bool IsForm => Answers.Count > 0;

    public string Fill(string text, StagedIncident staged, string someone) =>
        text.Replace("{incident}", staged.Reference, StringComparison.Ordinal)
            .Replace("{item}", staged.ItemReference, StringComparison.Ordinal)
            .Replace("{someone}", someone, StringComparison.Ordinal);

    /// <summary>The typed line, with the staged references and <paramref name="someone"/> filled in.</summary>
    public string TypedLine(StagedIncident staged, string someone) => Fill(Line!, staged, someone);

    /// <summary>What the button carries without the form's inputs: the item or incident it is about, and its own extras.</summary>
    public Dictionary<string, string> ButtonData(StagedIncident staged)
    {
        var data = Verb switch
        {
            CardVerbs.RunCommand => new Dictionary<string, string> { [CardVerbs.CommandLineKey] = Fill(Extra[CardVerbs.CommandLineKey], staged, string.Empty) },
            _ when CardVerbs.FamilyOf(Verb!) == ReminderVerbs.Family => new Dictionary<string, string> { [ReminderVerbs.ItemKey] = staged.Item.ToString(CultureInfo.InvariantCulture) },
            _ => new Dictionary<string, string> { [PostMortemVerbs.IncidentKey] = staged.Incident.ToString(CultureInfo.InvariantCulture) },
        };
        foreach (var (key, value) in Extra.Where(e => e.Key != CardVerbs.CommandLineKey))
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>The whole press: the button's data and the form's answers (<paramref name="someone"/> filled in).</summary>
    public Dictionary<string, string> PressData(StagedIncident staged, string someone)
    {
        var data = ButtonData(staged);
        foreach (var (key, value) in Answers)
        {
            data[key] = Fill(value, staged, someone);
        }

        return data;
    }

    /// <summary>The refusal, word for word: "Only … can …." with the platform's names of the commander and the item's owner.</summary>
    public string Refusal(StagedIncident staged, string commander, string owner)
    {
        var who = Allowed switch
        {
            Allowed.CommandTeam => $"the incident commander ({commander}), a deputy or an incident manager",
            Allowed.RoleHolders => $"someone with a role in {staged.Reference} (commander, deputy, scribe, comms or lead) or an incident manager",
            Allowed.ItemPeople => $"{owner} (the owner of {staged.ItemReference}), the incident commander ({commander}), a deputy or an incident manager",
            Allowed.EvidenceHolder => $"{commander} (who holds E1), the incident commander ({commander}), a deputy or an incident manager",
            _ => $"{owner} (the owner of {staged.ItemReference}), the incident commander ({commander}) or an incident manager",
        };
        return $"Only {who} can {Fill(What, staged, string.Empty)}.";
    }

    public override string ToString() => Name;
}

/// <summary>
/// Every guarded verb, button and form (see src/ChatOpsIR.Core/Access/PermissionMatrix.cs), written out rather than
/// derived from the matrix under test, for the front doors' permission matrices to drive each their own way.
/// </summary>
public static class GuardedCases
{
    private const string Resolve = "resolve Restored from backup";
    private const string Evidence = "evidence Memory image of FS01";

    public static readonly IReadOnlyList<GuardedCase> All =
    [
        new("resolve", Allowed.CommandTeam, "resolve {incident}") { Line = Resolve },
        new("reopen", Allowed.CommandTeam, "reopen {incident}") { Line = "reopen Attacker is back", Setup = Resolve },
        new("close", Allowed.CommandTeam, "close {incident}") { Line = "close False positive", Setup = Resolve },
        new("sev", Allowed.CommandTeam, "change the severity of {incident}") { Line = "sev 1" },
        new("role", Allowed.CommandTeam, "assign roles in {incident}") { Line = "role lead {someone}" },
        new("mark", Allowed.RoleHolders, "mark key moments of {incident}") { Line = "mark detected" },
        new("status", Allowed.RoleHolders, "post the status of {incident}") { Line = "status Contained; restoring shares" },
        new("invite", Allowed.CommandTeam, "invite people to {incident}") { Line = "invite {someone}" },
        new("action done", Allowed.ItemPeople, "close {item}") { Line = "action done {item}" },

        new("evidence stored", Allowed.EvidenceHolder, "record where E1 is kept") { Line = "evidence stored E1 Locker 4", Setup = Evidence },
        new("evidence transfer", Allowed.EvidenceHolder, "hand E1 to someone else") { Line = "evidence transfer E1 {someone} For imaging", Setup = Evidence },
        new("evidence release", Allowed.EvidenceHolder, "release E1") { Line = "evidence release E1 Returned to the owner", Setup = Evidence },
        new("evidence dispose", Allowed.EvidenceHolder, "dispose of E1") { Line = "evidence dispose E1 Wiped", Setup = Evidence },
        new("evidence supersede", Allowed.EvidenceHolder, "supersede E1") { Line = "evidence supersede E1 Replaced by E2", Setup = Evidence },
        new("custody step form", Allowed.EvidenceHolder, "dispose of E1")
        {
            Setup = Evidence,
            Verb = EvidenceVerbs.SaveStep,
            Opener = EvidenceVerbs.Step,
            Extra = new Dictionary<string, string> { [EvidenceVerbs.ItemKey] = "1" },
            Answers = new Dictionary<string, string> { [EvidenceVerbs.StepInput] = "dispose", [EvidenceVerbs.DetailsInput] = "Wiped" },
        },

        new("private", Allowed.CommandTeam, "make {incident} private") { Line = "private" },
        new("resolve button", Allowed.CommandTeam, "resolve {incident}") { Verb = CardVerbs.RunCommand, Extra = new Dictionary<string, string> { [CardVerbs.CommandLineKey] = "resolve {incident}" } },
        new("reminder done", Allowed.ItemPeople, "close {item}") { Verb = ReminderVerbs.Done },
        new("reminder snooze", Allowed.ItemPeople, "snooze {item}") { Verb = ReminderVerbs.Snooze, Extra = new Dictionary<string, string> { [ReminderVerbs.DaysKey] = "7" } },
        new("reminder new date", Allowed.ItemPeople, "change the due date of {item}") { Verb = ReminderVerbs.NewDate },
        new("new date form", Allowed.ItemPeople, "change the due date of {item}")
        {
            Verb = ReminderVerbs.SaveDate,
            Opener = ReminderVerbs.NewDate,
            Answers = new Dictionary<string, string> { [ReminderVerbs.DueInput] = "+30d" },
        },
        new("reminder reassign", Allowed.ItemHandover, "hand {item} to someone else") { Verb = ReminderVerbs.Reassign },
        new("reassign form", Allowed.ItemHandover, "hand {item} to someone else")
        {
            Verb = ReminderVerbs.SaveOwner,
            Opener = ReminderVerbs.Reassign,
            Answers = new Dictionary<string, string> { [ReminderVerbs.OwnerInput] = "{someone}" },
        },
        new("skip section", Allowed.CommandTeam, "skip a post-mortem section, and only with a reason") { Verb = PostMortemVerbs.Skip },
        new("skip form", Allowed.CommandTeam, "skip a post-mortem section, and only with a reason")
        {
            Verb = PostMortemVerbs.Skip,
            Opener = PostMortemVerbs.Skip,
            Answers = new Dictionary<string, string> { [PostMortemQuestions.Reason] = "Nothing to scope" },
        },
        new("publish", Allowed.CommandTeam, "publish the post-mortem of {incident}") { Verb = PostMortemVerbs.Publish },
        new("publish form", Allowed.CommandTeam, "publish the post-mortem of {incident}")
        {
            Verb = PostMortemVerbs.Publish,
            Opener = PostMortemVerbs.Publish,
            Answers = new Dictionary<string, string> { [PostMortemQuestions.Reason] = "Publishing early on purpose" },
        },
    ];

    /// <summary>For contrast, one case per kind of rule (typed, button, form) done by someone allowed: the commander, or the item's owner.</summary>
    public static readonly IReadOnlyList<(string Case, bool ByOwner)> AllowedCases =
    [
        ("sev", false),
        ("evidence transfer", false),
        ("custody step form", false),
        ("status", false),
        ("resolve button", false),
        ("publish form", false),
        ("reminder done", true),
        ("new date form", true),
        ("reassign form", true),
    ];

    public static GuardedCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>Theory data: the name of every case.</summary>
    public static IEnumerable<object[]> Names() => All.Select(c => new object[] { c.Name });

    /// <summary>Theory data: the allowed cases, and whether the item's owner (not the commander) does it.</summary>
    public static IEnumerable<object[]> AllowedNames() => AllowedCases.Select(a => new object[] { a.Case, a.ByOwner });

    /// <summary>Everything a guarded action could change, read back from the host's database.</summary>
    public static async Task<string> SnapshotAsync(IServiceProvider services, TenantScope scope, int number)
    {
        await using var request = services.CreateAsyncScope();
        var store = request.ServiceProvider.GetRequiredService<IIncidentStore>();
        var incident = (await store.FindIncidentAsync(scope, number, CancellationToken.None))!;
        var timeline = await store.GetTimelineAsync(scope, incident.Id, CancellationToken.None);
        var items = await store.GetActionItemsAsync(scope, incident.Id, CancellationToken.None);
        var postMortem = await store.FindPostMortemAsync(scope, incident.Id, CancellationToken.None);
        var roles = string.Join(",", incident.Roles.OrderBy(r => r.Role).Select(r => $"{r.Role}={r.UserId}"));
        var sections = postMortem is null ? "-" : string.Join(",", PostMortemSections.All.Select(s => postMortem.State(s).IsDone)) + $" v{postMortem.PublishedVersion}";
        var list = string.Join(";", items.Select(i => $"{i.Reference}:{i.Status}:{i.OwnerId}:{i.DueDate}:{i.SnoozedUntil}"));
        var members = string.Join(",", incident.Members.Select(m => m.UserId).Order(StringComparer.Ordinal));
        return $"{incident.Status}|{incident.Severity}|{incident.LastStatus}|{incident.DetectedAt}|{incident.IsPrivate}:{members}|{roles}|{timeline.Count}|{list}|{sections}";
    }
}
