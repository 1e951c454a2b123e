using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Data.Tests;

/// <summary>A migrated real database and a way to get a fresh unit of work on it, as the host does per request.</summary>
public sealed class StoreFixture : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _ownsDatabase;

    private StoreFixture(TestDatabase database, ServiceProvider services, bool ownsDatabase = true)
    {
        Database = database;
        _services = services;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    public static async Task<StoreFixture> CreateAsync(string provider)
    {
        var database = TestDatabase.Create(provider);
        var fixture = new StoreFixture(database, Services(database));
        await using var scope = fixture._services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return fixture;
    }

    /// <summary>A second host on the same database: its own services, connection pools and group commit.</summary>
    public StoreFixture AnotherHost() => new(Database, Services(Database), ownsDatabase: false);

    public Unit Begin() => new(_services.CreateAsyncScope());

    /// <summary>A service of this host (a singleton such as the timeline's group commit).</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }

    private static ServiceProvider Services(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:ChatOpsIR"] = database.ConnectionString,
        }).Build();
        return new ServiceCollection().AddChatOpsData(configuration).BuildServiceProvider();
    }

    public sealed class Unit(AsyncServiceScope scope) : IAsyncDisposable
    {
        public IIncidentStore Store { get; } = scope.ServiceProvider.GetRequiredService<IIncidentStore>();

        public IConversationLog Log { get; } = scope.ServiceProvider.GetRequiredService<IConversationLog>();

        public IConversationAddressBook Addresses { get; } = scope.ServiceProvider.GetRequiredService<IConversationAddressBook>();

        public ISignedInPeople People { get; } = scope.ServiceProvider.GetRequiredService<ISignedInPeople>();

        public IAuditTrail Audit { get; } = scope.ServiceProvider.GetRequiredService<IAuditTrail>();

        /// <summary>The unit's database context, for tests that write to the tables as an intruder would.</summary>
        public ChatOpsDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>();

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
