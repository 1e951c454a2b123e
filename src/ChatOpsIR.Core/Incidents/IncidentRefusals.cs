using ChatOpsIR.Core.Conversations;

namespace ChatOpsIR.Core.Incidents;

/// <summary>The answers that refuse a person what only another role may do, worded once for every workflow.</summary>
public static class IncidentRefusals
{
    /// <summary>"Only the incident commander (Alice) can …": <paramref name="what"/> completes the sentence.</summary>
    public static BotReply OnlyTheCommander(Incident incident, string what) =>
        BotReply.Error($"Only the incident commander ({incident.Holder(IncidentRoleKind.Commander)?.DisplayName}) can {what}.");
}
