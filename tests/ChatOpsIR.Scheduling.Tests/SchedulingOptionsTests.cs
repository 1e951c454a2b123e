using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Scheduling.Tests;

public class SchedulingOptionsTests
{
    private static SchedulingOptions Resolve(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddChatOpsScheduling()
            .BuildServiceProvider()
            .GetRequiredService<IOptions<SchedulingOptions>>().Value;

    [Fact]
    public void Storage_follows_the_database_unless_told_otherwise() =>
        Assert.Equal(HangfireStorageKind.Auto, Resolve([]).Storage);

    [Theory]
    [InlineData("InMemory", HangfireStorageKind.InMemory)]
    [InlineData("postgres", HangfireStorageKind.Postgres)]
    [InlineData("SqlServer", HangfireStorageKind.SqlServer)]
    public void Storage_can_be_chosen(string value, HangfireStorageKind expected) =>
        Assert.Equal(expected, Resolve(new() { ["Hangfire:Storage"] = value }).Storage);
}
