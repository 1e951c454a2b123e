using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.EvidenceFiles;

/// <summary>What reading a file gave: its SHA-256 and size (and where its copy is), or that it went over the limit.</summary>
public sealed record HashedFile(string Sha256, long Size, string? CopyPath);

/// <summary>
/// Reads a file once, as it arrives: SHA-256 over every byte, counted against <see cref="EvidenceFileOptions.MaxFileBytes"/>,
/// and, with a storage folder, written to a partial file that becomes <c>&lt;sha256&gt;</c> when the last byte is in.
/// Nothing is held in memory beyond one buffer; a file over the limit stops the reading and leaves no copy behind.
/// </summary>
public sealed class EvidenceFileHasher(EvidenceFileOptions options)
{
    private const int BufferSize = 81920;

    /// <summary>The file's hash and size, or null when it has more than <see cref="EvidenceFileOptions.MaxFileBytes"/> bytes.</summary>
    public async Task<HashedFile?> ReadAsync(Stream content, TenantScope scope, string incidentReference, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var folder = CopyFolder(scope, incidentReference);
        var partial = folder is null ? null : Path.Combine(folder, $".partial-{Guid.NewGuid():N}");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var copy = partial is null ? null : new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        var kept = false;
        try
        {
            long size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                size += read;
                if (size > options.MaxFileBytes)
                {
                    return null;
                }

                hash.AppendData(buffer, 0, read);
                if (copy is not null)
                {
                    await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (copy is null)
            {
                return new HashedFile(sha256, size, null);
            }

            await copy.FlushAsync(cancellationToken);
            await copy.DisposeAsync();
            copy = null;
            var final = Path.Combine(folder!, sha256);
            if (File.Exists(final))
            {
                // The same bytes were kept before (shared twice): the copy there is this file already.
                return new HashedFile(sha256, size, final);
            }

            File.Move(partial!, final);
            kept = true;
            return new HashedFile(sha256, size, final);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (copy is not null)
            {
                await copy.DisposeAsync();
            }

            if (partial is not null && !kept)
            {
                File.Delete(partial);
            }
        }
    }

    /// <summary>
    /// <c>&lt;StoragePath&gt;/&lt;scope&gt;/&lt;reference&gt;</c>, created when missing; null without a storage path. Both
    /// names are reduced to letters, digits, '-' and '_', so neither can climb out of the folder.
    /// </summary>
    private string? CopyFolder(TenantScope scope, string incidentReference)
    {
        if (string.IsNullOrWhiteSpace(options.StoragePath))
        {
            return null;
        }

        var root = Path.GetFullPath(options.StoragePath);
        var folder = Path.GetFullPath(Path.Combine(root, SafeName(scope.ToString()), SafeName(incidentReference)));
        if (!folder.StartsWith(root, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The evidence folder would lie outside Evidence:StoragePath.");
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    internal static string SafeName(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return safe.Length == 0 ? "_" : safe.ToString();
    }
}
