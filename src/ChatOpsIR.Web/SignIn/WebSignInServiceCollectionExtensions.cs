using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Web.SignIn;

public static class WebSignInServiceCollectionExtensions
{
    /// <summary>The name of the environment the integration tests run the host in.</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>
    /// `WebChat:Authentication:*`, validated at start. The authentication schemes exist only when sign-in is configured,
    /// so a host without it has no sign-in endpoints to probe.
    /// </summary>
    public static IServiceCollection AddChatOpsWebSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<WebSignInOptions>().BindConfiguration(WebSignInOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebSignInOptions>, WebSignInOptions.Validator>();
        services.AddSingleton<WebCallers>();

        // A local run or test serves plain http on loopback, where a Secure cookie would never come back; anywhere else
        // every cookie of the session is Secure. The session endpoint takes the antiforgery service in either mode.
        var secure = IsLocal(environment) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAntiforgery(antiforgery => WebSignIn.ConfigureAntiforgery(antiforgery, secure));
        var options = configuration.GetSection(WebSignInOptions.SectionName).Get<WebSignInOptions>() ?? new WebSignInOptions();
        if (!options.IsConfigured)
        {
            return services;
        }

        services.AddAuthentication(authentication => authentication.DefaultScheme = WebSignIn.CookieScheme)
            .AddCookie(WebSignIn.CookieScheme, cookie => WebSignIn.ConfigureCookie(cookie, options, secure))
            .AddOpenIdConnect(WebSignIn.ProviderScheme, oidc => WebSignIn.ConfigureProvider(oidc, options, secure));
        services.AddAuthorizationBuilder()
            .AddPolicy(WebSignIn.Policy, policy => policy.AddAuthenticationSchemes(WebSignIn.CookieScheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Development, or the integration tests' environment: the only places a war room without sign-in may run.</summary>
    public static bool IsLocal(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment);
}
