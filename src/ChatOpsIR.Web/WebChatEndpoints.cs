using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsIR.AdaptiveCards;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace ChatOpsIR.Web;

/// <summary>
/// The web war room: a page and a small JSON API over the same Core as Slack and Teams. Everything typed is
/// a line of the command grammar; replies come back as Adaptive Cards rendered from the neutral card model.
/// </summary>
public static partial class WebChatEndpoints
{
    private const int PageSize = 200;

    /// <summary>A command line is at most 4,000 characters; nothing the page sends needs more than this.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapChatOpsWebChat(this IEndpointRouteBuilder endpoints)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(WebChatEndpoints).Assembly, "wwwroot");
        // The page is served with the server's command limit, so the command box counts against the same number.
        var page = ReadPage(files);
        endpoints.MapGet("/", () => Results.Text(page, "text/html; charset=utf-8"));
        endpoints.MapGet("/assets/{name}", (string name) => Asset(files, name));

        // Kestrel enforces the limit while reading any body; the filter also refuses a declared oversized body where no
        // server limit applies (the in-process test server), before any command runs.
        var api = endpoints.MapGroup(WebProblems.ApiPath)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .AddEndpointFilter((context, next) => context.HttpContext.Request.ContentLength > MaxRequestBytes
                ? ValueTask.FromResult<object?>(WebProblems.Problem(StatusCodes.Status413PayloadTooLarge, WebProblems.TooLarge))
                : next(context));
        api.MapGet("/channels", ListChannelsAsync);
        api.MapGet("/channels/{channel}/messages", ReadMessagesAsync);
        api.MapPost("/channels/{channel}/commands", PostCommandAsync);
        api.MapPost("/channels/{channel}/actions", PostActionAsync);
        api.MapGet("/channels/{channel}/timeline", ReadTimelineAsync);
        return endpoints;
    }

    private static string ReadPage(IFileProvider files)
    {
        using var reader = new StreamReader(files.GetFileInfo("index.html").CreateReadStream());
        return reader.ReadToEnd().Replace("{{MaxCommandLength}}", CommandParser.MaxLineLength.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static IResult Asset(IFileProvider files, string name)
    {
        var file = files.GetFileInfo(name);
        if (!file.Exists || name.Contains("..", StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".txt" => "text/plain; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.Stream(file.CreateReadStream(), type);
    }

    private static async Task<IResult> ListChannelsAsync(IConversationLog log, CancellationToken cancellationToken)
    {
        var channels = await log.ListChannelsAsync(TenantScope.Web, 100, cancellationToken);
        return Results.Ok(channels.Select(c => new WebChannel(c.ChannelId, c.LastActivityAt, c.OpenIncident)).ToList());
    }

    private static async Task<IResult> ReadMessagesAsync(string channel, string? user, long? after, IConversationLog log, CancellationToken cancellationToken)
    {
        if (ValidateChannel(channel) is { } badChannel)
        {
            return badChannel;
        }

        if (!TryUser(user, out var person, out var badUser))
        {
            return badUser!;
        }

        var messages = await log.ReadAsync(TenantScope.Web, channel, person!.Id, after ?? 0, PageSize, cancellationToken);
        return Results.Ok(new WebMessagesResponse(messages.Select(ToWeb).ToList()));
    }

    private static Task<IResult> PostCommandAsync(string channel, WebCommandRequest request, CommandService commands, IConversationLog log, WebPersonTimeZones zones, TimeProvider clock, CancellationToken cancellationToken) =>
        RunAsync(channel, request.User, request.TimeZone, request.ClientMessageId, request.Text ?? string.Empty, log, zones, clock, cancellationToken,
            context => commands.ExecuteAsync(context, request.Text, cancellationToken));

    private static Task<IResult> PostActionAsync(string channel, WebActionRequest request, CommandService commands, IConversationLog log, WebPersonTimeZones zones, TimeProvider clock, CancellationToken cancellationToken)
    {
        var data = request.Data ?? [];
        var echo = request.Verb switch
        {
            CardVerbs.RunCommand when data.TryGetValue(CardVerbs.CommandLineKey, out var line) => line,
            DeclareForm.SubmitVerb => $"declare (form): {data.GetValueOrDefault(DeclareForm.Title)}",
            { } verb when CardVerbs.FamilyOf(verb) == PostMortemVerbs.Family => PostMortemEcho(verb, data),
            _ => $"[{request.Verb}]",
        };
        return RunAsync(channel, request.User, request.TimeZone, request.ClientMessageId, echo, log, zones, clock, cancellationToken,
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

    private static async Task<IResult> RunAsync(
        string channel,
        string? user,
        string? timeZone,
        string? clientMessageId,
        string echo,
        IConversationLog log,
        WebPersonTimeZones zones,
        TimeProvider clock,
        CancellationToken cancellationToken,
        Func<CommandContext, Task<BotReply>> execute)
    {
        if (ValidateChannel(channel) is { } badChannel)
        {
            return badChannel;
        }

        if (!TryUser(user, out var person, out var badUser))
        {
            return badUser!;
        }

        if (clientMessageId is { Length: > 100 })
        {
            return WebProblems.BadRequest("clientMessageId is at most 100 characters.");
        }

        if (echo.Length > CommandParser.MaxLineLength)
        {
            return WebProblems.BadRequest($"A command is at most {WebProblems.Count(CommandParser.MaxLineLength)} characters; this one has {WebProblems.Count(echo.Length)}. Shorten it, or split it into several notes.");
        }

        var context = new CommandContext(TenantScope.Web, Platform.Web, channel, person!)
        {
            ChannelName = channel,
            DeliveryId = string.IsNullOrWhiteSpace(clientMessageId) ? null : $"web:{person!.Id}:{clientMessageId}",
            TimeZone = FindZone(timeZone),
        };
        if (context.TimeZone != TimeZoneInfo.Utc || timeZone is "UTC" or "Etc/UTC")
        {
            // The zone the browser named: the person's own, for their reminders.
            zones.Remember(person!.Id, context.TimeZone);
        }

        var reply = await execute(context);
        if (reply.Replayed)
        {
            // A retry of a delivery already answered: it was logged the first time.
            return Results.Ok(new WebMessagesResponse([]));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var visibleTo = reply.Audience == ReplyAudience.Caller ? person!.Id : null;
        var cardJson = reply.Card is null ? null : JsonSerializer.Serialize(reply.Card, CommandService.ReplyJson);
        List<ConversationMessage> messages =
        [
            new(TenantScope.Web, channel, person!.Id, person.DisplayName, false, echo, null, visibleTo, now),
            new(TenantScope.Web, channel, ChatUser.System.Id, ChatUser.System.DisplayName, true, reply.Text, cardJson, visibleTo, now, reply.IsError),
        ];
        await log.AppendAsync(messages, cancellationToken);

        return Results.Ok(new WebMessagesResponse(messages.Select(ToWeb).ToList()));
    }

    private static async Task<IResult> ReadTimelineAsync(string channel, string? tz, IIncidentStore store, CancellationToken cancellationToken)
    {
        if (ValidateChannel(channel) is { } badChannel)
        {
            return badChannel;
        }

        var incident = await store.FindLatestIncidentAsync(TenantScope.Web, channel, cancellationToken);
        if (incident is null)
        {
            return Results.Ok(new WebTimelineResponse(null, []));
        }

        var entries = await store.GetTimelineAsync(TenantScope.Web, incident.Id, cancellationToken);
        var roles = Enum.GetValues<IncidentRoleKind>()
            .Where(r => incident.Holder(r) is not null)
            .ToDictionary(r => r.Name(), r => incident.Holder(r)!.DisplayName);
        var durations = IncidentCards.DurationFacts(incident.Durations()).ToDictionary(f => f.Title, f => f.Value);
        var web = new WebIncident(
            incident.Reference,
            incident.Title,
            incident.Severity,
            incident.Status.ToString().ToLowerInvariant(),
            incident.IsExercise,
            incident.Exercise.Describe(),
            incident.Holder(IncidentRoleKind.Commander)?.DisplayName,
            roles,
            incident.LastStatus,
            incident.DeclaredAt,
            incident.ResolvedAt,
            durations);
        return Results.Ok(new WebTimelineResponse(web, entries.Select(e => new WebTimelineEntry(
            e.OccurredAt,
            e.RecordedAt,
            e.AuthorName,
            e.Kind.ToString(),
            e.Text,
            e.IsBackdated,
            e.KeyMoment?.Name(),
            e.AddedAfterResolve)).ToList()));
    }

    private static WebMessage ToWeb(ConversationMessage message)
    {
        var card = message.CardJson is null ? null : JsonSerializer.Deserialize<Card>(message.CardJson, CommandService.ReplyJson);
        return new WebMessage(
            message.Id,
            message.AuthorName,
            message.FromBot,
            message.IsError,
            message.VisibleToUserId is not null,
            message.FromBot ? InlineText.ToPlain(message.Text) : message.Text,
            card is null ? null : AdaptiveCardRenderer.Render(card),
            message.PostedAt);
    }

    private static IResult? ValidateChannel(string channel) =>
        ChannelPattern().IsMatch(channel)
            ? null
            : WebProblems.BadRequest("A channel name is 1 to 80 lowercase letters, digits, '-' or '_', starting with a letter or digit.");

    /// <summary>A display name of 1 to 40 characters; its lowercase form is the user's id, so `@Alice` and `@alice` are the same person.</summary>
    internal static bool TryUser(string? name, out ChatUser? user, out IResult? problem)
    {
        user = null;
        problem = null;
        var trimmed = string.Join(' ', (name ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Length is 0 or > 40 || trimmed.Any(c => char.IsControl(c) || c is '<' or '>' or '@'))
        {
            problem = WebProblems.BadRequest("Pick a display name of 1 to 40 characters (no <, > or @).");
            return false;
        }

        user = new ChatUser(UserId(trimmed), trimmed);
        return true;
    }

    internal static string UserId(string displayName) => displayName.Trim().ToLowerInvariant();

    private static TimeZoneInfo FindZone(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,79}$")]
    private static partial Regex ChannelPattern();
}
