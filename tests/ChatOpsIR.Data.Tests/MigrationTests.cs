using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatOpsIR.Data.Tests;

public class MigrationTests
{
    public static TheoryData<string> Contexts => ["Sqlite", "Postgres", "SqlServer"];

    private static ChatOpsDbContext DesignContext(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
        "Postgres" => new PostgresDesignTimeFactory().CreateDbContext([]),
        _ => new SqlServerDesignTimeFactory().CreateDbContext([]),
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Each_provider_has_migrations_that_match_the_model(string provider)
    {
        using var context = DesignContext(provider);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(),
            $"The {provider} migrations are behind the model. Run scripts/add-migration.sh <Name>.");
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Each_provider_keeps_its_own_migration_set(string provider)
    {
        using var context = DesignContext(provider);
        var assembly = context.GetService<IMigrationsAssembly>();
        Assert.All(assembly.Migrations.Values, type => Assert.Equal($"ChatOpsIR.Data.Migrations.{provider}", type.Namespace));
    }

    /// <summary>
    /// SQL Server cannot run here, so its migration script is generated and compared with the reviewed copy
    /// checked in beside the migrations; set CHATOPSIR_UPDATE_SQL=1 to rewrite the copy after a new migration.
    /// </summary>
    [Fact]
    public void The_sql_server_script_is_generated_and_matches_the_reviewed_copy()
    {
        using var context = DesignContext("SqlServer");
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent).ReplaceLineEndings("\n");

        Assert.Contains("CREATE TABLE [Incidents]", script);
        Assert.Contains("[DeclaredAt] datetime2 NOT NULL", script);
        Assert.Contains("[DueDate] date NOT NULL", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Incidents_Scope_OpenChannelId] ON [Incidents] ([Scope], [OpenChannelId]) WHERE [OpenChannelId] IS NOT NULL", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_TimelineEntries_IncidentId_SourceKey] ON [TimelineEntries] ([IncidentId], [SourceKey]) WHERE [SourceKey] IS NOT NULL", script);
        Assert.Contains("CONSTRAINT [PK_ProcessedDeliveries] PRIMARY KEY ([Scope], [DeliveryId])", script);
        Assert.DoesNotContain(" TEXT", script);
        Assert.DoesNotContain("timestamp with time zone", script);

        var path = RepoPaths.File("src", "ChatOpsIR.Data", "Migrations", "SqlServer", "ChatOpsIR.SqlServer.sql");
        if (Environment.GetEnvironmentVariable("CHATOPSIR_UPDATE_SQL") == "1")
        {
            File.WriteAllText(path, script);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with CHATOPSIR_UPDATE_SQL=1 and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), script);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrating_twice_is_harmless(string provider)
    {
        await using var fixture = await StoreFixture.CreateAsync(provider);
        await using var second = await StoreFixture.CreateAsync(provider);
        await using var unit = fixture.Begin();
        Assert.Equal(1, await unit.Store.NextIncidentNumberAsync(TenantScope.Web, CancellationToken.None));
    }

}
