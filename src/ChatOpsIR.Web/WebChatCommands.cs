using System.Text.Json;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Web;

/// <summary>
/// The war room's two state-changing calls: a typed line and a card action. Each runs as the caller (the signed-in
/// person, or the picked name of a local trial) in the caller's scope, and logs the line and the answer in the channel.
/// </summary>
internal static class WebChatCommands
{
    /// <summary>The request, what the page said its name was (used only without sign-in), and the store a refused command's changes are dropped from.</summary>
    internal sealed record Caller(HttpContext Http, WebCallers Callers, string? User, IIncidentStore Store);

    internal static Task<IResult> PostCommandAsync(string channel, WebCommandRequest request, HttpContext http, WebCallers callers, CommandService commands, IConversationLog log, ISignedInPeople people, IIncidentStore store, WebPersonTimeZones zones, TimeProvider clock, CancellationToken cancellationToken) =>
        RunAsync(channel, new Caller(http, callers, request.User, store), request.TimeZone, request.ClientMessageId, request.Text ?? string.Empty, log, zones, clock, cancellationToken,
            async context =>
            {
                if (!callers.SignInRequired || request.Text is null)
                {
                    return await commands.ExecuteAsync(context, request.Text, cancellationToken);
                }

                var (line, mentions) = await WebMentionResolver.IdentifyByEmailAsync(request.Text, context.Scope, people, cancellationToken);
                return await commands.ExecuteAsync(context with { Mentions = mentions }, line, cancellationToken);
            });

    internal static Task<IResult> PostActionAsync(string channel, WebActionRequest request, HttpContext http, WebCallers callers, CommandService commands, IConversationLog log, IIncidentStore store, WebPersonTimeZones zones, TimeProvider clock, CancellationToken cancellationToken)
    {
        var data = request.Data ?? [];
        var echo = request.Verb switch
        {
            CardVerbs.RunCommand when data.TryGetValue(CardVerbs.CommandLineKey, out var line) => line,
            DeclareForm.SubmitVerb => $"declare (form): {data.GetValueOrDefault(DeclareForm.Title)}",
            { } verb when CardVerbs.FamilyOf(verb) == PostMortemVerbs.Family => PostMortemEcho(verb, data),
            _ => $"[{request.Verb}]",
        };
        return RunAsync(channel, new Caller(http, callers, request.User, store), request.TimeZone, request.ClientMessageId, echo, log, zones, clock, cancellationToken,
            context => commands.ExecuteActionAsync(context, request.Verb ?? string.Empty, data, cancellationToken));
    }

    /// <summary>What the person did, as their line in the war room: "post-mortem · save · root-causes".</summary>
    private static string PostMortemEcho(string verb, IReadOnlyDictionary<string, string> data)
    {
        var action = verb switch
        {
            PostMortemVerbs.Answer => "save",
            PostMortemVerbs.Next => "continue",
            PostMortemVerbs.Open => "open",
            _ => verb[PostMortemVerbs.Family.Length..],
        };
        return $"post-mortem · {action} · {data.GetValueOrDefault(PostMortemVerbs.SectionKey) ?? "current section"}";
    }

    internal static async Task<IResult> RunAsync(
        string channel,
        Caller caller,
        string? timeZone,
        string? clientMessageId,
        string echo,
        IConversationLog log,
        WebPersonTimeZones zones,
        TimeProvider clock,
        CancellationToken cancellationToken,
        Func<CommandContext, Task<BotReply>> execute)
    {
        if (WebChatEndpoints.ValidateChannel(channel) is { } badChannel)
        {
            return badChannel;
        }

        if (!caller.Callers.TryGet(caller.Http, caller.User, out var who, out var badUser))
        {
            return badUser!;
        }

        var person = who!.User;
        if (clientMessageId is { Length: > 100 })
        {
            return WebProblems.BadRequest("clientMessageId is at most 100 characters.");
        }

        if (echo.Length > CommandParser.MaxLineLength)
        {
            return WebProblems.BadRequest($"A command is at most {WebProblems.Count(CommandParser.MaxLineLength)} characters; this one has {WebProblems.Count(echo.Length)}. Shorten it, or split it into several notes.");
        }

        var context = new CommandContext(who.Scope, Platform.Web, channel, person)
        {
            UserDirectoryId = who.DirectoryId,
            DirectoryGroups = who.Groups,
            ChannelName = channel,
            DeliveryId = string.IsNullOrWhiteSpace(clientMessageId) ? null : $"web:{person.Id}:{clientMessageId}",
            TimeZone = FindZone(timeZone),
        };
        if (context.TimeZone != TimeZoneInfo.Utc || timeZone is "UTC" or "Etc/UTC")
        {
            // The zone the browser named: the person's own, for their reminders.
            zones.Remember(person.Id, context.TimeZone);
        }

        BotReply reply;
        try
        {
            reply = await execute(context);
        }
        catch (AmbiguousMentionException ex)
        {
            // The resolver stopped the command midway: drop what it had staged, so saving the log below saves none of it.
            caller.Store.DiscardChanges();
            reply = BotReply.Error(ex.Message, IncidentCards.Error(ex.Message, null));
        }

        if (reply.Replayed)
        {
            // A retry of a delivery already answered: it was logged the first time.
            return Results.Ok(new WebMessagesResponse([]));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var visibleTo = reply.Audience == ReplyAudience.Caller ? person.Id : null;
        var cardJson = reply.Card is null ? null : JsonSerializer.Serialize(reply.Card, CommandService.ReplyJson);
        List<ConversationMessage> messages =
        [
            new(who.Scope, channel, person.Id, person.DisplayName, false, echo, null, visibleTo, now),
            new(who.Scope, channel, ChatUser.System.Id, ChatUser.System.DisplayName, true, reply.Text, cardJson, visibleTo, now, reply.IsError),
        ];
        await log.AppendAsync(messages, cancellationToken);

        return Results.Ok(new WebMessagesResponse(messages.Select(WebChatEndpoints.ToWeb).ToList()));
    }

    private static TimeZoneInfo FindZone(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }
}
