using Microsoft.Extensions.Configuration;

namespace ChatOpsIR.Scheduling;

/// <summary>Which Hangfire storage this host uses, and where.</summary>
internal static class HangfireStorage
{
    public const string Schema = "hangfire";

    /// <summary>`Hangfire:Storage`, with Auto following `Database:Provider` (SqlServer, Postgres; in memory for SQLite).</summary>
    public static (HangfireStorageKind Kind, string ConnectionString) Resolve(IConfiguration configuration, SchedulingOptions options)
    {
        var kind = options.Storage;
        if (kind == HangfireStorageKind.Auto)
        {
            var provider = configuration["Database:Provider"];
            kind = provider?.ToUpperInvariant() switch
            {
                "POSTGRES" => HangfireStorageKind.Postgres,
                "SQLSERVER" => HangfireStorageKind.SqlServer,
                _ => HangfireStorageKind.InMemory,
            };
        }

        var connectionString = configuration.GetConnectionString("ChatOpsIR") ?? string.Empty;
        if (kind is HangfireStorageKind.Postgres or HangfireStorageKind.SqlServer && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new Core.ConfigurationException($"Hangfire:Storage is {kind} but ConnectionStrings:ChatOpsIR is empty.");
        }

        return (kind, connectionString);
    }
}
