using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;

namespace ReelRights.Core.Works;

/// <summary>A resumable upload in progress (the bytes so far are in a file, not here).</summary>
public sealed class Upload
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string? FileName { get; set; }
    public long Length { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

public sealed record UploadStatus(Guid Id, string? FileName, long Offset, long Length, DateTime ExpiresAt)
{
    public bool Complete => Offset == Length;
}

/// <summary>
/// Resumable uploads for masters of several GB, in the manner of the tus protocol (tus.io, core
/// 1.0): declare the length, send chunks at the offset the server reports, and after a dropped
/// connection ask for the offset and continue. The received bytes are the truth: the offset is
/// the part file's length, flushed to disk after every chunk, so a server crash loses at most
/// the chunk in flight. A finished upload is then used in place of a request body.
/// </summary>
public sealed class UploadService(ReelRightsDbContext db, IOptions<RegistrationOptions> options, IOptions<UploadStorageOptions> storage, TimeProvider time)
{
    private const int BufferSize = 81920;

    public async Task<UploadStatus> CreateAsync(Actor actor, string? fileName, long length, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksWrite);
        if (length <= 0)
        {
            throw ReelRightsException.Invalid("empty-file", "上传的文件是空的（0 字节）。", "The uploaded file is empty (0 bytes).");
        }
        if (length > options.Value.MaxMediaBytes)
        {
            throw ReelRightsException.Invalid("too-large", $"文件超过大小上限（{options.Value.MaxMediaBytes} 字节）。",
                $"The file exceeds the size limit ({options.Value.MaxMediaBytes} bytes).");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var upload = new Upload
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = actor.OrganizationId,
            FileName = WorkService.SafeFileName(fileName),
            Length = length,
            CreatedBy = actor.UserId ?? actor.ApiKeyId,
            CreatedAt = now,
            ExpiresAt = now + storage.Value.Lifetime,
        };
        Directory.CreateDirectory(storage.Value.Directory);
        await File.WriteAllBytesAsync(PartPath(upload.Id), [], cancellationToken);
        db.Uploads.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        return Status(upload);
    }

    public async Task<UploadStatus> StatusAsync(Actor actor, Guid id, CancellationToken cancellationToken) =>
        Status(await FindAsync(actor, id, cancellationToken));

    /// <summary>Appends a chunk that must start exactly where the received bytes end.</summary>
    public async Task<UploadStatus> AppendAsync(Actor actor, Guid id, long offset, Stream chunk, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksWrite);
        var upload = await FindAsync(actor, id, cancellationToken);
        var path = PartPath(id);
        await using var file = await OpenExclusiveAsync(path, cancellationToken);
        if (file.Length != offset)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "offset-mismatch",
                $"续传位置不符：服务器已收到 {file.Length} 字节，请从该位置继续。", $"Wrong offset: the server has {file.Length} bytes; continue from there.");
        }
        file.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[BufferSize];
        var written = offset;
        try
        {
            int read;
            while ((read = await chunk.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (written + read > upload.Length)
                {
                    throw ReelRightsException.Invalid("too-large", "上传的数据超过声明的长度。", "More bytes were sent than the declared length.");
                }
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                written += read;
            }
        }
        catch (Exception) when (written > offset)
        {
            // Keep what arrived intact (it is flushed below) unless the chunk itself was refused.
            await file.FlushAsync(CancellationToken.None);
            file.Flush(flushToDisk: true);
            throw;
        }
        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
        return Status(upload, written);
    }

    /// <summary>
    /// Opens the part file for writing, alone. A client that lost its connection mid-chunk often
    /// retries before the server has finished with the dropped request; that request still holds
    /// the file for a moment, so we wait a little for it instead of failing, and only then answer
    /// "busy" (the client asks for the offset and tries again).
    /// </summary>
    private async Task<FileStream> OpenExclusiveAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.Value.UploadLockWait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new ReelRightsException(ErrorKind.Conflict, "upload-busy",
                        "另一个请求正在写入这个上传，请稍后查询续传位置再继续。", "Another request is writing to this upload; ask for the offset and continue a little later.");
                }
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksWrite);
        var upload = await FindAsync(actor, id, cancellationToken);
        db.Uploads.Remove(upload);
        await db.SaveChangesAsync(cancellationToken);
        File.Delete(PartPath(id));
    }

    /// <summary>Opens a finished upload for reading; the caller deletes it with <see cref="DeleteAsync"/> once used.</summary>
    public async Task<Stream> OpenCompletedAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var upload = await FindAsync(actor, id, cancellationToken);
        var status = Status(upload);
        if (!status.Complete)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "upload-incomplete",
                $"上传尚未完成：已收到 {status.Offset} / {status.Length} 字节。", $"The upload is not finished: {status.Offset} of {status.Length} bytes received.");
        }
        return new FileStream(PartPath(id), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    /// <summary>Removes uploads past their expiry (called by the job workers now and then).</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expired = await db.Uploads.Where(u => u.ExpiresAt < now).ToListAsync(cancellationToken);
        foreach (var upload in expired)
        {
            File.Delete(PartPath(upload.Id));
        }
        db.Uploads.RemoveRange(expired);
        await db.SaveChangesAsync(cancellationToken);
        return expired.Count;
    }

    private async Task<Upload> FindAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var upload = await db.Uploads.SingleOrDefaultAsync(u => u.Id == id && u.OrganizationId == actor.OrganizationId, cancellationToken);
        return upload is not null && upload.ExpiresAt > time.GetUtcNow().UtcDateTime && File.Exists(PartPath(id))
            ? upload
            : throw ReelRightsException.NotFound("上传");
    }

    private UploadStatus Status(Upload upload, long? offset = null) =>
        new(upload.Id, upload.FileName, offset ?? new FileInfo(PartPath(upload.Id)).Length, upload.Length, upload.ExpiresAt);

    private string PartPath(Guid id) => Path.Combine(storage.Value.Directory, id.ToString("N") + ".part");
}

/// <summary>Where resumable uploads wait, and for how long.</summary>
public sealed class UploadStorageOptions
{
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "reelrights-uploads");
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(1);
}
