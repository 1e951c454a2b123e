using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Teams.Protocol;

namespace ChatOpsIR.Teams.Activities;

/// <summary>
/// One authenticated activity with what every handler needs checked present: the tenant, the Connector it came through
/// (its serviceUrl), the conversation, the person and the bot. Built by <see cref="TeamsActivityDispatcher"/>.
/// </summary>
public sealed record TeamsTurn(Activity Activity, string TenantId, string ServiceUrl, string ConversationId, string UserId, string BotId)
{
    /// <summary>The turn of <paramref name="activity"/>, or null when it does not say who sent it, where, or to which bot.</summary>
    public static TeamsTurn? From(Activity activity, string tenantId) =>
        activity is { ServiceUrl: { Length: > 0 } serviceUrl, Conversation.Id: { Length: > 0 } conversationId, From.Id: { Length: > 0 } userId, Recipient.Id: { Length: > 0 } botId }
            ? new TeamsTurn(activity, tenantId, serviceUrl, conversationId, userId, botId)
            : null;

    /// <summary>Teams' id of the activity, when it has one.</summary>
    public string? ActivityId => Activity.Id is { Length: > 0 } id ? id : null;

    public string? ConversationType => Activity.Conversation?.ConversationType;

    /// <summary>The person's name as Teams shows it, else their id.</summary>
    public string UserName => Activity.From?.Name is { Length: > 0 } name ? name : UserId;

    /// <summary>The Core scope of the tenant.</summary>
    public TenantScope Scope => TenantScope.Teams(TenantId);

    /// <summary>The channel (or chat) an incident of this conversation belongs to.</summary>
    public string ChannelKey => TeamsKeys.ChannelOf(Activity);

    /// <summary>The zone the person's Teams client reports (bare times are read in it); UTC when it reports none Windows or IANA knows.</summary>
    public TimeZoneInfo Zone
    {
        get
        {
            var id = Activity.LocalTimezone ?? Activity.Entities?.FirstOrDefault(e => e.Type == "clientInfo")?.Timezone;
            return !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
        }
    }
}
