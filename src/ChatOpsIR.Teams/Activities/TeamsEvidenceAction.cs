using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Teams.Graph;
using ChatOpsIR.Teams.Protocol;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Teams.Activities;

/// <summary>
/// The "Add as evidence" message action (manifest command <see cref="CommandId"/>), answered in its fetchTask invoke
/// without a dialog: each file of the message (a <c>reference</c> attachment) is staged to be fetched through Microsoft
/// Graph, hashed and recorded; the person reads at once that it is being fetched, and the card follows in the thread.
/// </summary>
public sealed class TeamsEvidenceAction(EvidenceFileWorkflow evidence, TeamsUserDirectory users)
{
    public const string CommandId = "evidence.add";

    /// <summary>Files beyond this many in one message are left out.</summary>
    public const int MaxFiles = 10;

    /// <summary>The value of a message action invoke when it is this one; null for any other command.</summary>
    public static MessageActionValue? Read(TeamsTurn turn) =>
        TeamsCardData.Read(turn.Activity.Value, TeamsJsonContext.Default.MessageActionValue) is { CommandId: CommandId } value ? value : null;

    public async Task<IResult> HandleAsync(TeamsTurn turn, MessageActionValue value, CancellationToken cancellationToken)
    {
        var payload = value.MessagePayload;
        var files = payload?.Attachments?.Where(a => a.ContentType == "reference" && a.ContentUrl is { Length: > 0 }).Take(MaxFiles).ToList() ?? [];
        if (payload is null || files.Count == 0)
        {
            return TeamsInvokeResults.TaskMessage(EvidenceFileWorkflow.NoFile);
        }

        // The author comes as an Entra object id; Graph knows their name when Teams leaves it out.
        var (authorId, name) = payload.From?.User?.Id is { Length: > 0 } given
            ? await users.FindAuthorAsync(turn.TenantId, given, payload.From.User.DisplayName, cancellationToken)
            : ("teams-unknown", null);
        var sharedBy = new ChatUser(authorId, name ?? "Unknown author");
        var context = TeamsCommandContext.For(turn);
        var answers = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            if (SharedFile.Of(files[i].Name, null, null, files[i].ContentUrl, sharedBy) is not { } file)
            {
                answers.Add($"{files[i].Name ?? "A file"} has a link too long to follow; download it and record it with `evidence <description> <sha256> <location>`.");
                continue;
            }

            // One delivery per file, so a retried invoke stages each file once.
            var staged = await evidence.StageAsync(context with { DeliveryId = context.DeliveryId is { } id ? $"{id}:{i}" : null }, file, cancellationToken);
            if (staged.Refused is not null)
            {
                return TeamsInvokeResults.TaskMessage(staged.Text); // not in the private incident: that, and nothing else
            }

            answers.Add(staged.Text);
        }

        return TeamsInvokeResults.TaskMessage(string.Join("\n", answers));
    }
}
