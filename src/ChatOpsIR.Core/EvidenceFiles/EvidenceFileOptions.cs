using System.Globalization;

namespace ChatOpsIR.Core.EvidenceFiles;

/// <summary>
/// `Evidence:*`: how large a shared file may be to be hashed as evidence, and where a copy of its bytes is kept (none
/// when <see cref="StoragePath"/> is empty). Read and checked once at start: a folder that cannot be written stops the host.
/// </summary>
public sealed class EvidenceFileOptions
{
    public const string SectionName = "Evidence";
    public const long DefaultMaxFileBytes = 200L * 1024 * 1024;

    /// <summary>The most bytes a file may have; reading stops at the first byte over it.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>When set, each file's bytes are also written to <c>&lt;StoragePath&gt;/&lt;scope&gt;/&lt;INC-0004&gt;/&lt;sha256&gt;</c>.</summary>
    public string? StoragePath { get; init; }

    /// <summary>The limit as people read it: "200 MB".</summary>
    public string LimitText => FileSizeText.Of(MaxFileBytes);

    /// <summary>The answer to a file over the limit; nothing is recorded for it.</summary>
    public string TooLarge =>
        $"The file is larger than the evidence limit of {LimitText} ({SectionName}:MaxFileBytes); record it with `evidence <description> <sha256> <location>` instead.";

    /// <summary>What is wrong with the settings, each naming its key; empty when the host may start.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxFileBytes <= 0)
        {
            errors.Add($"{SectionName}:MaxFileBytes must be more than 0 (it is {MaxFileBytes.ToString(CultureInfo.InvariantCulture)}); the default is {DefaultMaxFileBytes.ToString(CultureInfo.InvariantCulture)} (200 MB).");
        }

        if (string.IsNullOrWhiteSpace(StoragePath))
        {
            return errors;
        }

        // Written once now, so a wrong path or missing permission shows at start rather than at the first shared file.
        var probe = Path.Combine(StoragePath, $".chatopsir-write-test-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(StoragePath);
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add($"{SectionName}:StoragePath '{StoragePath}' cannot be created or written ({ex.Message}). Point it at a folder the host may write, or leave it empty to keep no copies.");
        }

        return errors;
    }
}

/// <summary>File sizes as people read them: "812 bytes", "14.2 KB", "200 MB" (1 KB = 1,024 bytes).</summary>
public static class FileSizeText
{
    public static string Of(long bytes) => bytes switch
    {
        1 => "1 byte",
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
        < 1024 * 1024 => $"{(bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture)} KB",
        < 1024L * 1024 * 1024 => $"{(bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MB",
        _ => $"{(bytes / (1024d * 1024 * 1024)).ToString("0.##", CultureInfo.InvariantCulture)} GB",
    };
}
