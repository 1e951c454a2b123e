namespace ChatOpsIR.Core.Access;

/// <summary>
/// Who may do what: the single source of the rules (the README's "Who may do what" repeats them for people). What is
/// not listed here (notes, recording and verifying evidence, action items, post-mortem answers, reading) is open to anyone in the channel.
/// </summary>
public static class PermissionMatrix
{
    private const Grantee CommandTeam = Grantee.Commander | Grantee.Deputy | Grantee.IncidentManager;

    private static readonly Dictionary<GuardedAction, (Grantee Who, string What)> Rules = new()
    {
        [GuardedAction.Resolve] = (CommandTeam, "resolve {0}"),
        [GuardedAction.Reopen] = (CommandTeam, "reopen {0}"),
        [GuardedAction.Close] = (CommandTeam, "close {0}"),
        [GuardedAction.PublishPostMortem] = (CommandTeam, "publish the post-mortem of {0}"),
        [GuardedAction.SkipSection] = (CommandTeam, "skip a post-mortem section, and only with a reason"),
        [GuardedAction.AssignRole] = (CommandTeam, "assign roles in {0}"),
        [GuardedAction.ChangeSeverity] = (CommandTeam, "change the severity of {0}"),
        [GuardedAction.MakePrivate] = (CommandTeam, "make {0} private"),
        [GuardedAction.Invite] = (CommandTeam, "invite people to {0}"),
        [GuardedAction.MarkMoment] = (Grantee.RoleHolder | Grantee.IncidentManager, "mark key moments of {0}"),
        [GuardedAction.PostStatus] = (Grantee.RoleHolder | Grantee.IncidentManager, "post the status of {0}"),
        [GuardedAction.CloseActionItem] = (Grantee.ItemOwner | CommandTeam, "close {1}"),
        [GuardedAction.SnoozeActionItem] = (Grantee.ItemOwner | CommandTeam, "snooze {1}"),
        [GuardedAction.RedateActionItem] = (Grantee.ItemOwner | CommandTeam, "change the due date of {1}"),
        [GuardedAction.ReassignActionItem] = (Grantee.ItemOwner | Grantee.Commander | Grantee.IncidentManager, "hand {1} to someone else"),
        [GuardedAction.ClassifyActionItem] = (Grantee.ItemOwner | CommandTeam, "set the kind of {1}"),
        [GuardedAction.StoreEvidence] = (Grantee.ItemOwner | CommandTeam, "record where {1} is kept"),
        [GuardedAction.TransferEvidence] = (Grantee.ItemOwner | CommandTeam, "hand {1} to someone else"),
        [GuardedAction.ReleaseEvidence] = (Grantee.ItemOwner | CommandTeam, "release {1}"),
        [GuardedAction.DisposeEvidence] = (Grantee.ItemOwner | CommandTeam, "dispose of {1}"),
        [GuardedAction.SupersedeEvidence] = (Grantee.ItemOwner | CommandTeam, "supersede {1}"),
    };

    /// <summary>The people <paramref name="action"/> is allowed to.</summary>
    public static Grantee Who(GuardedAction action) => Rules[action].Who;

    /// <summary>What the action is, to finish "Only … can": {0} is the incident's reference, {1} the action item's (or the evidence item's).</summary>
    public static string What(GuardedAction action, string incident, string? item) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Rules[action].What, incident, item ?? "the action item");

    /// <summary>Every guarded action, for tests and documentation that walk the whole matrix.</summary>
    public static IReadOnlyCollection<GuardedAction> Actions => Rules.Keys;
}
