namespace ChatOpsIR.Core.Access;

/// <summary>
/// What not everyone in a channel may do to an incident or an action item. <see cref="PermissionMatrix"/> says who may
/// do each; <see cref="IncidentPermissions"/> is the one place that decides.
/// </summary>
public enum GuardedAction
{
    Resolve = 0,
    Reopen = 1,
    Close = 2,
    PublishPostMortem = 3,
    SkipSection = 4,
    AssignRole = 5,
    ChangeSeverity = 6,

    /// <summary>Make an incident visible to its members only (`private`).</summary>
    MakePrivate = 7,

    /// <summary>Add a member to an incident (`invite`).</summary>
    Invite = 8,

    MarkMoment = 9,
    PostStatus = 10,
    CloseActionItem = 11,
    SnoozeActionItem = 12,
    RedateActionItem = 13,
    ReassignActionItem = 14,

    /// <summary>Record where an item of evidence is kept (`evidence stored`); also its holder's.</summary>
    StoreEvidence = 15,

    /// <summary>Hand an item of evidence to someone else (`evidence transfer`); also its holder's.</summary>
    TransferEvidence = 16,

    /// <summary>End custody by releasing an item (`evidence release`); also its holder's.</summary>
    ReleaseEvidence = 17,

    /// <summary>End custody by destroying an item (`evidence dispose`); also its holder's.</summary>
    DisposeEvidence = 18,

    /// <summary>Mark an item superseded (`evidence supersede`); also its holder's.</summary>
    SupersedeEvidence = 19,

    /// <summary>Set the kind of an action item outside the post-mortem (`action A3 kind monitoring`).</summary>
    ClassifyActionItem = 20,
}

/// <summary>The kinds of people a guarded action can be allowed to; an action's rule is a combination of them.</summary>
[Flags]
public enum Grantee
{
    None = 0,
    Commander = 1,
    Deputy = 2,

    /// <summary>A member of the configured incident managers of the platform (<c>Permissions:IncidentManagers:*</c>).</summary>
    IncidentManager = 4,

    /// <summary>Anyone holding a role in the incident: commander, deputy, scribe, comms or lead.</summary>
    RoleHolder = 8,

    /// <summary>The owner of the action item acted on (for evidence: its holder, whom the evidence workflows check).</summary>
    ItemOwner = 16,
}
