using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Accounts;
using ReelRights.Core.Aigc;
using ReelRights.Core.Auditing;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Fingerprinting;
using ReelRights.Media;
using ReelRights.Media.Audio;
using ReelRights.Media.Frames;
using ReelRights.Media.Probing;

namespace ReelRights.Core.Works;

/// <summary>
/// Works, their episodes, rights and documents, always within the actor's organization. Media is
/// streamed into the blob store (SHA-256 and SM3 computed on the way), probed, and handed to the
/// background fingerprint job; a fingerprint file made on the owner's machine is checked and
/// used as it is. Anything rejected leaves nothing behind: no row, no blob.
/// </summary>
public sealed class WorkService(
    ReelRightsDbContext db, IBlobStore blobs, JobQueue jobs, AuditLog audit, FfmpegMedia media,
    IOptions<RegistrationOptions> options, TimeProvider time)
{
    public const string FingerprintJob = "fingerprint-episode";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Work> CreateAsync(Actor actor, CreateWorkRequest request, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksWrite);
        var title = Validation.Text(request.Title, "title", 200);
        var language = Validation.Text(string.IsNullOrWhiteSpace(request.Language) ? "zh" : request.Language, "language", 16);
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : Validation.Text(request.Description, "description", 4000);
        if (!Enum.IsDefined(request.Type))
        {
            throw ReelRightsException.Invalid("invalid-type", "作品类型无效。", "Unknown work type.");
        }
        var declaration = (request.Aigc ?? AigcDeclaration.None).Validated();
        var now = time.GetUtcNow().UtcDateTime;
        var work = new Work
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = actor.OrganizationId,
            Code = WorkCode.NewWorkCode(now.Year, request.Type),
            Title = title,
            Type = request.Type,
            Language = language,
            Description = description,
            AigcDeclaration = JsonSerializer.Serialize(declaration, Json),
            CreatedBy = actor.UserId ?? actor.ApiKeyId,
            CreatedAt = now,
        };
        db.Works.Add(work);
        audit.Record(actor, actor.OrganizationId, "work.created", work.Id.ToString(), $"{work.Code} {title}");
        await db.SaveChangesAsync(cancellationToken);
        return work;
    }

    public async Task<IReadOnlyList<Work>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksRead);
        return await db.Works.AsNoTracking().Where(w => w.OrganizationId == actor.OrganizationId)
            .OrderByDescending(w => w.CreatedAt).Take(1000).ToListAsync(cancellationToken);
    }

    /// <summary>The organization's works with their episode count and latest registration, in three queries for the whole list.</summary>
    public async Task<IReadOnlyList<WorkSummary>> SummariesAsync(Actor actor, CancellationToken cancellationToken)
    {
        var list = await ListAsync(actor, cancellationToken);
        var episodeCounts = await db.Episodes.AsNoTracking().Where(e => e.OrganizationId == actor.OrganizationId)
            .GroupBy(e => e.WorkId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var registrations = await db.Registrations.AsNoTracking().Where(r => r.OrganizationId == actor.OrganizationId)
            .Select(r => new { r.WorkId, r.State, r.CreatedAt, r.CertificateNumber }).ToListAsync(cancellationToken);
        var latest = registrations.GroupBy(r => r.WorkId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.CreatedAt)!);
        return list.Select(w => new WorkSummary(w, episodeCounts.GetValueOrDefault(w.Id),
            latest.GetValueOrDefault(w.Id)?.State, latest.GetValueOrDefault(w.Id)?.CertificateNumber)).ToList();
    }

    /// <summary>The actor's own work; another organization's work is reported as not found.</summary>
    public async Task<Work> GetAsync(Actor actor, Guid workId, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksRead);
        return await db.Works.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workId && w.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("作品");
    }

    public async Task<IReadOnlyList<Episode>> EpisodesAsync(Actor actor, Guid workId, CancellationToken cancellationToken)
    {
        await GetAsync(actor, workId, cancellationToken);
        return await db.Episodes.AsNoTracking().Where(e => e.WorkId == workId).OrderBy(e => e.Number).ToListAsync(cancellationToken);
    }

    /// <summary>Adds an episode from its media, streamed; fingerprinting runs in the background.</summary>
    public async Task<Episode> AddMediaEpisodeAsync(Actor actor, Guid workId, int number, string? title, string? fileName, Stream content,
        CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksWrite);
        var work = await GetAsync(actor, workId, cancellationToken);
        await RequireFreeNumberAsync(workId, number, cancellationToken);
        var name = SafeFileName(fileName);
        var blob = await PutAsync(content, options.Value.MaxMediaBytes, cancellationToken);
        var stored = true;
        try
        {
            var info = await ProbeAsync(blob, cancellationToken);
            var labels = AigcLabelReader.Read(info);
            bool c2pa;
            await using (var file = File.OpenRead(blobs.LocalPath(blob.Sha256)!))
            {
                c2pa = await C2paDetector.HasManifestAsync(file, cancellationToken);
            }
            var episode = NewEpisode(work, number, title, EpisodeSource.Media);
            episode.FileName = name;
            episode.MediaSize = blob.Length;
            episode.MediaSha256 = blob.Sha256;
            episode.MediaSm3 = blob.Sm3;
            episode.DurationSeconds = info.DurationSeconds;
            episode.AigcFindings = labels.Count == 0 && !c2pa ? null : JsonSerializer.Serialize(new AigcFindings(labels, c2pa), Json);
            episode.State = EpisodeState.Queued;
            db.Episodes.Add(episode);
            jobs.Enqueue(FingerprintJob, JsonSerializer.Serialize(new { episodeId = episode.Id }), actor.OrganizationId);
            audit.Record(actor, actor.OrganizationId, "episode.uploaded", episode.Id.ToString(), $"{episode.Code} {blob.Sha256}");
            await db.SaveChangesAsync(cancellationToken);
            stored = false;
            return episode;
        }
        finally
        {
            if (stored && !await BlobInUseAsync(blob.Sha256, CancellationToken.None))
            {
                blobs.Delete(blob.Sha256);
            }
        }
    }

    /// <summary>Adds an episode from a .rrfp fingerprint file; it is ready at once.</summary>
    public async Task<Episode> AddFingerprintEpisodeAsync(Actor actor, Guid workId, int number, string? title, Stream content,
        CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksWrite);
        var work = await GetAsync(actor, workId, cancellationToken);
        await RequireFreeNumberAsync(workId, number, cancellationToken);
        var blob = await PutAsync(content, options.Value.MaxFingerprintBytes, cancellationToken);
        var stored = true;
        try
        {
            Fingerprint fingerprint;
            await using (var read = blobs.OpenRead(blob.Sha256)!)
            {
                try
                {
                    fingerprint = Fingerprint.ReadFrom(read);
                }
                catch (FingerprintFormatException e)
                {
                    throw ReelRightsException.Invalid("invalid-fingerprint", $"指纹文件无效：{e.Message}", $"The fingerprint file is not valid: {e.Message}");
                }
            }
            if (fingerprint.DurationSeconds <= 0)
            {
                throw ReelRightsException.Invalid("invalid-fingerprint", "指纹文件不含任何内容。", "The fingerprint file describes no content.");
            }
            var episode = NewEpisode(work, number, title, EpisodeSource.Fingerprint);
            episode.DurationSeconds = fingerprint.DurationSeconds;
            episode.FingerprintSha256 = blob.Sha256;
            episode.State = EpisodeState.Ready;
            episode.Progress = 1;
            db.Episodes.Add(episode);
            audit.Record(actor, actor.OrganizationId, "episode.fingerprint-uploaded", episode.Id.ToString(), $"{episode.Code} {blob.Sha256}");
            await db.SaveChangesAsync(cancellationToken);
            stored = false;
            return episode;
        }
        finally
        {
            if (stored && !await BlobInUseAsync(blob.Sha256, CancellationToken.None))
            {
                blobs.Delete(blob.Sha256);
            }
        }
    }

    public async Task<WorkRight> AddRightAsync(Actor actor, Guid workId, WorkRight right, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksWrite);
        await GetAsync(actor, workId, cancellationToken);
        if (!Enum.IsDefined(right.Right))
        {
            throw ReelRightsException.Invalid("invalid-right", "权利类型无效。", "Unknown kind of right.");
        }
        if (right.StartsOn is { } from && right.EndsOn is { } to && to < from)
        {
            throw ReelRightsException.Invalid("invalid-term", "权利期限的结束早于开始。", "The term ends before it starts.");
        }
        var row = new WorkRight
        {
            Id = Guid.CreateVersion7(),
            WorkId = workId,
            Right = right.Right,
            Holder = Validation.Text(right.Holder, "holder", 200),
            Territory = Validation.Text(string.IsNullOrWhiteSpace(right.Territory) ? "全球 / Worldwide" : right.Territory, "territory", 200),
            StartsOn = right.StartsOn,
            EndsOn = right.EndsOn,
            Exclusive = right.Exclusive,
            Note = string.IsNullOrWhiteSpace(right.Note) ? null : Validation.Text(right.Note, "note", 1000),
        };
        db.WorkRights.Add(row);
        audit.Record(actor, actor.OrganizationId, "work.right-added", workId.ToString(), $"{row.Right} {row.Holder}");
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    public async Task<WorkDocument> AddDocumentAsync(Actor actor, Guid workId, DocumentKind kind, string? fileName, Stream content,
        CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksWrite);
        await GetAsync(actor, workId, cancellationToken);
        if (!Enum.IsDefined(kind))
        {
            throw ReelRightsException.Invalid("invalid-document-kind", "文件类型无效。", "Unknown kind of document.");
        }
        var name = SafeFileName(fileName) ?? throw ReelRightsException.Invalid("invalid-file-name", "需要文件名。", "A file name is required.");
        var blob = await PutAsync(content, options.Value.MaxDocumentBytes, cancellationToken);
        var document = new WorkDocument
        {
            Id = Guid.CreateVersion7(),
            WorkId = workId,
            Kind = kind,
            FileName = name,
            Size = blob.Length,
            Sha256 = blob.Sha256,
            Sm3 = blob.Sm3,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.WorkDocuments.Add(document);
        audit.Record(actor, actor.OrganizationId, "work.document-added", workId.ToString(), $"{kind} {name} {blob.Sha256}");
        await db.SaveChangesAsync(cancellationToken);
        return document;
    }

    public async Task<IReadOnlyList<WorkRight>> RightsAsync(Actor actor, Guid workId, CancellationToken cancellationToken)
    {
        await GetAsync(actor, workId, cancellationToken);
        return await db.WorkRights.AsNoTracking().Where(r => r.WorkId == workId).OrderBy(r => r.Right).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WorkDocument>> DocumentsAsync(Actor actor, Guid workId, CancellationToken cancellationToken)
    {
        await GetAsync(actor, workId, cancellationToken);
        return await db.WorkDocuments.AsNoTracking().Where(d => d.WorkId == workId).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A name to show, never a path: directory parts, control characters and leading dots are
    /// refused outright (a path-traversal attempt is an error, not silently cleaned).
    /// </summary>
    public static string? SafeFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }
        var name = fileName.Trim();
        if (name.Length > 255 || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)
            || name.StartsWith('.') || name.Any(char.IsControl) || name.Contains(':', StringComparison.Ordinal))
        {
            throw ReelRightsException.Invalid("invalid-file-name",
                "文件名不能包含路径、控制字符或以点开头。", "A file name may not contain a path, control characters or start with a dot.");
        }
        return name;
    }

    private Episode NewEpisode(Work work, int number, string? title, EpisodeSource source) => new()
    {
        Id = Guid.CreateVersion7(),
        WorkId = work.Id,
        OrganizationId = work.OrganizationId,
        Number = number,
        Code = WorkCode.EpisodeCode(work.Code, number),
        Title = string.IsNullOrWhiteSpace(title) ? $"第 {number} 集" : Validation.Text(title, "title", 200),
        Source = source,
        CreatedAt = time.GetUtcNow().UtcDateTime,
    };

    private async Task RequireFreeNumberAsync(Guid workId, int number, CancellationToken cancellationToken)
    {
        if (number is < 1 or > 999)
        {
            throw ReelRightsException.Invalid("invalid-episode-number", "集数须在 1 到 999 之间。", "Episode numbers run from 1 to 999.");
        }
        if (await db.Episodes.AnyAsync(e => e.WorkId == workId && e.Number == number, cancellationToken))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "episode-exists", $"第 {number} 集已存在。", $"Episode {number} already exists.");
        }
    }

    private async Task<BlobInfo> PutAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        var blob = await blobs.PutAsync(content, max, cancellationToken);
        if (blob.Length == 0)
        {
            blobs.Delete(blob.Sha256);
            throw ReelRightsException.Invalid("empty-file", "上传的文件是空的（0 字节）。", "The uploaded file is empty (0 bytes).");
        }
        return blob;
    }

    private async Task<MediaInfo> ProbeAsync(BlobInfo blob, CancellationToken cancellationToken)
    {
        MediaInfo info;
        var path = blobs.LocalPath(blob.Sha256)!;
        try
        {
            info = await media.ProbeAsync(path, cancellationToken);
        }
        catch (MediaException e)
        {
            throw ReelRightsException.Invalid("invalid-media", $"无法读取该媒体文件：{e.Message}", $"The file could not be read as media: {e.Message}");
        }
        if (info.PrimaryVideo is null && info.PrimaryAudio is null)
        {
            throw ReelRightsException.Invalid("invalid-media", "文件中没有视频或音频。", "The file has no video or audio stream.");
        }
        if (info.DurationSeconds is not { } duration || duration <= 0)
        {
            throw ReelRightsException.Invalid("invalid-media", "无法确定媒体时长（文件可能被截断）。", "The media's duration is unknown (the file may be truncated).");
        }
        if (duration > options.Value.MaxDurationSeconds)
        {
            throw ReelRightsException.Invalid("too-long", $"媒体时长超过上限（{options.Value.MaxDurationSeconds:F0} 秒）。",
                $"The media is longer than the limit ({options.Value.MaxDurationSeconds:F0} s).");
        }
        await RequireDecodableEndAsync(path, info, duration, cancellationToken);
        return info;
    }

    /// <summary>
    /// A file cut short can still carry a header that promises the full duration (an MP4 with its
    /// index first); decoding its last second proves the media is all there before it is accepted.
    /// </summary>
    private async Task RequireDecodableEndAsync(string path, MediaInfo info, double duration, CancellationToken cancellationToken)
    {
        var start = Math.Max(0, duration - 1.5);
        var decoded = 0L;
        try
        {
            if (info.PrimaryVideo is not null)
            {
                var request = new GrayFrameRequest(32, 32, new Rational(4, 1)) { StartSeconds = start, DurationSeconds = 1, Fit = FrameFit.Stretch };
                await foreach (var _ in media.ReadGrayFramesAsync(path, request, cancellationToken))
                {
                    decoded++;
                }
            }
            else
            {
                await foreach (var chunk in media.ReadPcmAsync(path, new PcmRequest(8000) { StartSeconds = start, DurationSeconds = 1 }, cancellationToken))
                {
                    decoded += chunk.Samples.Length;
                }
            }
        }
        catch (MediaException e)
        {
            throw ReelRightsException.Invalid("invalid-media", $"媒体文件不完整或已损坏：{e.Message}", $"The media is incomplete or damaged: {e.Message}");
        }
        if (decoded == 0)
        {
            throw ReelRightsException.Invalid("invalid-media", "媒体文件不完整（结尾无法解码，可能被截断）。", "The media is incomplete: its end cannot be decoded (the file may be truncated).");
        }
    }

    private async Task<bool> BlobInUseAsync(string sha256, CancellationToken cancellationToken) =>
        await db.Episodes.AnyAsync(e => e.MediaSha256 == sha256 || e.FingerprintSha256 == sha256, cancellationToken)
        || await db.WorkDocuments.AnyAsync(d => d.Sha256 == sha256, cancellationToken);
}
