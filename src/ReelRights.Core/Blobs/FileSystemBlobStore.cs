using System.Buffers;
using System.Security.Cryptography;

namespace ReelRights.Core.Blobs;

/// <summary>
/// Blobs as files under <c>root/ab/cd/abcd…</c>. Writes go to a temporary file in the same
/// folder tree, are flushed to disk, and only then renamed into place, so a reader or a crash
/// never sees a partial blob. Addresses are validated as 64 hex digits before any path is built,
/// which is what keeps user input from reaching the file system.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private const int BufferSize = 128 * 1024;
    private readonly string root;
    private readonly string incoming;

    public FileSystemBlobStore(BlobStoreOptions options)
    {
        root = Path.GetFullPath(options.Root);
        incoming = Path.Combine(root, "incoming");
        Directory.CreateDirectory(incoming);
    }

    public async Task<BlobInfo> PutAsync(Stream content, long maxLength, CancellationToken cancellationToken)
    {
        var tempPath = Path.Combine(incoming, Guid.NewGuid().ToString("N") + ".part");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var sm3 = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
            long length = 0;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    length += read;
                    if (length > maxLength)
                    {
                        throw new ReelRightsException(ErrorKind.Validation, "too-large",
                            $"文件超过大小上限（{maxLength} 字节）。", $"The file exceeds the size limit ({maxLength} bytes).");
                    }
                    hash.AppendData(buffer, 0, read);
                    sm3.BlockUpdate(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var sm3Digest = new byte[32];
            sm3.DoFinal(sm3Digest, 0);
            var finalPath = PathFor(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            if (File.Exists(finalPath))
            {
                File.Delete(tempPath);
            }
            else
            {
                try
                {
                    File.Move(tempPath, finalPath, overwrite: false);
                }
                catch (IOException) when (File.Exists(finalPath))
                {
                    // Another writer stored the same content first; identical bytes, keep theirs.
                    File.Delete(tempPath);
                }
            }
            return new BlobInfo(sha, length, Convert.ToHexStringLower(sm3Digest));
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Stream? OpenRead(string sha256)
    {
        var path = PathFor(sha256);
        return File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : null;
    }

    public bool Exists(string sha256) => File.Exists(PathFor(sha256));

    public string? LocalPath(string sha256) => IsValidAddress(sha256) && File.Exists(PathFor(sha256)) ? PathFor(sha256) : null;

    public bool Delete(string sha256)
    {
        var path = PathFor(sha256);
        if (!File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        return true;
    }

    /// <summary>Is this a well-formed address (64 lower-case hex digits)?</summary>
    public static bool IsValidAddress(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private string PathFor(string sha256)
    {
        if (!IsValidAddress(sha256))
        {
            throw ReelRightsException.Invalid("invalid-blob-address",
                "文件地址必须是 64 位小写十六进制 SHA-256。", "A blob address must be a 64-digit lower-case hex SHA-256.");
        }
        return Path.Combine(root, sha256[..2], sha256[2..4], sha256);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left in incoming/; the name is random and nothing reads that folder.
        }
    }
}
