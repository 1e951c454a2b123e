using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Data;

namespace ChatOpsIR.Host;

/// <summary>
/// `dotnet run --project src/ChatOpsIR.Host -- audit verify [--scope slack:T…|teams:…|web]`: walks the audit chains in the
/// configured database (the same settings as the host: appsettings, environment variables) without starting the bot, and
/// says for each scope whether it holds, or the first row that does not. It only reads: rows the running host has not
/// linked yet are counted, not linked. Exit code 0 when every chain holds, 1 when one is broken, 2 when it cannot tell.
/// </summary>
public static class AuditCommandLine
{
    public const string Usage = "Usage: audit verify [--scope slack:<team id>|teams:<tenant id>|web]";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "audit";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var rest = args.Skip(1).ToList();
        if (rest.Count == 0 || rest[0] != "verify")
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        // `--scope <scope>` is ours; anything else is configuration, as for the host (`--Database:Provider Postgres`).
        TenantScope? only = null;
        var configuration = rest.Skip(1).ToList();
        var at = configuration.IndexOf("--scope");
        if (at >= 0)
        {
            if (at + 1 >= configuration.Count || !TenantScope.TryParse(configuration[at + 1], out var parsed))
            {
                await error.WriteLineAsync(Usage);
                return 2;
            }

            only = parsed;
            configuration.RemoveRange(at, 2);
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder([.. configuration]);
        builder.Logging.ClearProviders();
        builder.Services.AddChatOpsData(builder.Configuration);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        try
        {
            var scopes = only is { } one ? [one] : await trail.ScopesAsync(cancellationToken);
            if (scopes.Count == 0)
            {
                await output.WriteLineAsync("There are no audit rows in this database yet.");
                return 0;
            }

            var broken = false;
            foreach (var each in scopes)
            {
                var result = await trail.VerifyAsync(each, cancellationToken);
                var pending = await trail.CountPendingAsync(each, cancellationToken);
                var waiting = pending == 0 ? string.Empty : $" {pending} newer rows are not linked yet (the running host links them every minute).";
                await output.WriteLineAsync($"{each}: {result.Describe()}{waiting}");
                if (!result.Intact && result.BrokenAt is { } sequence && await trail.FindAsync(each, sequence, cancellationToken) is { } row)
                {
                    await output.WriteLineAsync($"  row {sequence} as stored: {row.Subject}, {row.Action} by {row.ActorName} at {row.At:yyyy-MM-dd'T'HH:mm:ss'Z'}");
                }

                broken |= !result.Intact;
            }

            return broken ? 1 : 0;
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            await error.WriteLineAsync($"Cannot read the audit trail: {ex.GetBaseException().Message}");
            return 2;
        }
    }
}
