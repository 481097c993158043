using System.Security.Cryptography;
using ReelRights.Fingerprinting;
using ReelRights.Media;

namespace ReelRights.Core.Fingerprints;

/// <summary>
/// A file someone sent to be checked (public verification, platform screening): received into a
/// private temporary folder with its SHA-256, then read as a <c>.rrfp</c> fingerprint or as media.
/// Disposing deletes it; nothing a caller sends is kept.
/// </summary>
public sealed class MediaIntake : IAsyncDisposable
{
    private const int BufferSize = 81920;
    private readonly DirectoryInfo directory;

    private MediaIntake(DirectoryInfo directory, string path, string sha256, long length, byte[] head)
    {
        this.directory = directory;
        Path = path;
        Sha256 = sha256;
        Length = length;
        Head = head;
    }

    public string Path { get; }
    public string Sha256 { get; }
    public long Length { get; }

    /// <summary>The first bytes, to tell a receipt, a PDF, a fingerprint and media apart.</summary>
    public byte[] Head { get; }

    public bool IsFingerprint => Head.AsSpan().StartsWith("RRFP"u8);

    /// <summary>Receives at most <paramref name="maxBytes"/>; an empty or larger stream is a clear error.</summary>
    public static async Task<MediaIntake> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("rr-intake-");
        try
        {
            var path = System.IO.Path.Combine(directory.FullName, "upload");
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[BufferSize];
            var head = new List<byte>(64);
            long length = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > maxBytes)
                    {
                        throw ReelRightsException.Invalid("too-large", $"文件超过大小上限（{maxBytes} 字节）。", $"The file exceeds the size limit ({maxBytes} bytes).");
                    }
                    if (head.Count < 64)
                    {
                        head.AddRange(buffer.AsSpan(0, Math.Min(read, 64 - head.Count)).ToArray());
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (length == 0)
            {
                throw ReelRightsException.Invalid("empty-file", "上传的文件是空的（0 字节）。", "The uploaded file is empty (0 bytes).");
            }
            return new MediaIntake(directory, path, Convert.ToHexStringLower(hash.GetHashAndReset()), length, head.ToArray());
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>The fingerprint: read from a .rrfp, or extracted from media no longer than <paramref name="maxDurationSeconds"/>.</summary>
    public async Task<Fingerprint> FingerprintAsync(FfmpegMedia media, double maxDurationSeconds, CancellationToken cancellationToken)
    {
        if (IsFingerprint)
        {
            try
            {
                await using var stream = File.OpenRead(Path);
                return Fingerprint.ReadFrom(stream);
            }
            catch (FingerprintFormatException e)
            {
                throw ReelRightsException.Invalid("invalid-fingerprint", $"指纹文件无效：{e.Message}", $"The fingerprint file is not valid: {e.Message}");
            }
        }
        try
        {
            var info = await media.ProbeAsync(Path, cancellationToken);
            if (info.DurationSeconds is > 0 and var seconds && seconds > maxDurationSeconds)
            {
                throw ReelRightsException.Invalid("too-long", $"媒体时长超过上限（{maxDurationSeconds:F0} 秒）。", $"The media is longer than the limit ({maxDurationSeconds:F0} s).");
            }
            if (info.PrimaryVideo is null && info.PrimaryAudio is null)
            {
                throw ReelRightsException.Invalid("invalid-media", "文件中没有视频或音频。", "The file has no video or audio stream.");
            }
            return await new MediaFingerprinter(media).FingerprintAsync(Path, cancellationToken);
        }
        catch (MediaException e)
        {
            throw ReelRightsException.Invalid("invalid-media", $"无法读取该媒体文件：{e.Message}", $"The file could not be read as media: {e.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Already gone or busy: the temp folder is cleaned by the OS eventually.
        }
        return ValueTask.CompletedTask;
    }
}
