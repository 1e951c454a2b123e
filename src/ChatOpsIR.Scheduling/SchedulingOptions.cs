using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Scheduling;

public enum HangfireStorageKind
{
    Auto = 0,
    InMemory = 1,
    SqlServer = 2,
    Postgres = 3,
}

/// <summary>Where Hangfire keeps its jobs (`Hangfire:Storage`): Auto follows the database, in memory with SQLite.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Hangfire";

    public HangfireStorageKind Storage { get; set; } = HangfireStorageKind.Auto;
}

public static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddChatOpsScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName).ValidateOnStart();
        return services;
    }
}
