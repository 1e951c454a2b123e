using ChatOpsIR.Core.Ports;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Testing;

/// <summary>Drives a host's follow-up jobs through its real Hangfire storage and server.</summary>
public static class HangfireJobs
{
    /// <summary>Runs the sweep through Hangfire (as its recurring job would) and waits until every job it queued has finished.</summary>
    public static async Task SweepAsync(IServiceProvider services)
    {
        await services.GetRequiredService<IFollowUpScheduler>().EnqueueSweepAsync(CancellationToken.None);
        await DrainAsync(services);
    }

    /// <summary>
    /// Sweeps until <paramref name="arrived"/> holds, a few times at most, as the minute's recurring sweep would after a
    /// run that failed (a sweep is not retried by Hangfire; the next one picks up what it left). Returns whether it held.
    /// </summary>
    public static async Task<bool> SweepUntilAsync(IServiceProvider services, Func<bool> arrived, int sweeps = 5)
    {
        for (var i = 0; i < sweeps; i++)
        {
            await SweepAsync(services);
            if (arrived())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Waits until a Hangfire server is up and no job is queued, running or waiting for a retry (a job that failed once
    /// under load is retried after a delay; returning before that would make the test see nothing).
    /// </summary>
    public static async Task DrainAsync(IServiceProvider services, TimeSpan? timeout = null)
    {
        var monitoring = services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        var quietChecks = 0;
        while (DateTime.UtcNow < deadline)
        {
            Hangfire.Storage.Monitoring.StatisticsDto stats;
            try
            {
                stats = monitoring.GetStatistics();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // The server installs its schema in the background at start; until then the storage cannot answer.
                await Task.Delay(100);
                continue;
            }

            quietChecks = stats.Servers > 0 && stats.Enqueued == 0 && stats.Processing == 0 && stats.Scheduled == 0 ? quietChecks + 1 : 0;
            if (quietChecks >= 3)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Hangfire jobs did not finish in time.");
    }
}
