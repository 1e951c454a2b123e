using System.Text.Json.Nodes;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.SlowWork;
using ChatOpsIR.Core.Workflows;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Slack.Ingress.Interactions;

/// <summary>
/// A modal submitted: its values (a picked person made neutral, see <see cref="SlackMentions"/>) go through Core before
/// Slack is answered. Field errors keep the modal open with the messages under the fields; anything else closes it, and
/// the answer is posted to the channel the form was opened from, after the card it answered is replaced by its receipt.
/// </summary>
public sealed class SlackViewSubmission(CommandService commands, SlackBackgroundQueue queue, TimeProvider clock) : ISlackInteractionHandler
{
    public IReadOnlyCollection<string> PayloadTypes { get; } = [SlackInteractionTypes.ViewSubmission];

    public async Task<IResult> HandleAsync(SlackInteractionRequest request, CancellationToken cancellationToken)
    {
        if (request.Payload.View is not { } view)
        {
            return Results.Ok();
        }

        var (team, person) = (request.Team, request.Person);
        var verb = view["callback_id"]?.GetValue<string>() ?? string.Empty;
        if (SlackForms.ReadMetadata(team, view) is not { } metadata || view["state"]?["values"] is not JsonObject state)
        {
            return Results.BadRequest();
        }

        var submitted = SlackMentions.TranslateValues(SlackPayloadReader.ReadModalValues(state));
        var values = new Dictionary<string, string>(submitted.Values);
        foreach (var (key, value) in metadata.Data)
        {
            values.TryAdd(key, value);
        }

        if (verb == DeclareForm.SubmitVerb && !DeclareForm.TryBuildLine(values, out _, out var errors))
        {
            return SlackResults.FieldErrors(errors);
        }

        var channel = metadata.Channel;
        var context = new CommandContext(TenantScope.Slack(team), Platform.Slack, channel, person)
        {
            Mentions = submitted.Mentions,
            ReplyAddress = SlackReplyAddress.For(request.Tenant, channel, person.Id, null).Write(),
        };
        var reply = await commands.ExecuteActionAsync(context, verb, values, cancellationToken);
        if (reply.FieldErrors is { Count: > 0 } fieldErrors)
        {
            return SlackResults.FieldErrors(fieldErrors);
        }

        if (reply.IsError)
        {
            var first = state.Select(p => p.Key).FirstOrDefault(k => !k.StartsWith('_'));
            return first is null ? SlackResults.Json(SlackResults.Ephemeral(reply.Text)) : SlackResults.FieldErrors(new Dictionary<string, string> { [first] = reply.Text });
        }

        if (reply.Staged == WorkKind.OpenWarRoom)
        {
            return Results.Ok(); // the modal closes; the declarer is invited to the war room when it is there
        }

        var receipt = metadata.Original is { } original && SlackReceipts.ForSubmission(verb, values, reply, person.DisplayName, clock.GetUtcNow()) is { } message
            ? new SlackReceipt(original, message)
            : null;
        await queue.EnqueueAsync(new SlackAnswerWork(new SlackReplyTarget(team, channel, person.Id, null), SlackReplies.Render(reply), receipt), cancellationToken);
        return Results.Ok();
    }
}
