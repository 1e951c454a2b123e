using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ChatOpsIR.Core.Ports;
using Hangfire;
using Hangfire.Client;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Testing;

/// <summary>Drives a host's follow-up jobs through its real Hangfire storage and server.</summary>
public static class HangfireJobs
{
    /// <summary>
    /// Jobs created and not yet finished, per storage (each test host has its own). Hangfire's statistics alone cannot
    /// say "done": between a worker taking a job off its queue and marking it processing, the job is counted nowhere.
    /// </summary>
    private static readonly ConditionalWeakTable<JobStorage, ConcurrentDictionary<string, byte>> Unfinished = new();

    /// <summary>Installs the job tracker (once per process); call before the host creates its first job.</summary>
    public static void Track() => _ = Tracker.Instance;


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
        Track();
        var storage = services.GetRequiredService<JobStorage>();
        var unfinished = Unfinished.GetOrCreateValue(storage);
        var monitoring = storage.GetMonitoringApi();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        var quietChecks = 0;
        var last = "the storage never answered";
        while (DateTime.UtcNow < deadline)
        {
            Hangfire.Storage.Monitoring.StatisticsDto stats;
            try
            {
                stats = monitoring.GetStatistics();
                last = $"servers {stats.Servers}, enqueued {stats.Enqueued}, processing {stats.Processing}, scheduled {stats.Scheduled}, failed {stats.Failed}, still counted: {string.Join(" ", unfinished.Keys)}";
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // The server installs its schema in the background at start; until then the storage cannot answer.
                await Task.Delay(100);
                continue;
            }

            var quiet = stats.Servers > 0 && stats.Enqueued == 0 && stats.Processing == 0 && stats.Scheduled == 0;
            if (quiet && !unfinished.IsEmpty)
            {
                ForgetFinished(storage, unfinished);
            }

            quietChecks = unfinished.IsEmpty && quiet ? quietChecks + 1 : 0;
            if (quietChecks >= 3)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Hangfire jobs did not finish in time ({last}).{Environment.NewLine}{HostWarnings.Describe()}");
    }

    /// <summary>
    /// Drops the counted jobs the storage says are finished. The count is only a hint: a worker (of this host or, on a
    /// shared database, of another) can finish a job before the client that created it has counted it, and then nothing
    /// would ever take it off again.
    /// </summary>
    private static void ForgetFinished(JobStorage storage, ConcurrentDictionary<string, byte> unfinished)
    {
        using var connection = storage.GetConnection();
        foreach (var id in unfinished.Keys)
        {
            var state = connection.GetStateData(id)?.Name;
            if (state == SucceededState.StateName || state == FailedState.StateName || state == DeletedState.StateName)
            {
                unfinished.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Counts a job from its creation until it succeeds, fails for good or is deleted; a retry keeps it counted.</summary>
    private sealed class Tracker : IClientFilter, IApplyStateFilter
    {
        public static readonly Tracker Instance = Install();

        private static Tracker Install()
        {
            var tracker = new Tracker();
            GlobalJobFilters.Filters.Add(tracker);
            return tracker;
        }

        public void OnCreating(CreatingContext context)
        {
        }

        public void OnCreated(CreatedContext context)
        {
            if (context.BackgroundJob?.Id is { } id && context.Exception is null)
            {
                Unfinished.GetOrCreateValue(context.Storage).TryAdd(id, 0);
            }
        }

        public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
        {
            if (context.NewState is not (SucceededState or FailedState or DeletedState))
            {
                return;
            }

            Unfinished.GetOrCreateValue(context.Storage).TryRemove(context.BackgroundJob.Id, out _);

            // Two hosts on one database share their jobs: one may finish what the other created.
            if (IsShared(context.Storage))
            {
                foreach (var (storage, jobs) in Unfinished)
                {
                    if (IsShared(storage) && storage.GetType() == context.Storage.GetType() && storage.ToString() == context.Storage.ToString())
                    {
                        jobs.TryRemove(context.BackgroundJob.Id, out _);
                    }
                }
            }
        }

        private static bool IsShared(JobStorage storage) => storage.GetType().Name != "InMemoryStorage";

        public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
        {
        }
    }
}
