using System.Net;
using ChatOpsIR.Core.Incidents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Web.SignIn;

/// <summary>
/// Who the web war room's caller is. With sign-in on, the person of the session, and a name the page sends is ignored:
/// nobody can act or read as someone else. Without it (Development, or tests that allow it), the name the page sends,
/// in the war room's one scope, and only from this machine.
/// </summary>
public sealed class WebCallers(IOptions<WebSignInOptions> options)
{
    public bool SignInRequired => options.Value.IsConfigured;

    public bool TryGet(HttpContext http, string? user, out WebPerson? person, out IResult? problem)
    {
        person = null;
        problem = null;
        if (SignInRequired)
        {
            // The API's authorization already refused a request without a session; this is the person it holds.
            person = WebPerson.FromSession(http.User);
            problem = person is null ? WebProblems.Problem(StatusCodes.Status401Unauthorized, WebSignIn.SignInDetail) : null;
            return person is not null;
        }

        if (!TryLocal(http, out problem) || !WebChatEndpoints.TryUser(user, out var named, out problem))
        {
            return false;
        }

        person = new WebPerson(named!, TenantScope.Web);
        return true;
    }

    /// <summary>The scope whose channels the caller sees: the person's with sign-in, else the war room's own.</summary>
    public bool TryScope(HttpContext http, out TenantScope scope, out IResult? problem)
    {
        scope = TenantScope.Web;
        if (!SignInRequired)
        {
            return TryLocal(http, out problem);
        }

        var found = TryGet(http, null, out var person, out problem);
        scope = person?.Scope ?? TenantScope.Web;
        return found;
    }

    private static bool TryLocal(HttpContext http, out IResult? problem)
    {
        // The in-process test server has no remote address; Kestrel always sets one.
        problem = http.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote)
            ? WebProblems.Problem(StatusCodes.Status403Forbidden, "Without sign-in the web war room answers only on this machine. Configure WebChat:Authentication to open it to others.")
            : null;
        return problem is null;
    }
}
