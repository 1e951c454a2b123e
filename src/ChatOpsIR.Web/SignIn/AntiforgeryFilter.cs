using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Web.SignIn;

/// <summary>
/// Refuses a state-changing API call without a valid antiforgery token (the cookie and the header of the same
/// session) before its handler runs, so nothing is logged and no command runs. A cookie alone, which another site can
/// make a browser send, is not enough.
/// </summary>
internal sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // Without the header nothing is looked up: the token is never searched for in a body (an upload is not read).
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && (!http.Request.Headers.ContainsKey(WebSignIn.AntiforgeryHeader) || !await antiforgery.IsRequestValidAsync(http)))
        {
            return WebProblems.BadRequest($"This request has no valid antiforgery token. Reload the war room: it sends the token from GET {WebProblems.ApiPath}/session in the {WebSignIn.AntiforgeryHeader} header. Nothing was saved.");
        }

        return await next(context);
    }
}
