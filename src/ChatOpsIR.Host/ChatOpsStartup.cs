using ChatOpsIR.Data;
using ChatOpsIR.Web;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Host;

internal static partial class ChatOpsStartup
{
    public const string Url = "http://localhost:5080";

    /// <summary>Validates every option and brings the database up to date. False (after saying why) when the host must not start.</summary>
    public static async Task<bool> PrepareAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsIR.Startup");
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                LogInvalidConfiguration(logger, failure);
                await Console.Error.WriteLineAsync($"ChatOpsIR cannot start: {failure}");
            }

            return false;
        }

        var database = app.Services.GetRequiredService<DatabaseOptions>();
        if (database.MigrateOnStart)
        {
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
                LogMigrated(logger, database.Provider);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogMigrationFailed(logger, ex, database.Provider);
                await Console.Error.WriteLineAsync($"ChatOpsIR cannot start: the {database.Provider} database could not be prepared ({ex.GetBaseException().Message}). Check ConnectionStrings:ChatOpsIR.");
                return false;
            }
        }

        return true;
    }

    public static bool IsWebChatEnabled(this WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.Enabled;
        return configured ?? (app.Environment.IsDevelopment() || app.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Invalid configuration: {Failure}")]
    private static partial void LogInvalidConfiguration(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Provider}) is up to date.")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Provider} database could not be prepared.")]
    private static partial void LogMigrationFailed(ILogger logger, Exception exception, DatabaseProvider provider);
}
