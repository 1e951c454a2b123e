using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.AdaptiveCards;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.SlowWork;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Teams.Cards;
using ChatOpsIR.Teams.Connector;
using ChatOpsIR.Teams.Conversations;
using ChatOpsIR.Teams.Graph;
using ChatOpsIR.Teams.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Teams;

/// <summary>
/// Translates one authenticated Activity into Core calls and answers the Connector (PROTOCOLS 2.6–2.8). Messages are
/// answered 200 at once and the reply is posted afterwards through <see cref="TeamsOutbox"/>; invokes are answered in
/// the HTTP response, as Teams requires.
/// </summary>
public sealed partial class TeamsActivityHandler(
    CommandService commands,
    TeamsMentionTable mentions,
    TimelineCapture capture,
    IIncidentStore store,
    IConversationReferenceStore references,
    TeamsOutbox outbox,
    TeamsUserDirectory users,
    TimeProvider clock,
    ILogger<TeamsActivityHandler> logger)
{
    public const string TimelineAddCommand = "timeline.add";
    public const string InvokeCardContentType = "application/vnd.microsoft.card.adaptive";
    public const string InvokeMessageType = "application/vnd.microsoft.activity.message";
    public const string InvokeErrorType = "application/vnd.microsoft.error";
    private const int MaxKeyLength = 300;

    public async Task<IResult> HandleAsync(Activity activity, string tenantId, CancellationToken cancellationToken)
    {
        if (activity.From?.Id is not { Length: > 0 } || activity.Conversation?.Id is not { Length: > 0 } || activity.Recipient?.Id is not { Length: > 0 })
        {
            return Results.BadRequest();
        }

        await SaveReferenceAsync(activity, tenantId, cancellationToken);
        mentions.ServiceUrl = activity.ServiceUrl;
        mentions.Roster = activity.Conversation.ConversationType == "channel" && activity.ChannelData?.Team?.Id is { Length: > 0 } team ? team : ConversationRoot(activity.Conversation.Id);
        users.Remember(tenantId, activity.From.Id, activity.From.AadObjectId, activity.From.Name);
        foreach (var member in activity.MembersAdded ?? [])
        {
            users.Remember(tenantId, member?.Id, member?.AadObjectId, member?.Name);
        }

        return activity.Type switch
        {
            "message" => await MessageAsync(activity, tenantId, cancellationToken),
            "invoke" => await InvokeAsync(activity, tenantId, cancellationToken),

            // Installs, members joining, renames, edits, deletions, reactions: the reference is saved; nothing else to do yet.
            _ => Results.Ok(),
        };
    }

    private async Task<IResult> MessageAsync(Activity activity, string tenantId, CancellationToken cancellationToken)
    {
        var personal = activity.Conversation!.ConversationType == "personal";
        var (line, mentionsBot) = TeamsText.CommandLine(activity, mentions.People);
        var context = Context(activity, tenantId);
        BotReply reply;
        string? note;
        if (ActionFromSubmit(activity) is { } submitted)
        {
            // Action.Submit, the fallback of our Action.Execute buttons on old clients: a message whose value is the button's data.
            var submittedLine = LineOf(submitted.Verb, submitted.Data);
            (var rewritten, note) = WithoutTeam(activity, submittedLine);
            reply = rewritten != submittedLine
                ? await commands.ExecuteAsync(context, rewritten, cancellationToken)
                : await commands.ExecuteActionAsync(context, submitted.Verb, submitted.Data, cancellationToken);
        }
        else if (personal || mentionsBot)
        {
            (var rewritten, note) = WithoutTeam(activity, line);
            reply = await commands.ExecuteAsync(context, rewritten, cancellationToken);
        }
        else
        {
            // A channel message not addressed to the bot (the bot sees these only with resource-specific consent):
            // it goes into the timeline when the incident captures chat. Same key as "Add to timeline", so never twice.
            if (activity.Id is { Length: > 0 } messageId && line.Trim().Length > 0)
            {
                var channel = ChannelKey(activity);
                await capture.CaptureChatAsync(
                    context.Scope,
                    Platform.Teams,
                    channel,
                    context.User,
                    line.Trim(),
                    (activity.Timestamp ?? clock.GetUtcNow()).UtcDateTime,
                    SourceKey(channel, messageId),
                    cancellationToken);
            }

            return Results.Ok();
        }

        // A war room being opened speaks for itself: a pointer follows in this thread once the channel is there.
        if (!reply.Replayed && reply.Staged != WorkKind.OpenWarRoom)
        {
            Post(activity, ToOutgoing(reply));
            if (note is not null && !reply.IsError)
            {
                Post(activity, new OutgoingActivity(note));
            }
        }

        return Results.Ok();
    }

    private const string NoTeamNote =
        "A group chat or a 1:1 chat has no team to add a channel to, so the incident lives in this chat. To get a separate war-room channel, declare with new-channel in a channel of a team that has ChatOpsIR.";

    /// <summary>
    /// `declare … new-channel` in a chat without a team (a group chat, a 1:1 chat): no channel can be added, so the
    /// incident is declared here instead (the line without new-channel, and a note why). Anything else passes; in a
    /// team's channel Core stores the war room as slow work and answers at once.
    /// </summary>
    private static (string? Line, string? Note) WithoutTeam(Activity activity, string? line)
    {
        if (line is null || CommandParser.Parse(line).Command is not DeclareCommand { NewChannel: true } declare)
        {
            return (line, null);
        }

        var team = activity.ChannelData?.Team;
        var hasTeam = activity.Conversation!.ConversationType == "channel" && (team?.AadGroupId is { Length: > 0 } || team?.Id is { Length: > 0 });
        return hasTeam ? (line, null) : (declare.WithoutNewChannel(), NoTeamNote);
    }

    /// <summary>The command line a button runs, when it runs one: a typed command on a button, or the declare form.</summary>
    private static string? LineOf(string verb, IReadOnlyDictionary<string, string> data)
    {
        if (verb == CardVerbs.RunCommand && data.TryGetValue(CardVerbs.CommandLineKey, out var line))
        {
            return line;
        }

        return verb == DeclareForm.SubmitVerb && DeclareForm.TryBuildLine(data, out var declare, out _) ? declare : null;
    }

    private async Task<IResult> InvokeAsync(Activity activity, string tenantId, CancellationToken cancellationToken) => activity.Name switch
    {
        "adaptiveCard/action" => await CardActionAsync(activity, tenantId, cancellationToken),
        "composeExtension/fetchTask" => await FetchTaskAsync(activity, tenantId, cancellationToken),
        "composeExtension/submitAction" => await SubmitActionAsync(activity, tenantId, cancellationToken),
        _ => Results.StatusCode(StatusCodes.Status501NotImplemented),
    };

    private async Task<IResult> CardActionAsync(Activity activity, string tenantId, CancellationToken cancellationToken)
    {
        var value = Read(activity.Value, TeamsJsonContext.Default.AdaptiveCardInvokeValue);
        if (value?.Action?.Verb is not { Length: > 0 } verb)
        {
            return InvokeError(StatusCodes.Status400BadRequest, "BadRequest", "The card action has no verb.");
        }

        if (value.Trigger == "automatic")
        {
            // A card refresh: never a write. Our cards do not ask for refresh, so there is nothing newer to show.
            return InvokeMessage("The card is up to date.");
        }

        var context = Context(activity, tenantId);
        var data = Strings(value.Action.Data);
        var actionLine = LineOf(verb, data);
        var (rewritten, note) = WithoutTeam(activity, actionLine);
        var reply = rewritten != actionLine
            ? await commands.ExecuteAsync(context, rewritten, cancellationToken)
            : await commands.ExecuteActionAsync(context, verb, data, cancellationToken);
        if (reply.Staged == WorkKind.OpenWarRoom)
        {
            // The pressed card stays; the pointer to the war room follows in the thread once the channel is there.
            return InvokeMessage(reply.Text);
        }

        if (note is not null && !reply.IsError && !reply.Replayed)
        {
            Post(activity, new OutgoingActivity(note));
        }
        if (reply.IsError)
        {
            // A form with mistakes comes back as the same card, the answers kept and the problems shown beside them.
            // Without such a form from Core, an error answer leaves the card the person typed into on screen.
            return reply is { FieldErrors.Count: > 0, Card: { } corrected } && corrected.Body.OfType<InputElement>().Any()
                ? InvokeCard(corrected)
                : InvokeError(StatusCodes.Status400BadRequest, "BadRequest", ChatOpsIR.Core.Cards.InlineText.ToPlain(reply.Text));
        }

        // A press that moved things on changes the pressed card for everyone (a receipt, or the card without its one-shot
        // button), before the answer is posted below it; a retried invoke gets the same answer and changes nothing again.
        var replacement = await ReplacementAsync(verb, data, value.Action.Title, context, reply, cancellationToken);
        if (replacement is not null && !reply.Replayed)
        {
            Update(activity, replacement);
        }

        if (reply.Audience == ReplyAudience.Channel && !reply.Replayed)
        {
            // The channel learns of the change by a post, once.
            Post(activity, ToOutgoing(reply));
        }

        if (replacement is not null)
        {
            return InvokeCard(replacement);
        }

        return reply.Card is { } card
            ? Results.Json(new AdaptiveCardInvokeResponse(200, InvokeCardContentType, AdaptiveCardRenderer.RenderWithinLimit(card)), TeamsJsonContext.Default.AdaptiveCardInvokeResponse)
            : InvokeMessage(ChatOpsIR.Core.Cards.InlineText.ToPlain(reply.Text));
    }

    /// <summary>What the pressed card becomes for everyone, or null when it stays as it is (see <see cref="TeamsReceipts"/>).</summary>
    private async Task<Card?> ReplacementAsync(string verb, IReadOnlyDictionary<string, string> data, string? buttonTitle, CommandContext context, BotReply reply, CancellationToken cancellationToken)
    {
        var person = context.User.DisplayName;
        var at = clock.GetUtcNow();
        if (TeamsReceipts.ForPress(verb, data, buttonTitle, reply, person, at) is { } receipt)
        {
            return receipt;
        }

        // A one-shot button whose answer is only a line (Mark contained): the incident card as it is now, without that button.
        if (verb == CardVerbs.RunCommand && reply.Card is null && Receipts.MovedOn(reply)
            && data.GetValueOrDefault(CardVerbs.CommandLineKey) is { Length: > 0 } line
            && await store.FindCurrentIncidentAsync(context.Scope, context.ChannelId, cancellationToken) is { } incident)
        {
            return TeamsReceipts.WithoutButton(IncidentCards.Summary(incident, incident.TimeZone), line, person, at, incident.TimeZone);
        }

        return null;
    }

    /// <summary>
    /// Queues a PUT that replaces the message a card button was pressed on (the invoke's replyToId) for everyone in the
    /// conversation, through the outbox and so before anything posted after it.
    /// </summary>
    private void Update(Activity activity, Card card)
    {
        if (activity.ReplyToId is not { Length: > 0 } messageId)
        {
            return;
        }

        var serviceUrl = activity.ServiceUrl!;
        var conversationId = activity.Conversation!.Id!;
        var message = new OutgoingActivity(TeamsReceipts.FallbackText(card), [AdaptiveCardAttachment.From(card)]);
        if (!outbox.TryEnqueue((services, ct) => services.GetRequiredService<BotConnectorClient>().UpdateAsync(serviceUrl, conversationId, messageId, message, ct)))
        {
            LogDropped(logger, conversationId);
        }
    }

    private static IResult InvokeCard(Card card) =>
        Results.Json(new AdaptiveCardInvokeResponse(200, InvokeCardContentType, AdaptiveCardRenderer.RenderWithinLimit(card)), TeamsJsonContext.Default.AdaptiveCardInvokeResponse);

    private async Task<IResult> FetchTaskAsync(Activity activity, string tenantId, CancellationToken cancellationToken)
    {
        var value = Read(activity.Value, TeamsJsonContext.Default.MessageActionValue);
        if (value?.CommandId != TimelineAddCommand)
        {
            return TaskMessage("ChatOpsIR does not know that action.");
        }

        var scope = Scope(tenantId);
        if (await store.FindCurrentIncidentAsync(scope, ChannelKey(activity), cancellationToken) is not { } incident)
        {
            return TaskMessage(NoIncidentText);
        }

        var payload = value.MessagePayload;
        var author = payload?.From?.User?.DisplayName is { Length: > 0 } shown ? shown
            : payload?.From?.User?.Id is { Length: > 0 } authorId ? await users.FindNameAsync(tenantId, authorId, cancellationToken) ?? "someone" : "someone";
        var preview = Shorten(MessageText(payload?.Body), 500);
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = AdaptiveCardRenderer.SchemaVersion,
            ["body"] = new JsonArray(
                Rich($"Add this message by {author} to the {incident.Reference} timeline?", bold: true),
                Rich(preview, bold: false)),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = "Add to timeline",
                ["data"] = new JsonObject { ["confirm"] = "yes" },
            }),
        };
        var dialog = new JsonObject
        {
            ["title"] = "Add to timeline",
            ["height"] = "medium",
            ["width"] = "medium",
            ["card"] = new JsonObject { ["contentType"] = AdaptiveCardRenderer.ContentType, ["content"] = card },
        };
        return Results.Json(new TaskModuleResponse(new TaskModuleStep("continue", dialog)), TeamsJsonContext.Default.TaskModuleResponse);
    }

    private async Task<IResult> SubmitActionAsync(Activity activity, string tenantId, CancellationToken cancellationToken)
    {
        var value = Read(activity.Value, TeamsJsonContext.Default.MessageActionValue);
        if (value?.CommandId != TimelineAddCommand)
        {
            return TaskMessage("ChatOpsIR does not know that action.");
        }

        if (value.MessagePayload is not { Id: { Length: > 0 } messageId } payload)
        {
            return TaskMessage("Teams did not send the message with the action, so there is nothing to add.");
        }

        // Teams sometimes leaves the author's name out; Graph knows it (within a time budget: the dialog waits on us).
        // The author comes as an Entra object id: the person live capture knows by their Teams id, when they have been seen.
        var (authorId, name) = payload.From?.User?.Id is { Length: > 0 } given
            ? await users.FindAuthorAsync(tenantId, given, payload.From.User.DisplayName, cancellationToken)
            : ("teams-unknown", null);
        var author = new ChatUser(authorId, name ?? "Unknown author");
        var postedAt = (payload.CreatedDateTime ?? clock.GetUtcNow()).UtcDateTime;
        var text = MessageText(payload.Body);

        var channel = ChannelKey(activity);
        var sourceKey = SourceKey(channel, messageId);
        var result = await capture.CaptureAsync(Scope(tenantId), Platform.Teams, channel, author, text, postedAt, sourceKey, cancellationToken);
        switch (result.Outcome)
        {
            case CaptureOutcome.Added:
                var zone = Zone(activity);
                var by = activity.From?.Name is { Length: > 0 } who ? $" ({who} added it)" : string.Empty;
                Post(activity, new OutgoingActivity($"Added {author.DisplayName}'s message from {TimeFormat.MomentWithZone(postedAt, zone)} to the {result.IncidentReference} timeline{by}."), replyTo: false);

                // An empty object closes the dialog; the confirmation arrives as a post.
                return Results.Json(new JsonObject(), TeamsJsonContext.Default.JsonObject);
            case CaptureOutcome.AlreadyThere:
                return TaskMessage($"That message is already in the {result.IncidentReference} timeline.");
            default:
                return TaskMessage(NoIncidentText);
        }
    }

    private const string NoIncidentText = "There is no open incident in this channel. Declare one first: @ChatOpsIR declare <title>.";

    /// <summary>Queues a post to the activity's conversation at its serviceUrl; in a channel thread or chat it answers the activity.</summary>
    /// <remarks>
    /// Teams has no ephemeral messages for bots: a reply meant only for the caller (errors, help) is still posted in the
    /// conversation, in the thread of the message that asked.
    /// </remarks>
    private void Post(Activity activity, OutgoingActivity message, bool replyTo = true)
    {
        var serviceUrl = activity.ServiceUrl!;
        var conversationId = activity.Conversation!.Id!;
        var outgoing = replyTo && activity.Id is { Length: > 0 } id ? message with { ReplyToId = id } : message;
        if (!outbox.TryEnqueue((services, ct) => services.GetRequiredService<BotConnectorClient>().SendAsync(serviceUrl, conversationId, outgoing, ct)))
        {
            LogDropped(logger, conversationId);
        }
    }

    internal static OutgoingActivity ToOutgoing(BotReply reply) =>
        new(reply.Text, reply.Card is { } card ? [AdaptiveCardAttachment.From(card)] : null);

    private Task SaveReferenceAsync(Activity activity, string tenantId, CancellationToken cancellationToken) =>
        references.SaveAsync(
            new ConversationReference(
                tenantId,
                activity.Conversation!.Id!,
                activity.Conversation.ConversationType,
                activity.ServiceUrl!,
                activity.Recipient!.Id!,
                activity.From!.Id,
                activity.From.AadObjectId,
                activity.ChannelData?.Team?.Id,
                activity.ChannelData?.Channel?.Id,
                clock.GetUtcNow()),
            cancellationToken);

    /// <summary>Tenant isolation: everything from one Teams tenant lives in one scope.</summary>
    public static string Scope(string tenantId) => $"teams:{tenantId}";

    /// <summary>
    /// The channel an incident belongs to: the Teams channel for channel posts (all threads of a channel share its
    /// incident), else the chat, without any <c>;messageid=</c> thread suffix.
    /// </summary>
    public static string ChannelKey(Activity activity)
    {
        if (activity.Conversation?.ConversationType == "channel" && activity.ChannelData?.Channel?.Id is { Length: > 0 } channel)
        {
            return channel;
        }

        return ConversationRoot(activity.Conversation?.Id ?? string.Empty);
    }

    /// <summary>A conversation id without its <c>;messageid=</c> thread suffix.</summary>
    public static string ConversationRoot(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread >= 0 ? conversationId[..thread] : conversationId;
    }

    private static CommandContext Context(Activity activity, string tenantId) =>
        new(Scope(tenantId), Platform.Teams, ChannelKey(activity), new ChatUser(activity.From!.Id!, activity.From.Name is { Length: > 0 } name ? name : activity.From.Id!))
        {
            ChannelName = activity.ChannelData?.Channel?.Name,
            DeliveryId = activity.Id is { Length: > 0 } id ? Key($"teams:{activity.Conversation!.Id}:{id}") : null,
            ReplyAddress = new TeamsReplyAddress(
                tenantId,
                activity.ServiceUrl!,
                activity.Conversation!.Id!,
                activity.Id,
                activity.Recipient!.Id!,
                activity.Conversation.ConversationType,
                activity.ChannelData?.Team?.AadGroupId is { Length: > 0 } group ? group : null,
                activity.Conversation.ConversationType == "channel" && activity.ChannelData?.Team?.Id is { Length: > 0 } team ? team : null).Write(),
            TimeZone = Zone(activity),
            UserDirectoryId = Guid.TryParse(activity.From.AadObjectId, out var objectId) ? objectId.ToString("D") : null,
        };

    private static TimeZoneInfo Zone(Activity activity)
    {
        var id = activity.LocalTimezone ?? activity.Entities?.FirstOrDefault(e => e.Type == "clientInfo")?.Timezone;
        return !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>
    /// The timeline source key of a Teams message: the same for live capture, "Add to timeline" and backfill, so one
    /// message is never copied twice. <paramref name="channel"/> is <see cref="ChannelKey"/>; the message id is Teams' own.
    /// </summary>
    public static string SourceKey(string channel, string messageId) => Key($"teams:{channel}:{messageId}");

    /// <summary>Keeps a dedupe or source key within the stored length: long keys become a hash of themselves.</summary>
    private static string Key(string key) =>
        key.Length <= MaxKeyLength ? key : "teams:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static (string Verb, IReadOnlyDictionary<string, string> Data)? ActionFromSubmit(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value || !value.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return (verb.GetString()!, Strings(JsonNode.Parse(value.GetRawText()) as JsonObject));
    }

    /// <summary>Card data and inputs as strings (what Core's buttons carry); nested objects such as <c>msteams</c> are skipped.</summary>
    private static Dictionary<string, string> Strings(JsonObject? data)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in data ?? [])
        {
            if (node is JsonValue leaf)
            {
                result[key] = leaf.GetValueKind() == JsonValueKind.String ? leaf.GetValue<string>() : leaf.ToJsonString();
            }
        }

        return result;
    }

    private static string MessageText(MessageBody? body) =>
        body?.ContentType?.Equals("html", StringComparison.OrdinalIgnoreCase) == true ? TeamsText.HtmlToText(body.Content) : TeamsText.PlainText(body?.Content);

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static T? Read<T>(JsonElement? value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        if (value is not { ValueKind: JsonValueKind.Object } element)
        {
            return default;
        }

        try
        {
            return element.Deserialize(type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static JsonObject Rich(string text, bool bold)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        return new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) };
    }

    private static IResult InvokeMessage(string text) =>
        Results.Json(new AdaptiveCardInvokeResponse(200, InvokeMessageType, JsonValue.Create(text)), TeamsJsonContext.Default.AdaptiveCardInvokeResponse);

    private static IResult InvokeError(int status, string code, string message) =>
        Results.Json(
            new AdaptiveCardInvokeResponse(status, InvokeErrorType, new JsonObject { ["code"] = code, ["message"] = message }),
            TeamsJsonContext.Default.AdaptiveCardInvokeResponse);

    private static IResult TaskMessage(string text) =>
        Results.Json(new TaskModuleResponse(new TaskModuleStep("message", JsonValue.Create(text))), TeamsJsonContext.Default.TaskModuleResponse);

    [LoggerMessage(Level = LogLevel.Error, Message = "A reply to Teams conversation {ConversationId} was dropped: the outbox is full.")]
    private static partial void LogDropped(ILogger logger, string conversationId);
}
