using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Data.Tests;

/// <summary>A migrated real database and a way to get a fresh unit of work on it, as the host does per request.</summary>
public sealed class StoreFixture : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StoreFixture(TestDatabase database, ServiceProvider services)
    {
        Database = database;
        _services = services;
    }

    public TestDatabase Database { get; }

    public static async Task<StoreFixture> CreateAsync(string provider)
    {
        var database = TestDatabase.Create(provider);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:ChatOpsIR"] = database.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddChatOpsData(configuration).BuildServiceProvider();
        var fixture = new StoreFixture(database, services);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return fixture;
    }

    public Unit Begin() => new(_services.CreateAsyncScope());

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Database.Dispose();
    }

    public sealed class Unit(AsyncServiceScope scope) : IAsyncDisposable
    {
        public IIncidentStore Store { get; } = scope.ServiceProvider.GetRequiredService<IIncidentStore>();

        public IConversationLog Log { get; } = scope.ServiceProvider.GetRequiredService<IConversationLog>();

        public IConversationAddressBook Addresses { get; } = scope.ServiceProvider.GetRequiredService<IConversationAddressBook>();

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
