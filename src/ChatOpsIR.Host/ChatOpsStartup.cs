using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core;
using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Data;
using ChatOpsIR.Web;
using ChatOpsIR.Web.SignIn;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Host;

internal static partial class ChatOpsStartup
{
    public const string Url = "http://localhost:5080";

    /// <summary>What to tell a person when the host cannot start for a reason they can fix; null for anything else.</summary>
    public static IReadOnlyList<string>? Explain(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures.ToList(),
        ConfigurationException configuration => [configuration.Message],
        DatabaseStartupException database => [database.Message],
        InvalidOperationException { InnerException: FormatException } binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [binding.Message],
        _ => null,
    };

    /// <summary>
    /// `PostMortem:*`: the notification regimes (replacing the built-in set when any are given) and a replacement blame
    /// word list. Both are data; a mistake in either stops the host with a message naming the key.
    /// </summary>
    public static IServiceCollection AddPostMortemSettings(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("PostMortem");
        var regimes = section.GetSection("NotificationRegimes").Get<List<NotificationRegime>>();
        if (regimes is { Count: > 0 })
        {
            services.AddSingleton(new NotificationClocks(regimes));
        }

        if (section["BlameLanguageFile"] is { Length: > 0 } path)
        {
            try
            {
                services.AddSingleton(BlameCoach.FromFile(path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
            {
                throw new ConfigurationException($"PostMortem:BlameLanguageFile '{path}' cannot be read as a blame word list: {ex.Message}");
            }
        }

        return services;
    }

    /// <summary>
    /// `Permissions:*`: the incident managers of each platform. A malformed group id would silently make nobody a manager,
    /// so it stops the host with a message naming the key.
    /// </summary>
    public static IServiceCollection AddPermissionSettings(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PermissionOptions.SectionName).Get<PermissionOptions>() ?? new PermissionOptions();
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ConfigurationException(string.Join(" ", errors));
        }

        services.AddSingleton(options);
        return services;
    }

    /// <summary>
    /// `Evidence:*`: the size limit of a file recorded as evidence and the folder its copies go to. A folder that cannot
    /// be created or written stops the host with a message naming the key.
    /// </summary>
    public static IServiceCollection AddEvidenceFileSettings(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(EvidenceFileOptions.SectionName).Get<EvidenceFileOptions>() ?? new EvidenceFileOptions();
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ConfigurationException(string.Join(" ", errors));
        }

        services.AddSingleton(options);
        return services;
    }

    /// <summary>Whether the web war room is served: `WebChat:Enabled`, by default on in Development or where sign-in is configured.</summary>
    public static bool IsWebChatEnabled(this WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.Enabled;
        return configured ?? (app.Environment.IsDevelopment() || app.Services.GetRequiredService<IOptions<WebSignInOptions>>().Value.IsConfigured);
    }

    /// <summary>
    /// Fails closed: a war room without sign-in lets anyone act as anyone, so it runs only in Development and in the
    /// integration tests that allow it (`WebChat:AllowUnauthenticated`, environment Testing); anywhere else the host
    /// does not start. Returns whether sign-in is on.
    /// </summary>
    public static bool RequireWebChatSignIn(this WebApplication app, bool webChatEnabled)
    {
        var signIn = app.Services.GetRequiredService<IOptions<WebSignInOptions>>().Value.IsConfigured;
        var allowUnauthenticated = app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.AllowUnauthenticated;
        var testing = app.Environment.IsEnvironment(WebSignInServiceCollectionExtensions.TestingEnvironment);
        if (allowUnauthenticated && !testing)
        {
            throw new ConfigurationException($"WebChat:AllowUnauthenticated=true is for the integration tests only (environment {WebSignInServiceCollectionExtensions.TestingEnvironment}), not {app.Environment.EnvironmentName}. Remove it, and configure sign-in with WebChat:Authentication:Authority, WebChat:Authentication:ClientId and WebChat:Authentication:ClientSecret.");
        }

        if (webChatEnabled && !signIn && !app.Environment.IsDevelopment() && !(testing && allowUnauthenticated))
        {
            throw new ConfigurationException($"the web war room is on (WebChat:Enabled) without sign-in, which lets anyone act as anyone, and this is not Development (environment {app.Environment.EnvironmentName}). Configure sign-in with WebChat:Authentication:Authority, WebChat:Authentication:ClientId and WebChat:Authentication:ClientSecret, or turn the war room off with WebChat:Enabled=false.");
        }

        return signIn;
    }
}

/// <summary>The database could not be brought up to date at start.</summary>
internal sealed class DatabaseStartupException(string message, Exception inner) : Exception(message, inner);

/// <summary>Applies pending migrations before the server takes requests.</summary>
internal sealed partial class DatabaseMigrationService(IServiceProvider services, DatabaseOptions options, ILogger<DatabaseMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.MigrateOnStart)
        {
            return;
        }

        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            LogMigrated(logger, options.Provider);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMigrationFailed(logger, ex, options.Provider);
            throw new DatabaseStartupException(
                $"the {options.Provider} database could not be prepared ({ex.GetBaseException().Message}). Check Database:Provider and ConnectionStrings:ChatOpsIR.", ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Provider}) is up to date.")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Provider} database could not be prepared.")]
    private static partial void LogMigrationFailed(ILogger logger, Exception exception, DatabaseProvider provider);
}
