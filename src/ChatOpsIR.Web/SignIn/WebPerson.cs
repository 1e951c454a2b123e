using System.Security.Claims;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Web.SignIn;

/// <summary>
/// Who is acting in the web war room, and in which scope: the signed-in person from their session, or (in the local
/// no-sign-in mode) the name the page sent.
/// </summary>
public sealed record WebPerson(ChatUser User, TenantScope Scope)
{
    /// <summary>The person's directory id (Entra: the `oid` claim), so someone recorded from Teams by it is this person.</summary>
    public string? DirectoryId { get; init; }

    public IReadOnlySet<string> Groups { get; init; } = new HashSet<string>();

    /// <summary>The e-mail address the provider sent, by which others can name the person when names are shared.</summary>
    public string? Email { get; init; }

    // The session cookie holds only these claims, written once at sign-in from the provider's ID token.
    internal const string UserIdClaim = "sub";
    internal const string NameClaim = "name";
    internal const string EmailClaim = "email";
    internal const string DirectoryIdClaim = "chatopsir:directory_id";
    internal const string GroupClaim = "chatopsir:group";
    internal const string ScopeClaim = "chatopsir:scope";

    /// <summary>The person of a session, or null when the session lacks what sign-in wrote into it.</summary>
    public static WebPerson? FromSession(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || principal.FindFirst(UserIdClaim)?.Value is not { Length: > 0 } id
            || !TenantScope.TryParse(principal.FindFirst(ScopeClaim)?.Value, out var scope))
        {
            return null;
        }

        return new WebPerson(new ChatUser(id, principal.FindFirst(NameClaim)?.Value ?? id), scope)
        {
            DirectoryId = principal.FindFirst(DirectoryIdClaim)?.Value,
            Email = principal.FindFirst(EmailClaim)?.Value,
            Groups = principal.FindAll(GroupClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// The session's claims from the provider's: the id is the directory object id (`oid`) where the provider sends one,
    /// else the subject; null with a reason when the token lacks what the configuration needs.
    /// </summary>
    internal static ClaimsIdentity? SessionIdentity(ClaimsPrincipal token, WebSignInOptions options, string authenticationType, out string? refusal)
    {
        refusal = null;
        var objectId = token.FindFirst("oid")?.Value;
        var id = objectId is { Length: > 0 } ? objectId : token.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(id) || id.Length > 200)
        {
            refusal = "the ID token has no usable sub or oid claim";
            return null;
        }

        TenantScope scope;
        if (options.ScopeFromTenantClaim)
        {
            var tenant = token.FindFirst(options.TenantClaim)?.Value;
            if (tenant is not { Length: > 0 and <= TenantScope.MaxKeyLength } || tenant.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                refusal = $"the ID token has no usable '{options.TenantClaim}' claim to choose the person's tenant";
                return null;
            }

            scope = TenantScope.Teams(tenant);
        }
        else
        {
            scope = options.FixedScope ?? TenantScope.Web;
        }

        var name = FirstOf(token, options.NameClaim) ?? FirstOf(token, options.EmailClaim) ?? id;
        List<Claim> claims = [new(UserIdClaim, id), new(NameClaim, name.Length > 80 ? name[..80] : name), new(ScopeClaim, scope.ToString())];
        if (objectId is { Length: > 0 })
        {
            claims.Add(new Claim(DirectoryIdClaim, objectId));
        }

        if (FirstOf(token, options.EmailClaim) is { Length: <= 200 } email && email.Contains('@', StringComparison.Ordinal))
        {
            claims.Add(new Claim(EmailClaim, email));
        }

        // Large directories send hundreds of groups; the session keeps a bounded number.
        claims.AddRange(token.FindAll(options.GroupsClaim).Select(c => c.Value).Where(g => g.Length is > 0 and <= 200).Distinct(StringComparer.Ordinal).Take(200)
            .Select(g => new Claim(GroupClaim, g)));
        return new ClaimsIdentity(claims, authenticationType, NameClaim, GroupClaim);
    }

    private static string? FirstOf(ClaimsPrincipal principal, string type) =>
        principal.FindFirst(type)?.Value is { Length: > 0 } value && !value.Any(char.IsControl) ? value.Trim() : null;
}
