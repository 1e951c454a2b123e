using Npgsql;

namespace ChatOpsIR.Testing;

/// <summary>
/// A real database for one test class: an SQLite file in a temp folder, or a fresh database on the PostgreSQL
/// server named by CHATOPSIR_TEST_POSTGRES (the test script starts one and sets it).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "CHATOPSIR_TEST_POSTGRES";

    private TestDatabase(string provider, string connectionString, Action cleanup)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _cleanup = cleanup;
    }

    private readonly Action _cleanup;

    /// <summary>The value for Database:Provider.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    public static IEnumerable<object[]> Providers => [["Sqlite"], ["Postgres"]];

    public static TestDatabase Create(string provider) => provider switch
    {
        "Sqlite" => Sqlite(),
        "Postgres" => Postgres(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Sqlite or Postgres"),
    };

    /// <summary>An SQLite file in a temp folder; pooling is off so a test can delete the file as soon as it is done.</summary>
    public static TestDatabase Sqlite(bool pooling = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatopsir-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "chatopsir.db");
        return new TestDatabase("Sqlite", $"Data Source={file};Pooling={pooling}", () =>
        {
            if (pooling)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS to clean up with the temp folder.
            }
        });
    }

    public static TestDatabase Postgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a server: run ./scripts/test.sh (it starts one), or set {PostgresVariable} to a connection string such as 'Host=127.0.0.1;Port=5432;Username=postgres'.");
        }

        var name = $"chatopsir_test_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true };
        return new TestDatabase("Postgres", builder.ConnectionString, () => Drop(server, name));
    }

    public void Dispose() => _cleanup();

    private static void Drop(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(admin.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
