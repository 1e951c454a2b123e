using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatOpsIR.Data;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteChatOpsDbContext>
{
    public SqliteChatOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteChatOpsDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresChatOpsDbContext>
{
    public PostgresChatOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresChatOpsDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerChatOpsDbContext>
{
    public SqlServerChatOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerChatOpsDbContext>().UseSqlServer("Server=localhost;Database=design;TrustServerCertificate=True").Options);
}
