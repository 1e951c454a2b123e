using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOpsIR.Scheduling;

/// <summary>
/// Starts after the database migrations: installs Hangfire's schema where it lives in the database, registers the
/// recurring sweep, queues one sweep at once (so whatever came due while no host was running goes out now, once), and
/// runs the Hangfire server in this host.
/// </summary>
internal sealed partial class FollowUpServer(
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<SchedulingOptions> options,
    ILogger<FollowUpServer> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>The longest wait before trying again when the database cannot be reached at start (the first waits are shorter).</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(30);

    /// <summary>The PostgreSQL advisory lock that keeps two hosts from installing Hangfire's schema at once.</summary>
    private const long InstallLockKey = 0x43_4F_49_52_48_46; // "COIRHF"

    private readonly CancellationTokenSource _stopping = new();
    private BackgroundJobServer? _server;
    private Task? _starting;

    /// <summary>
    /// Starts in the background, so a database that is down at start leaves the host up (health says 503) and the
    /// scheduler starts once the database answers.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(() => StartWithRetriesAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StartWithRetriesAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await StartServerAsync(cancellationToken);
                return;
            }
            catch (Exception ex)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return; // stopped while starting: whatever failed, there is nothing to retry
                }

                LogStartFailed(logger, ex, wait.TotalSeconds);
            }

            try
            {
                await Task.Delay(wait, cancellationToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, RetryEvery.Ticks));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var (kind, connectionString) = HangfireStorage.Resolve(configuration, options.Value);
        switch (kind)
        {
            case HangfireStorageKind.Postgres:
                await using (var connection = new NpgsqlConnection(connectionString))
                {
                    await connection.OpenAsync(cancellationToken);

                    // Hosts starting together would run the installer's scripts at the same time; one at a time, on a session lock.
                    await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({InstallLockKey})", connection))
                    {
                        await take.ExecuteNonQueryAsync(cancellationToken);
                    }

                    PostgreSqlObjectsInstaller.Install(connection, HangfireStorage.Schema);
                    await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({InstallLockKey})", connection);
                    await release.ExecuteNonQueryAsync(cancellationToken);
                }

                break;
            case HangfireStorageKind.SqlServer:
                await using (var connection = new Microsoft.Data.SqlClient.SqlConnection(connectionString))
                {
                    await connection.OpenAsync(cancellationToken);
                    SqlServerObjectsInstaller.Install(connection, HangfireStorage.Schema);
                }

                break;
        }

        var storage = services.GetRequiredService<JobStorage>();
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var utcRelaxed = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed };
        recurring.AddOrUpdate<FollowUpJobs>(FollowUpJobs.SweepJobId, j => j.SweepAsync(CancellationToken.None), options.Value.SweepCron, utcRelaxed);
        recurring.AddOrUpdate<AccessGrantJobs>(AccessGrantJobs.RecurringJobId, j => j.RemindAllAsync(CancellationToken.None), options.Value.AccessReminderCron, utcRelaxed);
        recurring.AddOrUpdate<FollowUpJobs>(FollowUpJobs.CleanupJobId, j => j.CleanUpAsync(CancellationToken.None), FollowUpJobs.CleanupCron, utcRelaxed);
        recurring.AddOrUpdate<AuditJobs>(AuditJobs.LinkJobId, j => j.LinkAsync(CancellationToken.None), AuditJobs.LinkCron, utcRelaxed);
        recurring.AddOrUpdate<AuditJobs>(AuditJobs.HeadJobId, j => j.LogHeadsAsync(CancellationToken.None), AuditJobs.HeadCron, utcRelaxed);

        // Whatever came due while no host was running goes out now, once: the database says what is due and what was sent.
        await services.GetRequiredService<IFollowUpScheduler>().EnqueueSweepAsync(cancellationToken);

        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = options.Value.WorkerCount,
                Activator = services.GetRequiredService<JobActivator>(),
                ShutdownTimeout = TimeSpan.FromSeconds(10),
            },
            storage);
        LogStarted(logger, kind, options.Value.WorkerCount);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_starting is { } starting)
        {
            await starting.WaitAsync(cancellationToken);
        }

        if (_server is { } server)
        {
            server.SendStop();
            try
            {
                await server.WaitForShutdownAsync(cancellationToken);
            }
            catch (ObjectDisposedException)
            {
                // An idle server can finish stopping before the wait begins; Hangfire then has disposed the handle waited on.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        _stopping.Cancel();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The follow-up scheduler could not start; trying again in {Seconds} s.")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up scheduler started: Hangfire storage {Storage}, {Workers} workers.")]
    private static partial void LogStarted(ILogger logger, HangfireStorageKind storage, int workers);
}
