using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Slack.Api;
using ChatOpsIR.Slack.BlockKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// Slack's three request URLs. Every request is verified on its raw body first; nothing is parsed, logged or
/// stored before that. Answers go back within Slack's 3 seconds; anything that calls Slack runs afterwards.
/// </summary>
public static class SlackEndpoints
{
    public const string TimelineShortcut = "timeline.add";

    /// <summary>Slack's limit of blocks in a Home tab view.</summary>
    public const int HomeTabMaxBlocks = 100;

    /// <summary>How long a request may wait for a user's name before it settles for the id.</summary>
    public static readonly TimeSpan NameLookupBudget = TimeSpan.FromMilliseconds(1500);

    public static IEndpointRouteBuilder MapChatOpsSlack(this IEndpointRouteBuilder endpoints)
    {
        var slack = endpoints.MapGroup("/api/slack");
        slack.MapPost("/commands", CommandAsync);
        slack.MapPost("/events", EventAsync);
        slack.MapPost("/interactions", InteractionAsync);
        slack.MapGet("/install", SlackInstall.StartAsync);
        slack.MapGet("/oauth/callback", SlackInstall.CallbackAsync);
        return endpoints;
    }

    /// <summary>What `backfill` answers at once; the result follows when the history has been read.</summary>
    public const string BackfillPending = "Reading this channel's history… I will tell you what I copied into the timeline.";

    private static async Task<IResult> CommandAsync(
        HttpContext http,
        SlackRequestVerifier verifier,
        CommandService commands,
        SlackBackgroundQueue queue,
        SlackUserDirectory users,
        SlackResponseUrls responseUrls,
        CancellationToken cancellationToken)
    {
        var verified = await verifier.ReadAsync(http.Request, cancellationToken);
        if (!verified.IsAccepted)
        {
            return Results.StatusCode(verified.Status);
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(verified.Body!));
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : string.Empty;
        var tenant = new SlackTenant(Field("team_id"), Field("enterprise_id"), SlackTenant.FormFlag(Field("is_enterprise_install")));
        var channel = Field("channel_id");
        var user = Field("user_id");
        if (tenant.Key is not { } team || channel.Length == 0 || user.Length == 0)
        {
            return Results.BadRequest();
        }

        var person = new ChatUser(user, Display(Field("user_name"), user));
        users.Remember(team, user, person.DisplayName);
        var responseUrl = Field("response_url");
        responseUrls.Received(responseUrl);
        var target = new SlackReplyTarget(team, channel, user, responseUrl);
        var line = SlackMentions.Translate(Field("text"));
        var context = new CommandContext(SlackTenant.Scope(team), Platform.Slack, channel, person)
        {
            ChannelName = Field("channel_name"),
            Mentions = line.Mentions,

            // Slow work (a war room, a backfill) answers here later; Core stores it with the command's answer.
            ReplyAddress = new SlackReplyAddress(team, tenant.Workspace, channel, user, responseUrl.Length > 0 ? responseUrl : null).Write(),
        };
        var reply = await commands.ExecuteAsync(context, line.Text, cancellationToken);

        // A form for the caller (a bare `declare`) opens as a modal. A card for the channel (a post-mortem section) is
        // posted even when it asks questions: everyone sees it, and its buttons open the questions as modals.
        if (reply.Card is { } card && reply.Audience == ReplyAudience.Caller && HasInputs(card))
        {
            return await OpenFormAsync(http.RequestServices, team, card, Field("trigger_id"), channel, cancellationToken);
        }

        // Slack shows one message per answer: the rest of a card longer than one message (and its buttons, which come
        // last) follows through the command's response_url, in order.
        var messages = SlackReplies.Render(reply);
        if (messages.Count > 1)
        {
            await queue.EnqueueAsync((services, ct) => SlackResponder.SendAsync(services, target, messages.Skip(1), ct), cancellationToken);
        }

        return Json(messages[0]);
    }

    private static async Task<IResult> EventAsync(HttpContext http, SlackRequestVerifier verifier, SlackBackgroundQueue queue, IOptions<SlackOptions> options, CancellationToken cancellationToken)
    {
        var verified = await verifier.ReadAsync(http.Request, cancellationToken);
        if (!verified.IsAccepted)
        {
            return Results.StatusCode(verified.Status);
        }

        SlackEventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(verified.Body, SlackJsonContext.Default.SlackEventEnvelope);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (envelope?.Type == "url_verification")
        {
            return envelope.Challenge is { Length: > 0 and <= 500 } challenge ? Results.Json(new JsonObject { ["challenge"] = challenge }) : Results.BadRequest();
        }

        if (envelope is not { Type: "event_callback", EventId: { } eventId, Event: { } inner } || SlackTenant.Of(envelope).Key is not { } team)
        {
            return Results.BadRequest();
        }

        var botUser = envelope.Authorizations?.FirstOrDefault(a => a.IsBot)?.UserId;
        if (inner.BotId is not null || (botUser is not null && inner.User == botUser))
        {
            return Results.Ok(); // our own messages: never act on them
        }

        switch (inner.Type)
        {
            case "app_mention" when inner is { User: { } user, Channel: { } channel }:
                var line = SlackMentions.WithoutLeadingMention(inner.Text);
                await queue.EnqueueAsync((services, ct) => AnswerMentionAsync(services, team, channel, user, line, eventId, ct), cancellationToken);
                break;
            case "app_home_opened" when inner is { User: { } user, Tab: "home" }:
                await queue.EnqueueAsync((services, ct) => PublishHomeAsync(services, team, user, ct), cancellationToken);
                break;
            case "message" when inner is { User: { } author, Channel: { } channel, Ts: { } ts, ChannelType: "channel" or "group" }
                && inner.Subtype is null or "thread_broadcast" or "file_share"
                && !SlackMentions.StartsWithMentionOf(inner.Text, botUser):
                // Written before Slack is answered, so an acknowledged message is never lost; a retry finds it already there.
                await CaptureMessageAsync(http.RequestServices, team, channel, author, inner.Text, ts, cancellationToken);
                break;
            case "app_uninstalled" or "tokens_revoked":
                await http.RequestServices.GetRequiredService<IInstallationStore>().RemoveAsync(SlackTenant.Scope(team), Platform.Slack, cancellationToken);
                break;
            case "reaction_added" when inner is { Item: { Type: "message", Channel: { } channel, Ts: { } ts } } && inner.Reaction == options.Value.PinReaction:
                await queue.EnqueueAsync((services, ct) => PinFromReactionAsync(services, team, channel, ts, inner.ItemUser, ct), cancellationToken);
                break;
        }

        return Results.Ok();
    }

    private static async Task<IResult> InteractionAsync(
        HttpContext http,
        SlackRequestVerifier verifier,
        SlackBackgroundQueue queue,
        TimelineCapture capture,
        SlackUserDirectory users,
        SlackResponseUrls responseUrls,
        CancellationToken cancellationToken)
    {
        var verified = await verifier.ReadAsync(http.Request, cancellationToken);
        if (!verified.IsAccepted)
        {
            return Results.StatusCode(verified.Status);
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(verified.Body!));
        SlackInteraction? payload;
        try
        {
            payload = form.TryGetValue("payload", out var json) ? JsonSerializer.Deserialize(json.ToString(), SlackJsonContext.Default.SlackInteraction) : null;
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        var tenant = payload is null ? null : SlackTenant.Of(payload);
        if (payload is not { User.Id: { } user } || tenant?.Key is not { } team)
        {
            return Results.BadRequest();
        }

        responseUrls.Received(payload.ResponseUrl);
        var person = new ChatUser(user, Display(payload.User.Name ?? payload.User.Username, user));
        switch (payload.Type)
        {
            case "message_action" when payload is { CallbackId: TimelineShortcut, Channel.Id: { } channel, Message: { Ts: { } ts } message }:
            {
                var authorId = message.User ?? message.BotId ?? "unknown";
                var author = message.User is null
                    ? new ChatUser(authorId, authorId)
                    : await users.ResolveAsync(http.RequestServices, team, authorId, NameLookupBudget, cancellationToken);

                var outcome = await capture.CaptureAsync(
                    SlackTenant.Scope(team),
                    Platform.Slack,
                    channel,
                    author,
                    SlackMarkup.ToPlain(message.Text),
                    SlackMarkup.TsToUtc(ts),
                    SourceKey(channel, ts),
                    cancellationToken);
                await RespondLaterAsync(queue, new SlackReplyTarget(team, channel, user, payload.ResponseUrl), TimelineCapture.Describe(outcome), cancellationToken);
                return Results.Ok();
            }

            case "block_actions" when payload is { Actions: [var action, ..] } && (payload.Channel?.Id ?? payload.Container?.ChannelId) is { } channel:
            {
                if (SlackPayloadReader.ReadButton(action) is not { } pressed || pressed.Verb == CardVerbs.OpenUrl)
                {
                    // A link button: Slack opened the page in the browser and only tells us it was pressed.
                    return Results.Ok();
                }

                var context = new CommandContext(SlackTenant.Scope(team), Platform.Slack, channel, person);
                var target = new SlackReplyTarget(team, channel, user, payload.ResponseUrl);
                var original = new SlackOriginalMessage(team, channel, payload.Container?.MessageTs ?? payload.Message?.Ts, payload.Container?.IsEphemeral == true, payload.ResponseUrl);

                // A button that asks for answers (a post-mortem section, a reason) opens them as a modal, while the trigger is fresh.
                var commands = http.RequestServices.GetRequiredService<CommandService>();
                if (payload.TriggerId is { Length: > 0 } trigger && await commands.FormForAsync(context, pressed.Verb, pressed.Data, cancellationToken) is { } asked)
                {
                    var opened = await OpenFormAsync(http.RequestServices, team, asked, trigger, channel, cancellationToken, original);
                    if (opened is not Microsoft.AspNetCore.Http.HttpResults.Ok)
                    {
                        await RespondLaterAsync(queue, target, BotReply.Error("I could not open the form in time. Press the button again."), cancellationToken);
                    }

                    return Results.Ok();
                }

                await queue.EnqueueAsync(async (services, ct) =>
                {
                    var reply = await services.GetRequiredService<CommandService>().ExecuteActionAsync(context, pressed.Verb, pressed.Data, ct);
                    var at = services.GetRequiredService<TimeProvider>().GetUtcNow();
                    if (SlackReceipts.ForPress(pressed.Verb, pressed.Data, action, payload.Message, reply, person.DisplayName, at) is { } receipt)
                    {
                        // The card that was answered changes for everyone first, so nobody answers it again; the answer follows below it.
                        await SlackResponder.ReplaceOriginalAsync(services, original, receipt, ct);
                    }

                    await RespondToPressAsync(services, target, reply, ct);
                }, cancellationToken);
                return Results.Ok();
            }

            case "view_submission" when payload is { View: { } view }:
                return await SubmitFormAsync(http.RequestServices, queue, tenant, person, view, cancellationToken);

            default:
                return Results.Ok();
        }
    }

    private static bool HasInputs(Card card) => card.Body.Any(e => e is InputElement);

    /// <summary>
    /// Opens a card with inputs as a modal. The trigger lives about 3 seconds, so this happens before Slack is answered.
    /// A modal opened from a button on a message carries that message (its response_url, channel and ts) in its
    /// private_metadata, so the submission can replace the card it answered.
    /// </summary>
    private static async Task<IResult> OpenFormAsync(IServiceProvider services, string team, Card card, string triggerId, string channel, CancellationToken cancellationToken, SlackOriginalMessage? original = null)
    {
        var submit = card.Buttons.FirstOrDefault(b => b.Style == ButtonStyle.Primary) ?? card.Buttons.FirstOrDefault();
        if (submit is null || triggerId.Length == 0)
        {
            return Json(Ephemeral("That command needs a form, and Slack did not give me a way to open one. Type the command with its arguments instead (see `help`)."));
        }

        var metadata = new JsonObject { ["channel"] = channel, ["data"] = new JsonObject(submit.Data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))) };
        if (original is not null)
        {
            metadata[OriginalKey] = OriginalToMetadata(original);
        }

        var privateMetadata = metadata.ToJsonString();
        if (privateMetadata.Length > BlockKitRenderer.MaxPrivateMetadata && metadata[OriginalKey] is JsonObject carried)
        {
            // Too long with the URL: keep the channel and ts, so the card can still be replaced with chat.update.
            carried.Remove("response_url");
            privateMetadata = metadata.ToJsonString();
        }

        var view = BlockKitRenderer.RenderModal(card, submit.Verb, privateMetadata);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromMilliseconds(2500));
        try
        {
            var token = await TokenAsync(services, team, budget.Token);
            await services.GetRequiredService<SlackApiClient>().CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, token, budget.Token);
            return Results.Ok();
        }
        catch (Exception ex) when (ex is SlackApiException or SlackNotInstalledException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Json(Ephemeral("I could not open the form in time. Type the command with its arguments instead, e.g. `declare Ransomware on FS01 sev2`."));
        }
    }

    /// <summary>
    /// A modal submitted: the values go back through Core. Field errors keep the modal open with the messages under
    /// the fields; anything else closes it and the answer is posted to the channel the form was opened from.
    /// </summary>
    private static async Task<IResult> SubmitFormAsync(IServiceProvider services, SlackBackgroundQueue queue, SlackTenant tenant, ChatUser person, JsonObject view, CancellationToken cancellationToken)
    {
        var team = tenant.Key!;
        var verb = view["callback_id"]?.GetValue<string>() ?? string.Empty;
        JsonObject? metadata;
        try
        {
            metadata = JsonNode.Parse(view["private_metadata"]?.GetValue<string>() ?? string.Empty) as JsonObject;
        }
        catch (JsonException)
        {
            metadata = null;
        }

        if (metadata?["channel"]?.GetValue<string>() is not { Length: > 0 } channel || view["state"]?["values"] is not JsonObject state)
        {
            return Results.BadRequest();
        }

        var submitted = SlackMentions.TranslateValues(SlackPayloadReader.ReadModalValues(state));
        var values = new Dictionary<string, string>(submitted.Values);
        if (metadata["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                values.TryAdd(key, value?.GetValue<string>() ?? string.Empty);
            }
        }

        if (verb == DeclareForm.SubmitVerb && !DeclareForm.TryBuildLine(values, out _, out var errors))
        {
            return FieldErrors(errors);
        }

        var context = new CommandContext(SlackTenant.Scope(team), Platform.Slack, channel, person)
        {
            Mentions = submitted.Mentions,
            ReplyAddress = new SlackReplyAddress(team, tenant.Workspace, channel, person.Id, null).Write(),
        };
        var reply = await services.GetRequiredService<CommandService>().ExecuteActionAsync(context, verb, values, cancellationToken);
        if (reply.FieldErrors is { Count: > 0 } fieldErrors)
        {
            return FieldErrors(fieldErrors);
        }

        if (reply.IsError)
        {
            var first = state.Select(p => p.Key).FirstOrDefault(k => !k.StartsWith('_'));
            return first is null ? Json(Ephemeral(reply.Text)) : FieldErrors(new Dictionary<string, string> { [first] = reply.Text });
        }

        if (reply.Staged == Core.SlowWork.WorkKind.OpenWarRoom)
        {
            return Results.Ok(); // the modal closes; the declarer is invited to the war room when it is there
        }

        var original = OriginalFromMetadata(team, channel, metadata[OriginalKey]);
        var receipt = original is null ? null : SlackReceipts.ForSubmission(verb, values, reply, person.DisplayName, services.GetRequiredService<TimeProvider>().GetUtcNow());
        await queue.EnqueueAsync(async (s, ct) =>
        {
            if (receipt is not null)
            {
                await SlackResponder.ReplaceOriginalAsync(s, original!, receipt, ct);
            }

            await PostReplyAsync(s, team, channel, person.Id, reply, ct);
        }, cancellationToken);
        return Results.Ok();
    }

    /// <summary>The private_metadata key of the message a modal was opened from.</summary>
    private const string OriginalKey = "from";

    private static JsonObject OriginalToMetadata(SlackOriginalMessage original)
    {
        var from = new JsonObject();
        if (original.ResponseUrl is { Length: > 0 } url)
        {
            from["response_url"] = url;
        }

        if (original.Ts is { Length: > 0 } ts)
        {
            from["ts"] = ts;
        }

        if (original.IsEphemeral)
        {
            from["ephemeral"] = true;
        }

        return from;
    }

    /// <summary>
    /// The message a modal was opened from. The metadata is ours, signed by Slack's request signature, but it only ever
    /// names a message to replace in the modal's own channel, and the URL is checked against Slack:ResponseUrlHosts before use.
    /// </summary>
    private static SlackOriginalMessage? OriginalFromMetadata(string team, string channel, JsonNode? node)
    {
        if (node is not JsonObject from)
        {
            return null;
        }

        string? Read(string key) => from[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        var ephemeral = from["ephemeral"] is JsonValue flag && flag.TryGetValue<bool>(out var on) && on;
        var url = Read("response_url");
        var ts = Read("ts");
        return url is null && ts is null ? null : new SlackOriginalMessage(team, channel, ts, ephemeral, url);
    }

    private static IResult FieldErrors(IReadOnlyDictionary<string, string> errors) => Json(new JsonObject
    {
        ["response_action"] = "errors",
        ["errors"] = new JsonObject(errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)Truncate(e.Value, 300)))),
    });

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static JsonObject Ephemeral(string text)
    {
        var message = BlockKitRenderer.RenderText(text);
        message["response_type"] = "ephemeral";
        return message;
    }

    /// <summary>Posts a reply where no response_url exists: to the channel, or privately to the person (by its response_type).</summary>
    private static Task PostReplyAsync(IServiceProvider services, string team, string channel, string userId, BotReply reply, CancellationToken cancellationToken) =>
        SlackResponder.SendAsync(services, new SlackReplyTarget(team, channel, userId, null), SlackReplies.Render(reply), cancellationToken);

    private static async Task AnswerMentionAsync(IServiceProvider services, string team, string channel, string user, string line, string eventId, CancellationToken cancellationToken)
    {
        var person = await services.GetRequiredService<SlackUserDirectory>().ResolveAsync(services, team, user, null, cancellationToken);
        var command = SlackMentions.Translate(line);
        var context = new CommandContext(SlackTenant.Scope(team), Platform.Slack, channel, person) { DeliveryId = $"event:{eventId}", Mentions = command.Mentions };
        if (CommandParser.Parse(command.Text).Command is BackfillCommand)
        {
            // Reading history takes a while: say so first, as the slash command does.
            await PostReplyAsync(services, team, channel, user, BotReply.Private(BackfillPending), cancellationToken);
        }

        var reply = await services.GetRequiredService<CommandService>().ExecuteAsync(context, command.Text, cancellationToken);
        if (reply.Replayed)
        {
            return; // a retried delivery: answered the first time
        }

        await PostReplyAsync(services, team, channel, user, reply, cancellationToken);
    }

    private static async Task PinFromReactionAsync(IServiceProvider services, string team, string channel, string ts, string? itemUser, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<SlackApiClient>();
        var token = await TokenAsync(services, team, cancellationToken);
        // A read method: Slack takes its arguments form-encoded, not as JSON.
        var history = await client.CallFormAsync("conversations.history", new Dictionary<string, string>
        {
            ["channel"] = channel,
            ["latest"] = ts,
            ["oldest"] = ts,
            ["inclusive"] = "true",
            ["limit"] = "1",
        }, token, cancellationToken);
        if (history["messages"] is not JsonArray { Count: > 0 } messages || messages[0] is not JsonObject message)
        {
            return;
        }

        var authorId = message["user"]?.GetValue<string>() ?? itemUser ?? "unknown";
        var author = await services.GetRequiredService<SlackUserDirectory>().ResolveAsync(services, team, authorId, null, cancellationToken);
        await services.GetRequiredService<TimelineCapture>().CaptureAsync(
            SlackTenant.Scope(team),
            Platform.Slack,
            channel,
            author,
            SlackMarkup.ToPlain(message["text"]?.GetValue<string>()),
            SlackMarkup.TsToUtc(ts),
            SourceKey(channel, ts),
            cancellationToken);
    }

    private static async Task CaptureMessageAsync(IServiceProvider services, string team, string channel, string userId, string? text, string ts, CancellationToken cancellationToken)
    {
        var capture = services.GetRequiredService<TimelineCapture>();
        var author = await services.GetRequiredService<SlackUserDirectory>().ResolveAsync(services, team, userId, NameLookupBudget, cancellationToken);
        await capture.CaptureChatAsync(SlackTenant.Scope(team), Platform.Slack, channel, author, SlackMarkup.ToPlain(text), SlackMarkup.TsToUtc(ts), SourceKey(channel, ts), cancellationToken);
    }

    private static async Task PublishHomeAsync(IServiceProvider services, string team, string userId, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<SlackApiClient>();
        var token = await TokenAsync(services, team, cancellationToken);
        var (user, zone, zoneName) = await services.GetRequiredService<SlackUserDirectory>().ResolveWithTimeZoneAsync(services, team, userId, cancellationToken);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var card = await services.GetRequiredService<PersonalOverview>().BuildAsync(SlackTenant.Scope(team), user, zone ?? TimeZoneInfo.Utc, cancellationToken, ZoneNote(zone, zoneName, now));
        var blocks = new JsonArray();
        foreach (var message in BlockKitRenderer.RenderMessages(card))
        {
            foreach (var block in message["blocks"]!.AsArray().ToList())
            {
                if (blocks.Count < HomeTabMaxBlocks)
                {
                    blocks.Add(block!.DeepClone());
                }
            }
        }

        await client.CallAsync("views.publish", new JsonObject
        {
            ["user_id"] = userId,
            ["view"] = new JsonObject { ["type"] = "home", ["blocks"] = blocks },
        }, token, cancellationToken);
    }

    private static Task<string> TokenAsync(IServiceProvider services, string team, CancellationToken cancellationToken) =>
        services.GetRequiredService<SlackTokenProvider>().GetTokenAsync(team, cancellationToken);

    private static ValueTask RespondLaterAsync(SlackBackgroundQueue queue, SlackReplyTarget target, BotReply reply, CancellationToken cancellationToken) =>
        queue.EnqueueAsync((services, ct) => RespondAsync(services, target, reply, ct), cancellationToken);

    private static Task RespondAsync(IServiceProvider services, SlackReplyTarget target, BotReply reply, CancellationToken cancellationToken) =>
        target.ResponseUrl is null ? Task.CompletedTask : SlackResponder.SendAsync(services, target, SlackReplies.Render(reply), cancellationToken);

    /// <summary>The answer to a button press, as new messages: replace_original is false, so the pressed card is changed only on purpose.</summary>
    private static Task RespondToPressAsync(IServiceProvider services, SlackReplyTarget target, BotReply reply, CancellationToken cancellationToken)
    {
        if (target.ResponseUrl is null)
        {
            return Task.CompletedTask;
        }

        var messages = SlackReplies.Render(reply);
        foreach (var message in messages)
        {
            message["replace_original"] = false;
        }

        return SlackResponder.SendAsync(services, target, messages, cancellationToken);
    }

    /// <summary>The one line on App Home that says which zone its times are in, and why; the times after it are bare.</summary>
    private static string ZoneNote(TimeZoneInfo? zone, string? zoneName, DateTime now) => zone is not null
        ? $"Times are in your Slack time zone, {zoneName} ({TimeFormat.Zone(zone, now)})."
        : zoneName is not null
            ? $"Times are in UTC: your Slack time zone {zoneName} is not known to this server."
            : "Times are in UTC: your Slack profile has no time zone.";

    /// <summary>A Slack message's identity: channel and ts.</summary>
    public static string SourceKey(string channel, string ts) => $"slack:{channel}:{ts}";

    private static string Display(string? name, string id) => string.IsNullOrWhiteSpace(name) ? id : name;

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8");
}
