using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>The audit trail's recurring jobs: every minute the rows written since are linked; daily the heads are logged.</summary>
[Collection(HangfireCollection.Name)]
public sealed class AuditJobsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_minutes_job_links_what_commands_wrote(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var slack = await ReminderHost.StartSlackAsync();
        await using var host = new ReminderHost(database, slack);
        await host.DrainAsync();
        await host.CommandAsync("declare Leaked API key sev2");
        await host.CommandAsync("sev 1");
        await host.CommandAsync("resolve", user: "U0002");

        var scope = TenantScope.Slack("T0001");
        await using (var read = host.App.Services.CreateAsyncScope())
        {
            Assert.True(await read.ServiceProvider.GetRequiredService<IAuditTrail>().CountPendingAsync(scope, CancellationToken.None) >= 4);
        }

        using (var connection = host.App.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var jobs = connection.GetRecurringJobs();
            Assert.Equal(AuditJobs.LinkCron, Assert.Single(jobs, j => j.Id == AuditJobs.LinkJobId).Cron);
            Assert.Equal(AuditJobs.HeadCron, Assert.Single(jobs, j => j.Id == AuditJobs.HeadJobId).Cron);
        }

        host.App.Services.GetRequiredService<IRecurringJobManager>().Trigger(AuditJobs.LinkJobId);
        await host.DrainAsync();

        await using var after = host.App.Services.CreateAsyncScope();
        var trail = after.ServiceProvider.GetRequiredService<IAuditTrail>();
        Assert.Equal(0, await trail.CountPendingAsync(scope, CancellationToken.None));
        var verified = await trail.VerifyAsync(scope, CancellationToken.None);
        Assert.True(verified.Intact, verified.Describe());
        Assert.True(verified.Checked >= 4);
    }
}
