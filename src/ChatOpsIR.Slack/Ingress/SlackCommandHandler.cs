using System.Text;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Slack.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// A slash command (`/ir …`): translated into Core's command (its mentions made neutral, see <see cref="SlackMentions"/>)
/// and run before Slack is answered, so whatever it changed, and any slow work it started, is stored by then. The
/// answer is the HTTP response; the rest of a card longer than one message follows through the response_url.
/// </summary>
public sealed class SlackCommandHandler(
    CommandService commands,
    SlackUserDirectory users,
    SlackResponseUrls responseUrls,
    SlackForms forms,
    SlackBackgroundQueue queue)
{
    public async Task<IResult> HandleAsync(byte[] body, CancellationToken cancellationToken)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : string.Empty;
        var tenant = new SlackTenant(Field("team_id"), Field("enterprise_id"), SlackTenant.FormFlag(Field("is_enterprise_install")));
        var channel = Field("channel_id");
        var user = Field("user_id");
        if (tenant.Key is not { } team || channel.Length == 0 || user.Length == 0)
        {
            return Results.BadRequest();
        }

        var person = new ChatUser(user, string.IsNullOrWhiteSpace(Field("user_name")) ? user : Field("user_name"));
        users.Remember(team, user, person.DisplayName);
        var responseUrl = Field("response_url");
        responseUrls.Received(responseUrl);
        var line = SlackMentions.Translate(Field("text"));
        var context = new CommandContext(TenantScope.Slack(team), Platform.Slack, channel, person)
        {
            ChannelName = Field("channel_name"),
            Mentions = line.Mentions,

            // Slow work (a war room, a backfill) answers here later; Core stores it with the command's answer.
            ReplyAddress = SlackReplyAddress.For(tenant, channel, user, responseUrl).Write(),
        };
        var reply = await commands.ExecuteAsync(context, line.Text, cancellationToken);

        // A form for the caller (a bare `declare`) opens as a modal. A card for the channel (a post-mortem section) is
        // posted even when it asks questions: everyone sees it, and its buttons open the questions as modals.
        if (reply.Card is { } card && reply.Audience == ReplyAudience.Caller && SlackForms.HasInputs(card))
        {
            return await forms.OpenAsync(team, card, Field("trigger_id"), channel, null, cancellationToken) is { } problem
                ? SlackResults.Json(SlackResults.Ephemeral(problem))
                : Results.Ok();
        }

        // Slack shows one message per answer: the rest of a card longer than one message (and its buttons, which come
        // last) follows through the command's response_url, in order.
        var messages = SlackReplies.Render(reply);
        if (messages.Count > 1)
        {
            await queue.EnqueueAsync(new SlackAnswerWork(new SlackReplyTarget(team, channel, user, responseUrl), messages.Skip(1).ToList()), cancellationToken);
        }

        return SlackResults.Json(messages[0]);
    }
}
