using System.Net;
using Hangfire;
using System.Net.Http.Headers;
using System.Text;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Scheduling.Tests;

/// <summary>The dashboard's protection and the scheduling settings, through the real host.</summary>
[Collection(HangfireCollection.Name)]
public sealed class SchedulingHostTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Outside_Development_the_dashboard_is_not_served_without_credentials()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var response = await app.CreateClient().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Two_hosts_in_one_process_keep_their_jobs_apart()
    {
        using var firstDatabase = TestDatabase.Sqlite();
        using var secondDatabase = TestDatabase.Sqlite();
        await using var first = new ChatOpsAppFactory(firstDatabase);
        await using var second = new ChatOpsAppFactory(secondDatabase);
        _ = first.CreateClient();
        _ = second.CreateClient();

        var firstStorage = first.Services.GetRequiredService<JobStorage>();
        var secondStorage = second.Services.GetRequiredService<JobStorage>();
        Assert.NotSame(firstStorage, secondStorage);

        // A job queued through one host's client lands in that host's storage only, and that host runs it. Each in-memory
        // storage numbers its jobs from 1, so the other storage may hold a job of the same id (its own sweep): the job is
        // told apart by its argument.
        var marker = Guid.NewGuid();
        var id = first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<FollowUpJobs>(j => j.RunWorkItemAsync(marker, CancellationToken.None));
        await HangfireJobs.DrainAsync(first.Services);
        var ran = firstStorage.GetMonitoringApi().JobDetails(id);
        Assert.Equal("Succeeded", ran?.History.FirstOrDefault()?.StateName);
        Assert.Contains(marker.ToString(), ran!.InvocationData.Arguments, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(marker.ToString(), secondStorage.GetMonitoringApi().JobDetails(id)?.InvocationData?.Arguments ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_host_runs_its_jobs_with_its_own_services_whichever_host_was_configured_last()
    {
        // Hangfire's configuration is process-wide: the second host to be configured replaces the first one's job
        // activator there. The first host must still activate its jobs from its own container (its own database).
        static ServiceProvider Host()
        {
            var services = new ServiceCollection().AddLogging();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Hangfire:Storage"] = "InMemory" }).Build());
            services.AddChatOpsScheduling();
            var provider = services.BuildServiceProvider();
            _ = provider.GetRequiredService<IGlobalConfiguration>();
            return provider;
        }

        using var first = Host();
        using var second = Host();
        using var scope = first.GetRequiredService<JobActivator>().BeginScope((JobActivatorContext)null!);
        Assert.Same(first.GetRequiredService<JobStorage>(), scope.Resolve(typeof(JobStorage)));
    }

    [Fact]
    public async Task With_credentials_the_dashboard_asks_for_them_and_opens_with_them()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        app.Settings["Hangfire:DashboardUser"] = "ops";
        app.Settings["Hangfire:DashboardPassword"] = Password;
        var client = app.CreateClient();

        var anonymous = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, "ops", "wrong password here")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, "admin", Password)).StatusCode);

        var signedIn = await SendAsync(client, "ops", Password);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("ChatOpsIR jobs", await signedIn.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Reminders:TimeZone", "Mars/Olympus_Mons", "Reminders:TimeZone 'Mars/Olympus_Mons'")]
    [InlineData("Reminders:RepeatEveryDays", "0", "Reminders:RepeatEveryDays must be between 1 and 90.")]
    [InlineData("Reminders:QuietHoursStart", "25:00", "Reminders:QuietHoursStart '25:00' is not a time of day")]
    [InlineData("Reminders:QuietHoursEnd", "", "Reminders:QuietHoursStart and Reminders:QuietHoursEnd are set together")]
    [InlineData("Hangfire:DashboardUser", "ops", "Hangfire:DashboardUser and Hangfire:DashboardPassword are set together")]
    [InlineData("Hangfire:SweepCron", "every minute", "Hangfire:SweepCron 'every minute' is not a cron expression")]
    [InlineData("PlanReview:Scope", "jira:ACME", "PlanReview:Scope and PlanReview:OwnerId are set together")]
    [InlineData("PlanReview:Day", "31", "PlanReview:Day must be between 1 and 28")]
    public void A_setting_that_cannot_work_is_refused_naming_its_key(string key, string value, string message)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build())
            .AddChatOpsScheduling()
            .BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<ReminderOptions>>().Value;
            _ = services.GetRequiredService<IOptions<SchedulingOptions>>().Value;
            _ = services.GetRequiredService<IOptions<Core.PlanReviews.PlanReviewOptions>>().Value;
        });
        Assert.Contains(error.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_reminder_time_zone_stops_the_host_naming_the_key()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["Reminders__TimeZone"] = "Mars/Olympus_Mons" });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ChatOpsIR cannot start: Reminders:TimeZone 'Mars/Olympus_Mons' is not a time zone this machine knows", host.Error);
    }

    [Fact]
    public async Task Sample_settings_mention_every_scheduling_and_reminder_option()
    {
        var sample = await File.ReadAllTextAsync(RepoPaths.File("appsettings.sample.json"));
        var keys = typeof(SchedulingOptions).GetProperties().Concat(typeof(ReminderOptions).GetProperties()).Concat(typeof(Core.PlanReviews.PlanReviewOptions).GetProperties())
            .Where(p => p.CanWrite)
            .Select(p => $"\"{p.Name}\"")
            .ToList();
        Assert.Contains("\"Reminders\"", sample);
        Assert.Contains("\"PlanReview\"", sample);
        Assert.All(keys, key => Assert.Contains(key, sample));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client.SendAsync(request);
    }
}
