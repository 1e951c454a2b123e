namespace ChatOpsIR.Data;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
    SqlServer = 2,
}

/// <summary>Which database holds ChatOpsIR's data (`Database:Provider`) and how to reach it (`ConnectionStrings:ChatOpsIR`).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "ChatOpsIR";
    public const string DefaultSqliteConnectionString = "Data Source=data/chatopsir.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the host starts (default on).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
