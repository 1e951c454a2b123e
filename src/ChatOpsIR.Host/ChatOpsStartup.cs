using ChatOpsIR.Data;
using ChatOpsIR.Web;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Host;

internal static partial class ChatOpsStartup
{
    public const string Url = "http://localhost:5080";

    /// <summary>Runs the host; a configuration the host cannot start with ends it with a message saying what to fix, and exit code 1.</summary>
    public static async Task<int> RunChatOpsAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"ChatOpsIR cannot start: {failure}");
            }

            return 1;
        }
        catch (DatabaseStartupException ex)
        {
            await Console.Error.WriteLineAsync($"ChatOpsIR cannot start: {ex.Message}");
            return 1;
        }
    }

    public static bool IsWebChatEnabled(this WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.Enabled;
        return configured ?? (app.Environment.IsDevelopment() || app.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite);
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
