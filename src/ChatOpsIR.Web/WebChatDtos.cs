using System.Text.Json.Nodes;

namespace ChatOpsIR.Web;

public sealed record WebCommandRequest(string? User, string? Text, string? ClientMessageId, string? TimeZone);

public sealed record WebActionRequest(string? User, string? Verb, Dictionary<string, string>? Data, string? ClientMessageId, string? TimeZone);

public sealed record WebMessage(long Id, string AuthorName, bool FromBot, bool IsError, bool IsPrivate, string Text, JsonObject? Card, DateTime PostedAt);

public sealed record WebMessagesResponse(IReadOnlyList<WebMessage> Messages);

public sealed record WebChannel(string Id, DateTime LastActivityAt, string? OpenIncident);

public sealed record WebTimelineEntry(DateTime OccurredAt, DateTime RecordedAt, string Author, string Kind, string Text, bool Backdated, string? KeyMoment, bool AddedAfterResolve);

/// <summary>The channel's incident in the side panel; <see cref="Id"/> addresses its page (/incidents/{id}).</summary>
public sealed record WebIncident(
    Guid Id,
    string Reference,
    string Title,
    int Severity,
    string Status,
    bool Exercise,
    string ExerciseKind,
    string? Commander,
    IReadOnlyDictionary<string, string> Roles,
    string? LastStatus,
    DateTime DeclaredAt,
    DateTime? ResolvedAt,
    IReadOnlyDictionary<string, string> Durations);

public sealed record WebTimelineResponse(WebIncident? Incident, IReadOnlyList<WebTimelineEntry> Entries);

/// <summary>The signed-in person's name and the antiforgery token the page sends with every POST (all empty without sign-in).</summary>
public sealed record WebSession(bool SignedIn, string? Name, string? AntiforgeryToken);
