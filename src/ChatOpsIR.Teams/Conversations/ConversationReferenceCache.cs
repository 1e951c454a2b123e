using System.Collections.Concurrent;

namespace ChatOpsIR.Teams.Conversations;

/// <summary>
/// The last conversation reference this process saved, per tenant and conversation, so an activity writes its reference
/// only when something stored about the conversation changed (its serviceUrl, bot, type, team or channel; in a 1:1 chat
/// its person), or when the conversation was not yet seen since the process started. Every activity brings its reference
/// along; without this, each would cost a database round trip.
/// </summary>
/// <remarks>
/// A missing team, channel or person on a newer sighting keeps the stored one, as the address book does. The stored
/// last-used time therefore says when a conversation was first seen or last changed, which is all its readers need: a
/// serviceUrl that moves is written at once.
/// </remarks>
public sealed class ConversationReferenceCache
{
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<(string Tenant, string Conversation), ConversationReference> _saved = new();

    /// <summary>True when <paramref name="reference"/> would change what was last saved for its conversation, or nothing was.</summary>
    public bool NeedsSaving(ConversationReference reference) =>
        !_saved.TryGetValue((reference.TenantId, reference.ConversationId), out var saved) || Changes(saved, reference);

    /// <summary>Remembers what was saved, with the fields a newer sighting left out kept from before.</summary>
    public void Saved(ConversationReference reference)
    {
        if (_saved.Count >= MaxEntries)
        {
            _saved.Clear();
        }

        _saved.AddOrUpdate(
            (reference.TenantId, reference.ConversationId),
            reference,
            (_, saved) => reference with
            {
                UserId = reference.UserId ?? saved.UserId,
                UserAadObjectId = reference.UserAadObjectId ?? saved.UserAadObjectId,
                TeamId = reference.TeamId ?? saved.TeamId,
                ChannelId = reference.ChannelId ?? saved.ChannelId,
            });
    }

    /// <summary>
    /// Whether <paramref name="next"/> says something new. The person is part of a 1:1 chat's reference (direct messages
    /// find the chat by them); in a channel or group chat it is only who spoke last.
    /// </summary>
    private static bool Changes(ConversationReference saved, ConversationReference next) =>
        saved.ConversationType != next.ConversationType
        || saved.ServiceUrl != next.ServiceUrl
        || saved.BotId != next.BotId
        || Differs(saved.TeamId, next.TeamId)
        || Differs(saved.ChannelId, next.ChannelId)
        || (next.ConversationType == StoredConversationReferenceStore.PersonalKind
            && (Differs(saved.UserId, next.UserId) || Differs(saved.UserAadObjectId, next.UserAadObjectId)));

    private static bool Differs(string? saved, string? next) => next is not null && next != saved;
}
