using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Scheduling;

public static class DashboardEndpoints
{
    public const string Path = "/hangfire";

    /// <summary>
    /// The Hangfire dashboard at /hangfire: behind basic authentication when `Hangfire:DashboardUser` and
    /// `Hangfire:DashboardPassword` are set; otherwise only for local requests in Development, and not served at all
    /// elsewhere. It is never open to anonymous requests outside Development.
    /// </summary>
    public static IEndpointRouteBuilder MapChatOpsDashboard(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SchedulingOptions>>().Value;
        var development = endpoints.ServiceProvider.GetRequiredService<IWebHostEnvironment>().IsDevelopment();
        IDashboardAuthorizationFilter filter;
        if (options.DashboardUser is { Length: > 0 } user && options.DashboardPassword is { Length: > 0 } password)
        {
            filter = new BasicAuthFilter(user, password);
        }
        else if (development)
        {
            filter = new LocalRequestsOnlyFilter();
        }
        else
        {
            return endpoints;
        }

        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [filter],
            DisplayStorageConnectionString = false,
            DashboardTitle = "ChatOpsIR jobs",
        });
        return endpoints;
    }

    /// <summary>HTTP basic authentication, compared in constant time. Serve it over HTTPS only.</summary>
    internal sealed class BasicAuthFilter(string user, string password) : IDashboardAuthorizationFilter
    {
        private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes($"{user}:{password}"));

        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var header = http.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    var given = SHA256.HashData(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                    if (CryptographicOperations.FixedTimeEquals(given, _expected))
                    {
                        return true;
                    }
                }
                catch (FormatException)
                {
                }
            }

            http.Response.Headers.WWWAuthenticate = "Basic realm=\"ChatOpsIR jobs\", charset=\"UTF-8\"";
            http.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
            return false;
        }
    }

    /// <summary>Development without credentials: the machine's own browser only.</summary>
    internal sealed class LocalRequestsOnlyFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var connection = context.GetHttpContext().Connection;
            return connection.RemoteIpAddress is null
                ? connection.LocalIpAddress is null
                : IPAddress.IsLoopback(connection.RemoteIpAddress) || connection.RemoteIpAddress.Equals(connection.LocalIpAddress);
        }
    }
}
