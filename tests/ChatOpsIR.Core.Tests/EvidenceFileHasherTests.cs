using System.Security.Cryptography;
using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Tests;

/// <summary>The hashing of an evidence file as it streams: its hash and size, its copy, and nothing left of a file over the limit.</summary>
public sealed class EvidenceFileHasherTests : IDisposable
{
    private readonly string _storage = Path.Combine(Path.GetTempPath(), $"chatopsir-hasher-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_file_is_hashed_counted_and_copied_once_however_often_it_is_shared()
    {
        var hasher = new EvidenceFileHasher(new EvidenceFileOptions { StoragePath = _storage });
        var content = Bytes(250_000);

        var first = await hasher.ReadAsync(new MemoryStream(content), TenantScope.Slack("T0001"), "INC-0004", CancellationToken.None);
        var again = await hasher.ReadAsync(new MemoryStream(content), TenantScope.Slack("T0001"), "INC-0004", CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), first!.Sha256);
        Assert.Equal(content.Length, first.Size);
        Assert.Equal(Path.Combine(_storage, "slack_T0001", "INC-0004", first.Sha256), first.CopyPath);
        Assert.Equal(first.CopyPath, again!.CopyPath);
        Assert.Equal(content, await File.ReadAllBytesAsync(first.CopyPath!));
        Assert.Single(Directory.GetFiles(_storage, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_file_over_the_limit_stops_the_reading_and_leaves_no_partial_copy()
    {
        var hasher = new EvidenceFileHasher(new EvidenceFileOptions { StoragePath = _storage, MaxFileBytes = 100_000 });
        var exactly = await hasher.ReadAsync(new MemoryStream(Bytes(100_000)), TenantScope.Web, "INC-0001", CancellationToken.None);
        var over = await hasher.ReadAsync(new MemoryStream(Bytes(100_001)), TenantScope.Web, "INC-0001", CancellationToken.None);

        Assert.Equal(100_000, exactly!.Size);
        Assert.Null(over);
        Assert.Single(Directory.GetFiles(_storage, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Folder_names_from_scopes_and_references_cannot_climb_out_of_the_storage_path()
    {
        var hasher = new EvidenceFileHasher(new EvidenceFileOptions { StoragePath = _storage });

        var kept = await hasher.ReadAsync(new MemoryStream(Bytes(10)), TenantScope.Slack("../../etc"), "../INC-0001", CancellationToken.None);

        Assert.StartsWith(Path.GetFullPath(_storage) + Path.DirectorySeparatorChar, kept!.CopyPath, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_storage, "slack_______etc", "___INC-0001", kept.Sha256), kept.CopyPath);
    }

    [Theory]
    [InlineData(1, "1 byte")]
    [InlineData(812, "812 bytes")]
    [InlineData(14_540, "14.2 KB")]
    [InlineData(209_715_200, "200 MB")]
    public void Sizes_read_as_people_say_them(long bytes, string text) => Assert.Equal(text, FileSizeText.Of(bytes));
}
