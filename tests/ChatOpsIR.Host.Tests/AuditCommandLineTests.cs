using ChatOpsIR.Data;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Host.Tests;

/// <summary>
/// `dotnet run --project src/ChatOpsIR.Host -- audit verify [--scope …]`: the host's own executable checks the chains in
/// its database without starting the bot, and names the row someone changed behind its back.
/// </summary>
public class AuditCommandLineTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Audit_verify_says_the_chain_holds_then_names_the_row_changed_with_sql(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "cli-room", "Alice");
        await alice.SendAsync("declare Credential stuffing on the VPN sev2");
        await alice.SendAsync("sev 1");
        await alice.SendAsync("audit verify");
        string[] settings = [$"--Database:Provider={database.Provider}", $"--ConnectionStrings:ChatOpsIR={database.ConnectionString}"];

        var intact = await HostProcess.RunToEndAsync(["audit", "verify", .. settings], TimeSpan.FromMinutes(2));
        Assert.True(intact.ExitCode == 0, intact.Output + intact.Error);
        Assert.Matches("^web: The audit trail is intact: [0-9]+ rows, head [0-9a-f]{64}\\.", intact.Output);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>().Database.ExecuteSqlRawAsync("""DELETE FROM "AuditRecords" WHERE "Sequence" = 2""");
        }

        var broken = await HostProcess.RunToEndAsync(["audit", "verify", "--scope", "web", .. settings], TimeSpan.FromMinutes(2));
        Assert.True(broken.ExitCode == 1, broken.Output + broken.Error);
        Assert.Contains("web: The audit trail is broken at row 2: row 2 is missing (the next row is 3).", broken.Output);

        var usage = await HostProcess.RunToEndAsync(["audit", "verify", "--scope", "nowhere", .. settings], TimeSpan.FromMinutes(2));
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("Usage: audit verify", usage.Error);
    }
}
