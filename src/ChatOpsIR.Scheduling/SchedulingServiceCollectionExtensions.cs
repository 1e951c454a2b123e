using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.SlowWork;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire (storage per `Hangfire:Storage`), the follow-up jobs behind Core's scheduling port, the server that runs
    /// them in this host, and the `Reminders:*` settings, all checked at start.
    /// </summary>
    public static IServiceCollection AddChatOpsScheduling(this IServiceCollection services)
    {
        AddCheckedOptions<SchedulingOptions>(services, SchedulingOptions.SectionName, o => o.Validate());
        AddCheckedOptions<ReminderOptions>(services, ReminderOptions.SectionName, o => o.Validate());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReminderOptions>>().Value);
        services.AddSingleton(sp => new SlowWorkOptions { Lease = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.WorkItemLease });
        AddCheckedOptions<PlanReviewOptions>(services, PlanReviewOptions.SectionName, o => o.Validate());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PlanReviewOptions>>().Value);

        // This host's own storage, registered before AddHangfire so Hangfire's clients and servers take it from DI. Hangfire's
        // UseXStorage() would set a process-wide JobStorage.Current instead, and two hosts in one process (tests, a
        // bench) could then enqueue into each other's storage.
        services.AddSingleton<JobStorage>(sp =>
        {
            var (kind, connectionString) = HangfireStorage.Resolve(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<SchedulingOptions>>().Value);
            return kind switch
            {
                // The schema is installed by FollowUpServer once the database exists (after the migrations).
                HangfireStorageKind.Postgres => new PostgreSqlStorage(
                    new NpgsqlConnectionFactory(connectionString, PostgresOptions),
                    PostgresOptions),
                HangfireStorageKind.SqlServer => new SqlServerStorage(
                    () => new Microsoft.Data.SqlClient.SqlConnection(connectionString),
                    new SqlServerStorageOptions { SchemaName = HangfireStorage.Schema, PrepareSchemaIfNecessary = false }),
                _ => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }),
            };
        });
        // Likewise this host's job activator: AddHangfire's default is the process-wide JobActivator.Current, which the
        // last host configured in the process replaces, so a job could be run by another host's services and database.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())));

        services.AddScoped<FollowUpJobs>();
        services.AddScoped<AuditJobs>();
        services.AddScoped<AccessGrantJobs>();
        services.AddSingleton<HangfireFollowUpScheduler>();
        services.AddSingleton<IFollowUpScheduler>(sp => sp.GetRequiredService<HangfireFollowUpScheduler>());
        services.AddSingleton<IWorkScheduler>(sp => sp.GetRequiredService<HangfireFollowUpScheduler>());
        services.AddHostedService<FollowUpServer>();
        return services;
    }

    private static readonly PostgreSqlStorageOptions PostgresOptions = new()
    {
        SchemaName = HangfireStorage.Schema,
        PrepareSchemaIfNecessary = false,
        QueuePollInterval = TimeSpan.FromSeconds(2),

        // A job queued by one host is taken at once (LISTEN/NOTIFY, PostgreSQL 11 or later) rather than at the next poll:
        // a war room or a backfill should not wait on the poll interval.
        EnableLongPolling = true,
    };

    /// <summary>Binds a settings section and checks it at start with the class's own list of problems.</summary>
    private static void AddCheckedOptions<T>(IServiceCollection services, string section, Func<T, IReadOnlyList<string>> validate)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new ListValidator<T>(validate));
    }

    private sealed class ListValidator<T>(Func<T, IReadOnlyList<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            validate(options) is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
