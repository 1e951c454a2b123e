using System.Diagnostics.CodeAnalysis;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// The workspace or tenant a record belongs to, which bounds every read and write: a Slack workspace (or an Enterprise
/// Grid organisation) by its id, a Teams tenant by its id, or the one web war room. Stored as its text form
/// (<c>slack:T0001</c>, <c>teams:&lt;tenant id&gt;</c>, <c>web</c>), which only this type writes and reads.
/// </summary>
public readonly record struct TenantScope
{
    private const string SlackPrefix = "slack:";
    private const string TeamsPrefix = "teams:";
    private const string WebText = "web";

    /// <summary>The longest key a scope holds (its text form fits the 200-character scope columns).</summary>
    public const int MaxKeyLength = 190;

    private TenantScope(Platform platform, string key)
    {
        Platform = platform;
        Key = key;
    }

    public Platform Platform { get; }

    /// <summary>The platform's id of the workspace or tenant (empty for the web war room).</summary>
    public string Key { get; }

    /// <summary>The web war room's one scope.</summary>
    public static TenantScope Web { get; } = new(Platform.Web, string.Empty);

    /// <summary>A Slack workspace (<c>T…</c>) or an organisation-wide install on Enterprise Grid (<c>E…</c>).</summary>
    public static TenantScope Slack(string installKey) => new(Platform.Slack, RequireKey(installKey));

    /// <summary>A Microsoft Teams (Entra ID) tenant.</summary>
    public static TenantScope Teams(string tenantId) => new(Platform.Teams, RequireKey(tenantId));

    /// <summary>The key when this is a scope of <paramref name="platform"/>, else null.</summary>
    public string? KeyFor(Platform platform) => Platform == platform && Key.Length > 0 ? Key : null;

    public override string ToString() => Platform switch
    {
        Platform.Slack => SlackPrefix + Key,
        Platform.Teams => TeamsPrefix + Key,
        _ => WebText,
    };

    /// <summary>Reads the text form; false for anything this type would not have written.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TenantScope scope)
    {
        scope = default;
        if (text == WebText)
        {
            scope = Web;
            return true;
        }

        var (platform, key) = text switch
        {
            not null when text.StartsWith(SlackPrefix, StringComparison.Ordinal) => (Platform.Slack, text[SlackPrefix.Length..]),
            not null when text.StartsWith(TeamsPrefix, StringComparison.Ordinal) => (Platform.Teams, text[TeamsPrefix.Length..]),
            _ => (Platform.System, string.Empty),
        };
        if (platform == Platform.System || !IsKey(key))
        {
            return false;
        }

        scope = new TenantScope(platform, key);
        return true;
    }

    /// <summary>Reads the text form of a stored scope; a value this type did not write is a broken record.</summary>
    public static TenantScope Parse(string text) =>
        TryParse(text, out var scope) ? scope : throw new FormatException($"'{text}' is not a tenant scope (slack:<id>, teams:<id> or web).");

    private static bool IsKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && !key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static string RequireKey(string key) =>
        IsKey(key) ? key : throw new ArgumentException($"A workspace or tenant id is 1 to {MaxKeyLength} characters without spaces.", nameof(key));
}
