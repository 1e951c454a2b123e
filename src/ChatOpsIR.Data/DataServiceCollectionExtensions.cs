using ChatOpsIR.Core;
using ChatOpsIR.Core.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsIR.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContext for the configured provider, the stores behind Core's ports, and the migrator.
    /// Throws with a clear message when the provider or connection string cannot be used.
    /// </summary>
    public static IServiceCollection AddChatOpsData(this IServiceCollection services, IConfiguration configuration)
    {
        var providerText = configuration[$"{DatabaseOptions.SectionName}:Provider"];
        if (!string.IsNullOrEmpty(providerText) && (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out _) || int.TryParse(providerText, out _)))
        {
            throw new ConfigurationException($"Database:Provider is '{providerText}'. Use Sqlite, Postgres or SqlServer.");
        }

        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();

        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        services.AddSingleton(options);

        // An incident loads its roles and members with it (two collections): one query, as EF does by default, said
        // out loud so EF stops warning about it on every such query; the queries that read more use AsSplitQuery.
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = PrepareSqlite(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString);
                services.AddDbContextPool<SqliteChatOpsDbContext>(o => o.UseSqlite(sqlite, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)));
                services.AddScoped<ChatOpsDbContext>(sp => sp.GetRequiredService<SqliteChatOpsDbContext>());
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextPool<PostgresChatOpsDbContext>(o => o.UseNpgsql(Require(connectionString, options.Provider), s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)));
                services.AddScoped<ChatOpsDbContext>(sp => sp.GetRequiredService<PostgresChatOpsDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<SqlServerChatOpsDbContext>(o => o.UseSqlServer(Require(connectionString, options.Provider), s => s.EnableRetryOnFailure().UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)));
                services.AddScoped<ChatOpsDbContext>(sp => sp.GetRequiredService<SqlServerChatOpsDbContext>());
                break;
        }

        services.AddSingleton<TimelineGroupCommit>();
        services.AddScoped<IIncidentStore, EfIncidentStore>();
        services.AddScoped<IConversationLog, EfConversationLog>();
        services.AddScoped<IConversationAddressBook, EfConversationAddressBook>();
        services.AddScoped<IInstallationStore, EfInstallationStore>();
        services.AddScoped<IFollowUpStore, EfFollowUpStore>();
        services.AddScoped<IPlanReviewStore, EfPlanReviewStore>();
        services.AddScoped<IWorkItemStore, EfWorkItemStore>();
        services.AddScoped<ISignedInPeople, EfSignedInPeople>();
        services.AddScoped<IAuditTrail, EfAuditTrail>();
        services.TryAddScoped<Core.Audit.AuditActor>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<DatabaseMigrator>();
        return services;
    }

    private static string Require(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new ConfigurationException($"Database:Provider is {provider} but ConnectionStrings:{DatabaseOptions.ConnectionStringName} is empty. Set it (environment variable ConnectionStrings__{DatabaseOptions.ConnectionStringName}).")
            : connectionString;

    /// <summary>Makes sure the folder of an SQLite file exists, so the first run needs no set-up.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }
}
