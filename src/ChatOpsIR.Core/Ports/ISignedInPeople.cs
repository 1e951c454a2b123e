using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>
/// The people who signed in to the web war room, so that <c>@Name</c> (or <c>@e-mail</c>) reaches their account before
/// they have written a line there.
/// </summary>
public interface ISignedInPeople
{
    /// <summary>Records the person as seen at <see cref="SignedInPerson.LastSeenAt"/>, with the name and e-mail their provider last sent.</summary>
    Task SaveAsync(SignedInPerson person, CancellationToken cancellationToken);

    /// <summary>People of <paramref name="scope"/> whose display name or e-mail is <paramref name="nameOrEmail"/> (any case), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<SignedInPerson>> FindAsync(TenantScope scope, string nameOrEmail, int limit, CancellationToken cancellationToken);
}

/// <summary>A signed-in person of the web war room: their account id (<c>oid</c> or <c>sub</c>) in their scope.</summary>
public sealed record SignedInPerson(TenantScope Scope, string UserId, string DisplayName, string? Email, DateTime LastSeenAt);
