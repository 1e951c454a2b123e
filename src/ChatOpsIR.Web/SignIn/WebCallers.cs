using System.Net;
using ChatOpsIR.Core.Incidents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Web.SignIn;

/// <summary>
/// Who the web war room's caller is. With sign-in on, the person of the session, and a name the page sends is ignored:
/// nobody can act or read as someone else. Without it (Development, or tests that allow it), the name the page sends,
/// in the war room's one scope; <see cref="LocalOnlyFilter"/> has already refused anyone not on this machine.
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

        if (!WebChatEndpoints.TryUser(user, out var named, out problem))
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
        problem = null;
        if (!SignInRequired)
        {
            return true;
        }

        var found = TryGet(http, null, out var person, out problem);
        scope = person?.Scope ?? TenantScope.Web;
        return found;
    }

    /// <summary>
    /// Without sign-in, the page and every API call answer this machine only (<see cref="LocalOnlyFilter"/>): anyone else
    /// could pick any name. The in-process test server has no remote address; Kestrel always sets one (IsLoopback also
    /// knows 127.0.0.1 as a dual-stack socket writes it, ::ffff:127.0.0.1).
    /// </summary>
    internal static bool IsLocal(HttpContext http) => http.Connection.RemoteIpAddress is not { } remote || IPAddress.IsLoopback(remote);

    internal const string NotLocal = "Without sign-in the web war room answers only on this machine. Configure WebChat:Authentication to open it to others.";
}

/// <summary>Refuses a request from another machine with 403 before the page or an API handler runs (the no-sign-in mode only).</summary>
internal sealed class LocalOnlyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        WebCallers.IsLocal(context.HttpContext)
            ? next(context)
            : ValueTask.FromResult<object?>(WebProblems.Problem(StatusCodes.Status403Forbidden, WebCallers.NotLocal));
}
