using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Data;

/// <summary>
/// A person who signed in to the web war room (one row per account and scope). The lowercase keys let every provider
/// find a name or an e-mail in any case through a plain index.
/// </summary>
public sealed class WebPersonRecord
{
    public required TenantScope Scope { get; init; }
    public required string UserId { get; init; }
    public required string DisplayName { get; set; }
    public required string NameKey { get; set; }
    public string? Email { get; set; }
    public string? EmailKey { get; set; }
    public DateTime LastSeenAt { get; set; }

    public static WebPersonRecord From(SignedInPerson person) => new()
    {
        Scope = person.Scope,
        UserId = person.UserId,
        DisplayName = person.DisplayName,
        NameKey = Key(person.DisplayName),
        Email = person.Email,
        EmailKey = person.Email is null ? null : Key(person.Email),
        LastSeenAt = person.LastSeenAt,
    };

    public SignedInPerson ToPerson() => new(Scope, UserId, DisplayName, Email, LastSeenAt);

    public static string Key(string nameOrEmail) => nameOrEmail.Trim().ToLowerInvariant();

    /// <summary>
    /// Takes what changed from <paramref name="seen"/>; false (nothing to write) when the name and e-mail are the same
    /// and the last sighting is recent, so a page reloaded often does not write each time.
    /// </summary>
    public bool Refresh(WebPersonRecord seen, TimeSpan every)
    {
        if (DisplayName == seen.DisplayName && Email == seen.Email && seen.LastSeenAt - LastSeenAt < every)
        {
            return false;
        }

        DisplayName = seen.DisplayName;
        NameKey = seen.NameKey;
        Email = seen.Email;
        EmailKey = seen.EmailKey;
        LastSeenAt = seen.LastSeenAt > LastSeenAt ? seen.LastSeenAt : LastSeenAt;
        return true;
    }
}
