using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.SlowWork;

/// <summary>How slow work runs.</summary>
public sealed class SlowWorkOptions
{
    /// <summary>Longer than the slowest run (a backfill of 5,000 messages, a channel created after Retry-After waits).</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(15);

    /// <summary>How long a claim belongs to the run that made it; after that, a host that died is taken over.</summary>
    public TimeSpan Lease { get; init; } = DefaultLease;
}

public enum WorkKind
{
    /// <summary>`declare … new-channel`: create the war-room channel and declare the incident there.</summary>
    OpenWarRoom = 1,

    /// <summary>`backfill`: read the channel's history into the timeline.</summary>
    Backfill = 2,

    /// <summary>
    /// `declare … new-channel` from a conversation no channel can be opened from (<see cref="CommandContext.CanOpenChannel"/>
    /// false): declare the incident in that conversation, with a note why there is no war room.
    /// </summary>
    DeclareHere = 3,

    /// <summary>"Add as evidence" on a shared file: download it, hash it, record it (the file reference is in <see cref="WorkItem.Line"/>).</summary>
    EvidenceFile = 4,
}

/// <summary>
/// Slow work a command started and the platform was already told about: stored in the same transaction as the command's
/// answer, before the acknowledgement goes out, then run by a background job (see <see cref="SlowWorkRunner"/>). A host
/// that dies before the job ran loses nothing: the start-up sweep queues it again.
/// </summary>
public sealed class WorkItem
{
    public const int MaxReplyAddressLength = 4000;
    public const int MaxLineLength = 4000;

    /// <summary>Runs that did not finish after this many tries are not queued again by the sweep.</summary>
    public const int MaxAttempts = 6;

    private WorkItem()
    {
        RequesterId = string.Empty;
        RequesterName = string.Empty;
        ChannelId = string.Empty;
        Line = string.Empty;
        ReplyAddress = string.Empty;
        TimeZoneId = "UTC";
    }

    public WorkItem(CommandContext context, WorkKind kind, string line, string replyAddress, DateTime createdAt)
    {
        Id = Guid.NewGuid();
        Scope = context.Scope;
        Kind = kind;
        Platform = context.Platform;
        RequesterId = context.User.Id;
        RequesterName = context.User.DisplayName;
        RequesterDirectoryId = context.UserDirectoryId;
        ChannelId = context.ChannelId;
        ChannelName = context.ChannelName;
        TimeZoneId = context.TimeZone.Id;
        Line = line;
        ReplyAddress = replyAddress;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public TenantScope Scope { get; private set; }
    public WorkKind Kind { get; private set; }
    public Platform Platform { get; private set; }
    public string RequesterId { get; private set; }
    public string RequesterName { get; private set; }
    public string? RequesterDirectoryId { get; private set; }

    /// <summary>The channel the command was typed in.</summary>
    public string ChannelId { get; private set; }

    public string? ChannelName { get; private set; }

    /// <summary>The zone bare times in the command are read in (the requester's).</summary>
    public string TimeZoneId { get; private set; }

    /// <summary>The command line as typed; for <see cref="WorkKind.EvidenceFile"/>, the file reference (<see cref="EvidenceFiles.SharedFile.Write"/>).</summary>
    public string Line { get; private set; }

    /// <summary>Where answers go later, in the adapter's own terms (opaque to Core): Slack's response_url, Teams' conversation.</summary>
    public string ReplyAddress { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When a run finished it (done, or told the requester why not); null while there is work to do.</summary>
    public DateTime? CompletedAt { get; private set; }

    /// <summary>How many runs claimed it.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the current run claimed it; a claim older than <see cref="SlowWorkOptions.Lease"/> may be taken over.</summary>
    public DateTime? ClaimedAt { get; private set; }

    /// <summary>Who holds the claim: only that run can record progress or complete it.</summary>
    public Guid? ClaimToken { get; private set; }

    /// <summary>The war-room channel once it was created, so a second run uses it instead of creating another.</summary>
    public string? CreatedChannelId { get; private set; }

    public string? CreatedChannelName { get; private set; }

    public string? CreatedChannelUrl { get; private set; }

    public ChatUser Requester => new(RequesterId, RequesterName);

    /// <summary>The command's context again, as it was when the command was typed (without its delivery id and reply address).</summary>
    public CommandContext Context() =>
        new(Scope, Platform, ChannelId, Requester)
        {
            ChannelName = ChannelName,
            TimeZone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc,
            UserDirectoryId = RequesterDirectoryId,
        };
}
