using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsIR.Testing;

/// <summary>
/// The whole host, through the real ASP.NET pipeline, on a real database, with a fake clock.
/// Extra settings (platform secrets, fake service URLs) go in <see cref="Settings"/> before first use.
/// </summary>
public class ChatOpsAppFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public ChatOpsAppFactory(TestDatabase database, DateTimeOffset? start = null)
    {
        HangfireJobs.Track();
        Database = database;
        Clock = new FakeTimeProvider(start ?? DefaultStart);
        Settings["Database:Provider"] = database.Provider;
        Settings["ConnectionStrings:ChatOpsIR"] = database.ConnectionString;
        Settings["WebChat:Enabled"] = "true";

        // The name picker without sign-in, which the Testing environment allows only when asked; sign-in tests set
        // WebChat:Authentication:* instead, which takes precedence.
        Settings["WebChat:AllowUnauthenticated"] = "true";
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging
            .AddProvider(new HostWarnings { Host = $"h{Database.ConnectionString.GetHashCode():x8}" })
            .AddFilter<HostWarnings>((category, _) => category is not null && !category.StartsWith("System.Net.Http", StringComparison.Ordinal) && !category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
