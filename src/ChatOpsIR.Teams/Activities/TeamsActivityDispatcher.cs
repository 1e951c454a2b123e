using ChatOpsIR.Teams.Conversations;
using ChatOpsIR.Teams.Graph;
using ChatOpsIR.Teams.Protocol;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Teams.Activities;

/// <summary>
/// Takes one authenticated activity from <see cref="TeamsEndpoints"/> to its handler (PROTOCOLS 2.6–2.8): a message to
/// <see cref="TeamsMessageHandler"/>, an invoke to the <see cref="ITeamsInvokeHandler"/> registered for its name. Every
/// activity first keeps the conversation's reference (for posts later, without an activity) and who its people are.
/// </summary>
public sealed class TeamsActivityDispatcher(
    TeamsMessageHandler messages,
    IEnumerable<ITeamsInvokeHandler> invokes,
    IConversationReferenceStore references,
    TeamsUserDirectory users,
    TimeProvider clock)
{
    public const string MessageType = "message";
    public const string InvokeType = "invoke";

    private readonly Dictionary<string, ITeamsInvokeHandler> _invokes = invokes.ToDictionary(h => h.Name, StringComparer.Ordinal);

    public async Task<IResult> DispatchAsync(Activity activity, string tenantId, CancellationToken cancellationToken)
    {
        if (TeamsTurn.From(activity, tenantId) is not { } turn)
        {
            return Results.BadRequest();
        }

        await references.SaveAsync(
            new ConversationReference(
                tenantId,
                turn.ConversationId,
                turn.ConversationType,
                turn.ServiceUrl,
                turn.BotId,
                turn.UserId,
                activity.From?.AadObjectId,
                activity.ChannelData?.Team?.Id,
                activity.ChannelData?.Channel?.Id,
                clock.GetUtcNow()),
            cancellationToken);
        users.Remember(tenantId, turn.UserId, activity.From?.AadObjectId, activity.From?.Name);
        foreach (var member in activity.MembersAdded ?? [])
        {
            users.Remember(tenantId, member?.Id, member?.AadObjectId, member?.Name);
        }

        return activity.Type switch
        {
            MessageType => await messages.HandleAsync(turn, cancellationToken),
            InvokeType => activity.Name is { } name && _invokes.TryGetValue(name, out var invoke)
                ? await invoke.HandleAsync(turn, cancellationToken)
                : Results.StatusCode(StatusCodes.Status501NotImplemented),

            // Installs, members joining, renames, edits, deletions, reactions: the reference is saved; nothing else to do yet.
            _ => Results.Ok(),
        };
    }
}
