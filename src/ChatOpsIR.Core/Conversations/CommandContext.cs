using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Conversations;

/// <summary>
/// Who typed a command, where, and on which platform. <see cref="Scope"/> is the workspace or tenant and
/// bounds every read and write. <see cref="DeliveryId"/> is the platform's id for this delivery: a retry
/// with the same id gets the first answer again and changes nothing.
/// </summary>
public sealed record CommandContext(TenantScope Scope, Platform Platform, string ChannelId, ChatUser User)
{
    public string? ChannelName { get; init; }
    public string? DeliveryId { get; init; }

    /// <summary>
    /// Where the adapter can answer this command later (opaque to Core; Slack: the response_url and the conversation,
    /// Teams: the conversation at its serviceUrl). Null where nothing can be answered later: slow work then runs inline.
    /// </summary>
    public string? ReplyAddress { get; init; }

    /// <summary>
    /// The people the platform identified in the line (its @mentions, or people picked in a form), keyed by the word that
    /// stands for each after the <c>@</c>. Adapters translate their platform's mention syntax into this, so Core knows
    /// none; a typed <c>@name</c> that is not a key here is only a name.
    /// </summary>
    public IReadOnlyDictionary<string, Commands.UserMention> Mentions { get; init; } = NoMentions;

    private static readonly IReadOnlyDictionary<string, Commands.UserMention> NoMentions = new Dictionary<string, Commands.UserMention>();

    /// <summary>
    /// Whether the conversation can have a new channel opened from it. False where the platform has nowhere to add one
    /// (a Teams group chat or 1:1 chat, which belongs to no team): `declare … new-channel` then declares the incident
    /// here, with a note why there is no war room.
    /// </summary>
    public bool CanOpenChannel { get; init; } = true;

    /// <summary>
    /// Set by an adapter that posts the answer itself (through the platform's API, not in the HTTP response): slow work
    /// the command stages is then stored but not started, and the adapter starts it once the answer is out
    /// (<c>CommandService.StartWorkAsync</c>), so the work's result never arrives before the answer that announces it.
    /// Should the host stop in between, the sweep starts the stored item.
    /// </summary>
    public bool StartsWorkAfterAnswer { get; init; }

    /// <summary>The time zone in which bare times such as "14:05" are read.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// The person's id in their organisation's directory, where the platform sends one beside <see cref="ChatUser.Id"/>
    /// (Teams: the Entra object id). Someone recorded by it (picked in a form before the bot knew them) is this person.
    /// </summary>
    public string? UserDirectoryId { get; init; }

    /// <summary>
    /// The directory groups the platform vouches the person belongs to, where it sends them with the request (the web war
    /// room: the group claim of the signed-in session). Empty where the platform must be asked instead.
    /// </summary>
    public IReadOnlySet<string> DirectoryGroups { get; init; } = NoGroups;

    private static readonly IReadOnlySet<string> NoGroups = new HashSet<string>();

    /// <summary>
    /// True where a reply meant for the caller alone is seen by everyone in the conversation (a Teams channel or group
    /// chat, where bots cannot answer one person): what must stay private is then not given here.
    /// </summary>
    public bool SharedReplies { get; init; }

    /// <summary>True when <paramref name="userId"/> is the person acting: their platform id or their directory id.</summary>
    public bool IsUser(string userId) =>
        userId == User.Id || (UserDirectoryId is { Length: > 0 } directoryId && string.Equals(userId, directoryId, StringComparison.OrdinalIgnoreCase));
}
