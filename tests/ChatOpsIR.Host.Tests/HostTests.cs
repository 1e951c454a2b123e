using System.Net;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Host.Tests;

public class HostTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Health_answers_200_when_the_database_answers(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var app = new ChatOpsAppFactory(database);
        var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_answers_503_when_the_database_does_not()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        app.Settings["Database:Provider"] = "Postgres";
        app.Settings["ConnectionStrings:ChatOpsIR"] = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2";
        app.Settings["Database:MigrateOnStart"] = "false";
        var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task The_first_command_starts_the_bot_with_sqlite_and_the_war_room_and_nothing_else()
    {
        // `dotnet run` runs in Development (Properties/launchSettings.json), where the war room's name picker needs no sign-in.
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Contains("<html", await http.GetStringAsync("/"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"signedIn\":false", await http.GetStringAsync("/api/webchat/session"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(host.WorkingDirectory, "data", "chatopsir.db")), "the SQLite database is created on first run");
        Assert.Contains("The Data Protection key ring is stored unencrypted in the database", host.Output);
        Assert.Contains("Set DataProtection:CertificatePath", host.Output);
    }

    [Theory]
    [InlineData("Slack", "Slack:SigningSecret, Slack:BotToken")]
    [InlineData("Teams", "Teams:AppId, Teams:AppPassword")]
    public async Task A_platform_enabled_without_its_secrets_stops_the_host_naming_the_missing_keys(string platform, string keys)
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { [$"{platform}__Enabled"] = "true" });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"ChatOpsIR cannot start: {platform} is enabled ({platform}:Enabled=true) but these keys are missing: {keys}.", host.Error);
    }

    [Fact]
    public async Task A_platform_with_its_secrets_starts()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        app.Settings["Slack:Enabled"] = "true";
        app.Settings["Slack:SigningSecret"] = "test-secret";
        app.Settings["Slack:BotToken"] = "xoxb-test";
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_database_provider_stops_the_host_naming_the_key()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["Database__Provider"] = "Oracle" });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ChatOpsIR cannot start: Database:Provider is 'Oracle'. Use Sqlite, Postgres or SqlServer.", host.Error);
    }

    [Fact]
    public async Task A_malformed_incident_manager_group_stops_the_host_naming_the_key()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["Permissions__IncidentManagers__Teams__0"] = "security-admins" });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ChatOpsIR cannot start: Permissions:IncidentManagers:Teams:0 ('security-admins') is not a Microsoft Entra group object id (a GUID).", host.Error);
    }

    [Fact]
    public async Task A_setting_with_an_impossible_value_stops_the_host_naming_it()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["Hangfire__Storage"] = "Redis" });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ChatOpsIR cannot start: Failed to convert configuration value 'Redis' at 'Hangfire:Storage'", host.Error);
    }

    [Fact]
    public async Task An_unreachable_database_stops_the_host_with_a_clear_message()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__ChatOpsIR"] = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2",
        });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ChatOpsIR cannot start: the Postgres database could not be prepared", host.Error);
    }

    [Fact]
    public async Task With_the_web_war_room_off_the_root_says_so_and_the_api_is_absent()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        app.Settings["WebChat:Enabled"] = "false";
        var client = app.CreateClient();
        Assert.Contains("web war room is off", await client.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/webchat/channels")).StatusCode);
    }

    [Fact]
    public async Task Sample_settings_mention_every_option_the_host_reads()
    {
        var sample = await File.ReadAllTextAsync(RepoPaths.File("appsettings.sample.json"));
        string[] keys = ["\"Provider\"", "\"ChatOpsIR\"", "\"Storage\"", "\"SigningSecret\"", "\"BotToken\"", "\"ApiBaseUrl\"", "\"AppId\"", "\"AppPassword\"", "\"TenantId\"", "\"OpenIdMetadataUrl\"", "\"TokenEndpoint\"", "\"BaseUrl\"", "\"WebChat\"", "\"MigrateOnStart\"", "\"PublicBaseUrl\"", "\"LinkLifetimeDays\"", "\"NotificationRegimes\"", "\"BlameLanguageFile\"", "\"CertificatePath\"", "\"CertificatePassword\"", "\"PreviousCertificates\"", "\"IncidentManagers\"", "\"MaxFileBytes\"", "\"StoragePath\"", "\"FileHosts\""];
        Assert.All(keys, key => Assert.Contains(key, sample));
    }
}
