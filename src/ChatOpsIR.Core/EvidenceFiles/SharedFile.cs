using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.EvidenceFiles;

/// <summary>
/// A file someone shared, as its platform describes it: the name and type it was shared with, the size the platform
/// claims (the recorded size is the one counted while hashing), where the platform serves it (<see cref="Source"/>: a
/// Slack download URL, a SharePoint sharing URL) and who shared it. No token travels with it.
/// </summary>
public sealed record SharedFile(string Name, string? ContentType, long? Size, string Source, ChatUser SharedBy)
{
    public const int MaxNameLength = 200;
    public const int MaxSourceLength = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>
    /// A file as shared, with its name made safe to show (no control characters, at most <see cref="MaxNameLength"/>
    /// characters); null when the platform gave no place to fetch it from.
    /// </summary>
    public static SharedFile? Of(string? name, string? contentType, long? size, string? source, ChatUser sharedBy)
    {
        if (string.IsNullOrWhiteSpace(source) || source.Length > MaxSourceLength)
        {
            return null;
        }

        var shown = new string((name ?? string.Empty).Where(c => !char.IsControl(c)).ToArray()).Trim();
        shown = shown.Length == 0 ? "unnamed file" : shown.Length > MaxNameLength ? string.Concat(shown.AsSpan(0, MaxNameLength - 1), "…") : shown;
        var type = contentType is { Length: > 0 and <= 200 } && !contentType.Any(char.IsControl) ? contentType.Trim() : null;
        return new SharedFile(shown, type, size is >= 0 ? size : null, source, sharedBy);
    }

    /// <summary>The type as shown: the content type, or that none was given.</summary>
    public string TypeText => ContentType ?? "type unknown";

    /// <summary>How the reference is stored with its work item (<see cref="SlowWork.WorkItem.Line"/>).</summary>
    public string Write() => JsonSerializer.Serialize(new Stored(Name, ContentType, Size, Source, SharedBy.Id, SharedBy.DisplayName), Json);

    public static SharedFile? TryRead(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<Stored>(text, Json) is { Name: { } name, Source: { } source, SharedById: { } id } stored
                ? Of(name, stored.ContentType, stored.Size, source, new ChatUser(id, stored.SharedByName ?? id))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Stored(string? Name, string? ContentType, long? Size, string? Source, string? SharedById, string? SharedByName);
}
