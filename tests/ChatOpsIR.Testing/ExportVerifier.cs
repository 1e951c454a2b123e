using System.Diagnostics;

namespace ChatOpsIR.Testing;

/// <summary>Runs <c>scripts/verify-export.sh</c> on a file, as an auditor would: bash and python3, no database.</summary>
public static class ExportVerifier
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string exportFile)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "verify-export.sh"));
        start.ArgumentList.Add(exportFile);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output) + (await errors));
    }

    /// <summary>Writes <paramref name="json"/> to a temporary file, runs the script on it, and removes the file.</summary>
    public static async Task<(int ExitCode, string Output)> RunOnAsync(string json)
    {
        var file = Path.Combine(Path.GetTempPath(), $"chatopsir-export-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json, new System.Text.UTF8Encoding(false));
        try
        {
            return await RunAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatOpsIR.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with ChatOpsIR.sln) was not found above the test's folder.");
    }
}
