using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams.Graph;

/// <summary>
/// Microsoft Graph (`Graph:*`), called with the bot registration's own credentials (Teams:AppId, Teams:AppPassword) for an
/// app-only token in the customer's tenant. The URLs default to the public cloud and can point elsewhere (sovereign
/// clouds, tests).
/// </summary>
public sealed class GraphOptions
{
    public const string SectionName = "Graph";
    public const string TenantPlaceholder = "{tenant}";

    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>The client-credentials token endpoint; <c>{tenant}</c> is replaced by the tenant the call is for.</summary>
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    /// <summary>How long a chat action waits for a person's name from Graph before going on without it.</summary>
    public TimeSpan UserLookupBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a name looked up in Graph is remembered.</summary>
    public TimeSpan UserCacheLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The token scope: the Graph host's <c>/.default</c> (https://graph.microsoft.com/.default in the public cloud).</summary>
    public string Scope => new Uri(BaseUrl).GetLeftPart(UriPartial.Authority) + "/.default";
}

internal sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, value) in new[] { ("Graph:BaseUrl", options.BaseUrl), ("Graph:TokenEndpoint", options.TokenEndpoint.Replace(GraphOptions.TenantPlaceholder, "common", StringComparison.Ordinal)) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                failures.Add($"{key} must be an absolute http(s) URL.");
            }
            else if (uri.Scheme == "http" && !Auth.BotConnectorAuthentication.IsLoopbackHttp(value))
            {
                // Tokens sent or fetched over plain http could be read in transit; only a loopback test fake may use it.
                failures.Add($"{key} must use https (plain http is accepted only for a loopback address such as 127.0.0.1).");
            }
        }

        if (options.UserLookupBudget <= TimeSpan.Zero || options.UserLookupBudget > TimeSpan.FromSeconds(4))
        {
            // A message action must be answered within 5 seconds; the lookup has to leave room for the rest.
            failures.Add("Graph:UserLookupBudget must be more than 0 and at most 00:00:04.");
        }

        if (options.UserCacheLifetime < TimeSpan.Zero)
        {
            failures.Add("Graph:UserCacheLifetime must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
