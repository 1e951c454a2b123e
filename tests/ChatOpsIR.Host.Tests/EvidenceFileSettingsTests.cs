using ChatOpsIR.Testing;

namespace ChatOpsIR.Host.Tests;

/// <summary>`Evidence:*` is checked at start: a storage folder that cannot be written, or a limit of nothing, stops the host naming the key.</summary>
public sealed class EvidenceFileSettingsTests
{
    [Fact]
    public async Task A_storage_path_that_cannot_be_created_stops_the_host_naming_the_key()
    {
        // A folder cannot be made inside a file, whoever runs the test.
        var file = Path.GetTempFileName();
        try
        {
            await using var host = HostProcess.Start(new Dictionary<string, string> { ["Evidence__StoragePath"] = Path.Combine(file, "evidence") });
            Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"ChatOpsIR cannot start: Evidence:StoragePath '{Path.Combine(file, "evidence")}' cannot be created or written", host.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_limit_of_nothing_stops_the_host_naming_the_key()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["Evidence__MaxFileBytes"] = "0" });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ChatOpsIR cannot start: Evidence:MaxFileBytes must be more than 0", host.Error);
    }
}
