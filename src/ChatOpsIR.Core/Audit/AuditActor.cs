using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Audit;

/// <summary>
/// Whom the changes of a unit of work are done for, as the audit trail names them: set where a command, a button or a
/// captured message is taken in. Work nobody asked for at that moment (a reminder's escalation, a sweep) is ChatOpsIR's.
/// </summary>
public sealed class AuditActor
{
    public static readonly ChatUser System = new("chatopsir", "ChatOpsIR");

    public ChatUser? User { get; private set; }

    public Platform? Platform { get; private set; }

    public void Set(CommandContext context) => Set(context.User, context.Platform);

    public void Set(ChatUser user, Platform platform)
    {
        User = user;
        Platform = platform;
    }
}
