using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Slack.Api;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Slack.Ingress.Interactions;

/// <summary>
/// The "Add as evidence" message shortcut: each file of the message is staged to be downloaded with the install's bot
/// token, hashed and recorded in the channel's incident. Slack is answered at once; the person hears through the
/// response_url that the file is being fetched, and the evidence card follows in the channel.
/// </summary>
public sealed class SlackEvidenceShortcut(EvidenceFileWorkflow evidence, SlackUserDirectory users, SlackBackgroundQueue queue)
{
    /// <summary>The shortcut's callback_id, as in the manifest.</summary>
    public const string CallbackId = "evidence.add";

    /// <summary>A message with more files than this has only its first ones taken; Slack shows at most ten per message.</summary>
    public const int MaxFiles = 10;

    public async Task<IResult> HandleAsync(SlackInteractionRequest request, CancellationToken cancellationToken)
    {
        if (request.Payload is not { Channel.Id: { } channel, Message: { } message } payload)
        {
            return Results.Ok();
        }

        var reply = message.Files is { Count: > 0 } files
            ? await StageAsync(request, payload, channel, message, files, cancellationToken)
            : BotReply.Error(EvidenceFileWorkflow.NoFile);
        if (payload.ResponseUrl is { } responseUrl)
        {
            var target = new SlackReplyTarget(request.Team, channel, request.Person.Id, responseUrl);
            await queue.EnqueueAsync(new SlackAnswerWork(target, SlackReplies.Render(reply)), cancellationToken);
        }

        return Results.Ok();
    }

    private async Task<BotReply> StageAsync(SlackInteractionRequest request, SlackInteraction payload, string channel, SlackMessage message, IReadOnlyList<SlackFile> files, CancellationToken cancellationToken)
    {
        var sharedBy = message.User is null
            ? new ChatUser(message.BotId ?? "unknown", message.BotId ?? "an app")
            : await users.ResolveAsync(request.Team, message.User, SlackUserDirectory.RequestBudget, cancellationToken);
        var context = new CommandContext(TenantScope.Slack(request.Team), Platform.Slack, channel, request.Person)
        {
            ChannelName = payload.Channel?.Name,
            ReplyAddress = SlackReplyAddress.For(request.Tenant, channel, request.Person.Id, payload.ResponseUrl).Write(),
        };

        var answers = new List<BotReply>();
        foreach (var shared in files.Take(MaxFiles))
        {
            // A file shared from another workspace, or one Slack has tombstoned, comes without a download address.
            if (SharedFile.Of(shared.Name ?? shared.Title, shared.Mimetype, shared.Size, shared.UrlPrivateDownload, sharedBy) is not { } file)
            {
                answers.Add(BotReply.Error($"{shared.Name ?? "A file"} cannot be downloaded by ChatOpsIR (Slack gave no download address for it)."));
                continue;
            }

            var staged = await evidence.StageAsync(context, file, cancellationToken);
            if (staged.Refused is not null)
            {
                return staged; // not in the private incident: that, and nothing else
            }

            answers.Add(staged);
        }

        return answers.Count == 1
            ? answers[0]
            : answers.All(a => a.IsError) ? BotReply.Error(string.Join("\n", answers.Select(a => a.Text))) : BotReply.Private(string.Join("\n", answers.Select(a => a.Text)));
    }
}
