using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.Core.Conversations;

/// <summary>Who sees a reply: only the person who asked, or everyone in the channel.</summary>
public enum ReplyAudience
{
    Caller = 0,
    Channel = 1,
}

public enum ReplyKind
{
    Success = 0,
    Info = 1,
    Error = 2,
}

/// <summary>What a workflow answers. Adapters render it in their platform's format.</summary>
public sealed record BotReply(ReplyAudience Audience, ReplyKind Kind, string Text, Card? Card = null)
{
    public static BotReply Error(string text, Card? card = null) => new(ReplyAudience.Caller, ReplyKind.Error, text, card);

    public static BotReply Private(string text, Card? card = null) => new(ReplyAudience.Caller, ReplyKind.Info, text, card);

    public static BotReply ToChannel(string text, Card? card = null) => new(ReplyAudience.Channel, ReplyKind.Success, text, card);

    public bool IsError => Kind == ReplyKind.Error;

    /// <summary>The slow work this answer announces, stored to be done after it (a war room to open, a history to read).</summary>
    public SlowWork.WorkKind? Staged { get; init; }

    /// <summary>
    /// The stored item of <see cref="Staged"/> work not yet handed to the scheduler: set only when the context asked for
    /// <see cref="CommandContext.StartsWorkAfterAnswer"/>; the adapter starts it with <c>CommandService.StartWorkAsync</c>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid? WorkToStart { get; init; }

    /// <summary>For a form submission: what is wrong with each field, by input id (shown beside the field where the platform can).</summary>
    public IReadOnlyDictionary<string, string>? FieldErrors { get; init; }

    /// <summary>
    /// Set on the answer to an attempt someone was not allowed to make (a guarded action, or a private incident they are
    /// not in): the attempt is written to the audit trail, though nothing else is.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RefusedAttempt? Refused { get; init; }

    /// <summary>
    /// Direct messages to send once the answer's changes are saved (the new holder of an item of evidence is told). Sent
    /// after the save, so nobody hears of a change that was not kept; never stored, so a retry does not send them again.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Ports.DirectMessage> Notices { get; init; } = [];

    /// <summary>True when this is the stored answer to a delivery that was already handled (a platform retry).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Replayed { get; init; }
}

/// <summary>What was refused, for the audit trail: the incident, the subject (`INC-0004`, `INC-0004/A2`) and why.</summary>
public sealed record RefusedAttempt(Guid IncidentId, string Subject, string Reason);
