using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsIR.AdaptiveCards;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Web.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// The page and its API. With <paramref name="signIn"/> both need a session (the page sends a browser to the
    /// provider, the API answers 401) and every POST an antiforgery token; without it, the name picker of a local trial.
    /// <paramref name="evidence"/> sets the upload limit of "Add file as evidence".
    /// </summary>
    public static IEndpointRouteBuilder MapChatOpsWebChat(this IEndpointRouteBuilder endpoints, bool signIn, EvidenceFileOptions evidence)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(WebChatEndpoints).Assembly, "wwwroot");
        // The page is served with the server's command limit, so the command box counts against the same number.
        var page = ReadPage(files, evidence);
        var home = endpoints.MapGet("/", () => Results.Text(page, "text/html; charset=utf-8"));
        // An incident's page is the same page: the script sees the path and shows the incident with its war room.
        var incidentPage = endpoints.MapGet("/incidents/{id:guid}", () => Results.Text(page, "text/html; charset=utf-8"));
        var incidentList = endpoints.MapIncidentListPage(files);
        endpoints.MapGet("/assets/{name}", (string name) => Asset(files, name));

        // Kestrel enforces the limit while reading any body; the filter also refuses a declared oversized body where no
        // server limit applies (the in-process test server), before any command runs.
        RouteGroupBuilder Api(string prefix, long limit = MaxRequestBytes, string? tooLarge = null)
        {
            var group = endpoints.MapGroup(prefix)
                .WithMetadata(new RequestSizeLimitAttribute(limit))
                .AddEndpointFilter((context, next) => context.HttpContext.Request.ContentLength > limit
                    ? ValueTask.FromResult<object?>(WebProblems.Problem(StatusCodes.Status413PayloadTooLarge, tooLarge ?? WebProblems.TooLarge))
                    : next(context));
            return signIn ? group.RequireAuthorization(WebSignIn.Policy).AddEndpointFilter<AntiforgeryFilter>() : group.AddEndpointFilter<LocalOnlyFilter>();
        }

        var api = Api(WebProblems.ApiPath);
        var incidents = Api(WebProblems.IncidentsApiPath);

        // Uploads are limited by the evidence limit, not by the command limit; the file is read as it streams in.
        var uploads = Api(WebProblems.ApiPath, WebEvidenceUpload.RequestLimit(evidence), evidence.TooLarge);
        if (signIn)
        {
            home.RequireAuthorization(WebSignIn.Policy);
            incidentPage.RequireAuthorization(WebSignIn.Policy);
            incidentList.RequireAuthorization(WebSignIn.Policy);
            endpoints.MapChatOpsWebSignIn();
        }
        else
        {
            home.AddEndpointFilter<LocalOnlyFilter>();
            incidentPage.AddEndpointFilter<LocalOnlyFilter>();
            incidentList.AddEndpointFilter<LocalOnlyFilter>();
        }

        // What each answers, for the OpenAPI document (the handlers return IResult, so it cannot be inferred).
        api.MapGet("/session", ReadSessionAsync);
        api.MapGet("/channels", ListChannelsAsync).Produces<List<WebChannel>>().ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/channels/{channel}/messages", ReadMessagesAsync).Produces<WebMessagesResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/channels/{channel}/commands", WebChatCommands.PostCommandAsync).Produces<WebMessagesResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/channels/{channel}/actions", WebChatCommands.PostActionAsync).Produces<WebMessagesResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        uploads.MapPost("/channels/{channel}/evidence", WebEvidenceUpload.PostAsync).WithDescription("A multipart/form-data body with the file in a part named `file`, after any other fields.").Produces<WebMessagesResponse>().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/channels/{channel}/timeline", WebChatTimeline.ReadAsync).Produces<WebTimelineResponse>();
        WebCommandCatalog.Map(api);
        incidents.MapGet("/{id:guid}/audit", WebAudit.ReadAsync).Produces<WebAuditResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        incidents.MapIncidentApi();
        endpoints.MapChatOpsInsights(signIn, Api(WebInsights.ApiPath));
        return endpoints;
    }

    private static string ReadPage(IFileProvider files, EvidenceFileOptions evidence)
    {
        using var reader = new StreamReader(files.GetFileInfo("index.html").CreateReadStream());
        return reader.ReadToEnd()
            .Replace("{{MaxCommandLength}}", CommandParser.MaxLineLength.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{MaxEvidenceBytes}}", evidence.MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
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

    /// <summary>
    /// Who the page acts as, and the token its POSTs carry (both null without sign-in: the page then asks for a name).
    /// The page asks on every load, so the signed-in person is recorded here, and others can name them before they write.
    /// </summary>
    private static async Task<WebSession> ReadSessionAsync(HttpContext http, WebCallers callers, IAntiforgery antiforgery, ISignedInPeople people, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!callers.SignInRequired || WebPerson.FromSession(http.User) is not { } person)
        {
            return new WebSession(false, null, null);
        }

        await people.SaveAsync(new SignedInPerson(person.Scope, person.User.Id, person.User.DisplayName, person.Email, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return new WebSession(true, person.User.DisplayName, antiforgery.GetAndStoreTokens(http).RequestToken);
    }

    /// <summary>The channels of the caller's scope; one of a private incident only to its people (`?user=` names the person without sign-in).</summary>
    private static async Task<IResult> ListChannelsAsync(string? user, HttpContext http, WebCallers callers, IConversationLog log, WebChannelAccess access, CancellationToken cancellationToken)
    {
        if (!callers.TryScope(http, out var scope, out var problem))
        {
            return problem!;
        }

        var who = user is null && !callers.SignInRequired ? null : callers.TryGet(http, user, out var person, out _) ? person : null;
        var channels = await log.ListChannelsAsync(scope, 100, cancellationToken);
        var visible = await access.VisibleAsync(who, scope, channels.Select(c => c.ChannelId).ToList(), cancellationToken);
        return Results.Ok(channels.Where(c => visible.Contains(c.ChannelId)).Select(c => new WebChannel(c.ChannelId, c.LastActivityAt, c.OpenIncident)).ToList());
    }

    /// <summary>The channel's messages as this person sees them: everyone's, and the private replies meant for them only.</summary>
    private static async Task<IResult> ReadMessagesAsync(string channel, string? user, long? after, HttpContext http, WebCallers callers, IConversationLog log, WebChannelAccess access, CancellationToken cancellationToken)
    {
        if (ValidateChannel(channel) is { } badChannel)
        {
            return badChannel;
        }

        if (!callers.TryGet(http, user, out var person, out var badUser))
        {
            return badUser!;
        }

        if (!await access.MaySeeAsync(person, person!.Scope, channel, cancellationToken))
        {
            return WebProblems.Problem(StatusCodes.Status404NotFound, WebChannelAccess.Hidden);
        }

        var messages = await log.ReadAsync(person.Scope, channel, person.User.Id, after ?? 0, PageSize, cancellationToken);
        return Results.Ok(new WebMessagesResponse(messages.Select(ToWeb).ToList()));
    }

    internal static WebMessage ToWeb(ConversationMessage message)
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

    internal static IResult? ValidateChannel(string channel) =>
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

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,79}$")]
    private static partial Regex ChannelPattern();
}
