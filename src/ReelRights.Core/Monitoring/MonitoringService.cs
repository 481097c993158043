using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Auditing;
using ReelRights.Core.Data;
using ReelRights.Core.Fingerprints;
using ReelRights.Core.Jobs;
using ReelRights.Media;

namespace ReelRights.Core.Monitoring;

public sealed record CreateTaskRequest(string Name, IReadOnlyList<string>? Urls = null, int? IntervalMinutes = null, CrawlSettings? Crawl = null, string? Folder = null);

/// <summary>
/// Monitoring tasks and their hits. A run is a durable job: each URL is fetched with the SSRF-safe
/// fetcher (an HLS playlist followed to its segments, see <see cref="MediaSourceFetcher"/>),
/// fingerprinted, matched against the owner's registered works and classified by channel; a source
/// that fails is recorded with its reason and the run goes on.
/// </summary>
public sealed class MonitoringService(
    ReelRightsDbContext db, JobQueue jobs, AuditLog audit, SafeFetcher fetcher, MediaSourceFetcher sources, ScreeningService screening, FfmpegMedia media,
    Microsoft.Extensions.Options.IOptions<MonitoringOptions> options, TimeProvider time)
{
    public const string ScanJob = "monitor-scan";
    public const string DismissedAction = "monitoring.hit-dismissed";
    public const string RestoredAction = "monitoring.hit-restored";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MonitoringTask> CreateAsync(Actor actor, CreateTaskRequest request, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringWrite);
        var urls = (request.Urls ?? []).Select(u => u?.Trim() ?? "").Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var crawl = request.Crawl?.Validated();
        var folder = request.Folder is null ? null : WatchedFolder(request.Folder);
        if ((crawl is null && folder is null && urls.Count == 0) || urls.Count > 1000 || urls.Any(u => u.Length > 2000 || !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw ReelRightsException.Invalid("invalid-urls", "需要 1–1000 个 http(s) 地址。", "Give 1–1000 http(s) URLs.");
        }
        if (request.IntervalMinutes is < 5 or > 10080)
        {
            throw ReelRightsException.Invalid("invalid-interval", "周期须在 5 分钟到 7 天之间。", "The interval must be between 5 minutes and 7 days.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var task = new MonitoringTask
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = actor.OrganizationId,
            Name = Validation.Text(request.Name, "name", 200),
            Urls = JsonSerializer.Serialize(urls),
            Crawl = crawl is null ? null : JsonSerializer.Serialize(crawl, Json),
            Folder = folder,
            IntervalMinutes = request.IntervalMinutes,
            NextRunAt = request.IntervalMinutes is null ? null : now,
            CreatedAt = now,
        };
        db.MonitoringTasks.Add(task);
        task.LastJobId = jobs.Enqueue(ScanJob, JsonSerializer.Serialize(new { taskId = task.Id }), actor.OrganizationId).Id;
        audit.Record(actor, actor.OrganizationId, "monitoring.task-created", task.Id.ToString(), $"{task.Name} ×{urls.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    public async Task<MonitoringTask> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        return await db.MonitoringTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("监测任务");
    }

    public async Task<IReadOnlyList<MonitoringTask>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        return await db.MonitoringTasks.AsNoTracking().Where(t => t.OrganizationId == actor.OrganizationId).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<MonitoringTask> RunNowAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringWrite);
        var task = await db.MonitoringTasks.SingleOrDefaultAsync(t => t.Id == id && t.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("监测任务");
        task.LastJobId = jobs.Enqueue(ScanJob, JsonSerializer.Serialize(new { taskId = task.Id }), actor.OrganizationId).Id;
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    public async Task<IReadOnlyList<MonitoringHit>> HitsAsync(Actor actor, Guid? workId, Guid? taskId, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        var query = db.MonitoringHits.AsNoTracking().Where(h => h.OrganizationId == actor.OrganizationId);
        if (workId is { } w)
        {
            query = query.Where(h => h.WorkId == w);
        }
        if (taskId is { } t)
        {
            query = query.Where(h => h.TaskId == t);
        }
        return await query.OrderByDescending(h => h.LastSeenAt).Take(5000).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MonitoringFailure>> FailuresAsync(Actor actor, Guid taskId, CancellationToken cancellationToken)
    {
        await GetAsync(actor, taskId, cancellationToken);
        return await db.MonitoringFailures.AsNoTracking().Where(f => f.TaskId == taskId).OrderByDescending(f => f.At).Take(1000).ToListAsync(cancellationToken);
    }

    /// <summary>The owner dismisses a hit (e.g. a channel it forgot to declare), with the reason recorded.</summary>
    public async Task<MonitoringHit> DismissAsync(Actor actor, Guid hitId, string? reason, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringWrite);
        var hit = await db.MonitoringHits.SingleOrDefaultAsync(h => h.Id == hitId && h.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("侵权线索");
        hit.DismissedReason = Validation.Text(reason, "reason", 1000);
        audit.Record(actor, actor.OrganizationId, DismissedAction, hitId.ToString(), hit.DismissedReason);
        await db.SaveChangesAsync(cancellationToken);
        return hit;
    }

    /// <summary>
    /// The owner takes a dismissal back (恢复): the hit is open again in its class. The reason and
    /// who gave it are recorded like a dismissal's (audit event <see cref="RestoredAction"/>).
    /// </summary>
    public async Task<MonitoringHit> RestoreAsync(Actor actor, Guid hitId, string? reason, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringWrite);
        var hit = await db.MonitoringHits.SingleOrDefaultAsync(h => h.Id == hitId && h.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("侵权线索");
        var text = Validation.Text(reason, "reason", 1000);
        if (hit.DismissedReason is null)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "not-dismissed", "该线索没有被忽略，无需恢复。", "The hit is not dismissed, so there is nothing to restore.");
        }
        hit.DismissedReason = null;
        audit.Record(actor, actor.OrganizationId, RestoredAction, hitId.ToString(), text);
        await db.SaveChangesAsync(cancellationToken);
        return hit;
    }

    /// <summary>One run of a task: every URL, in order; progress is reported per URL.</summary>
    public async Task ScanAsync(Guid taskId, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        var task = await db.MonitoringTasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null)
        {
            return;
        }
        var urls = JsonSerializer.Deserialize<List<string>>(task.Urls) ?? [];
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        var views = new Dictionary<string, long>(StringComparer.Ordinal);
        if (task.Crawl is not null && JsonSerializer.Deserialize<CrawlSettings>(task.Crawl, Json) is { } crawl)
        {
            // A crawl first finds the media on the site; pages it cannot read are recorded like any source.
            var found = await new GenericSiteAdapter(crawl, fetcher).DiscoverAsync(cancellationToken);
            foreach (var (page, error) in found.Failures)
            {
                await RecordFailureAsync(task, page, error.Code, error.MessageZh, error.MessageEn, cancellationToken);
            }
            foreach (var media in found.MediaUrls.Where(u => !urls.Contains(u.ToString())))
            {
                urls.Add(media.ToString());
                if (found.PageOf?.GetValueOrDefault(media) is { } page)
                {
                    pages[media.ToString()] = page.ToString();
                }
                if (found.ViewsOf?.TryGetValue(media, out var count) == true)
                {
                    views[media.ToString()] = count;
                }
            }
        }
        var files = task.Folder is { } folder ? ChangedFiles(folder, task.LastRunAt) : [];
        var total = urls.Count + files.Count;
        for (var i = 0; i < urls.Count; i++)
        {
            await ScanOneAsync(task, urls[i], pages.GetValueOrDefault(urls[i]), views.TryGetValue(urls[i], out var seen) ? seen : null, cancellationToken);
            await reportProgress((i + 1.0) / total);
        }
        for (var i = 0; i < files.Count; i++)
        {
            await ScanFileAsync(task, files[i], cancellationToken);
            await reportProgress((urls.Count + i + 1.0) / total);
        }
        var now = time.GetUtcNow().UtcDateTime;
        task.LastRunAt = now;
        task.NextRunAt = task.IntervalMinutes is { } minutes ? now.AddMinutes(minutes) : null;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Enqueues the runs of scheduled tasks that are due (called by the workers' housekeeping).</summary>
    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.MonitoringTasks.Where(t => t.NextRunAt != null && t.NextRunAt <= now).ToListAsync(cancellationToken);
        foreach (var task in due)
        {
            task.NextRunAt = null;
            task.LastJobId = jobs.Enqueue(ScanJob, JsonSerializer.Serialize(new { taskId = task.Id }), task.OrganizationId).Id;
        }
        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>The folder, resolved, if it lies under a configured root; anything else is refused.</summary>
    private string WatchedFolder(string requested)
    {
        var full = Path.GetFullPath(requested.Trim());
        var roots = options.Value.WatchedFolderRoots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).ToList();
        if (!roots.Any(r => full == r || full.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal)) || !Directory.Exists(full))
        {
            throw ReelRightsException.Invalid("invalid-folder", "该文件夹不存在，或不在管理员允许监测的目录之下。",
                "The folder does not exist or is not under a root the operator allows to be watched.");
        }
        return full;
    }

    /// <summary>Files new or changed since the last run (all of them on the first run), oldest first.</summary>
    private static List<string> ChangedFiles(string folder, DateTime? since) =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint })
                .Where(f => since is null || f.LastWriteTimeUtc > since).OrderBy(f => f.LastWriteTimeUtc).Select(f => f.FullName).Take(10_000).ToList()
            : [];

    private async Task ScanFileAsync(MonitoringTask task, string path, CancellationToken cancellationToken)
    {
        var source = new Uri(path).ToString();
        ReelRights.Fingerprinting.Fingerprint fingerprint;
        string sha256;
        try
        {
            await using (var stream = File.OpenRead(path))
            {
                sha256 = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken));
            }
            fingerprint = await new MediaFingerprinter(media).FingerprintAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is MediaException or IOException or UnauthorizedAccessException)
        {
            var (zh, en) = e is MediaException m ? (m.ChineseMessage, m.EnglishMessage) : (e.Message, e.Message);
            await RecordFailureAsync(task, source, "not-media", $"无法读取为媒体：{zh}", $"Cannot be read as media: {en}", cancellationToken);
            return;
        }
        await RecordHitsAsync(task, source, null, null, sha256, await screening.ClassifyAsync(fingerprint, new CandidateChannel(null, null), cancellationToken), cancellationToken);
    }

    private async Task ScanOneAsync(MonitoringTask task, string url, string? page, long? views, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("rr-scan-");
        try
        {
            var fetched = await sources.FetchAsync(new Uri(url), directory.FullName, cancellationToken);
            ReelRights.Fingerprinting.Fingerprint fingerprint;
            try
            {
                var info = await media.ProbeAsync(fetched.Path, cancellationToken);
                if (info.PrimaryVideo is null && info.PrimaryAudio is null)
                {
                    throw new MediaException("no-streams", "没有视频或音频流", "no video or audio stream");
                }
                fingerprint = await new MediaFingerprinter(media).FingerprintAsync(fetched.Path, cancellationToken);
            }
            catch (MediaException e)
            {
                var (whatZh, whatEn) = fetched.Hls is { } hls
                    ? ($"HLS 流，{hls.Parts.Count} 个分片", $"HLS stream, {hls.Parts.Count} parts")
                    : (fetched.Fetch.ContentType, fetched.Fetch.ContentType);
                await RecordFailureAsync(task, url, "not-media", $"下载的内容不是可读的媒体（{whatZh}）：{e.ChineseMessage}",
                    $"What was downloaded is not readable media ({whatEn}): {e.EnglishMessage}", cancellationToken);
                return;
            }
            var matches = await screening.ClassifyAsync(fingerprint, new CandidateChannel(null, fetched.Fetch.FinalUrl.ToString()), cancellationToken);
            await RecordHitsAsync(task, url, page, views, fetched.Sha256, matches, cancellationToken);
        }
        catch (FetchException e)
        {
            await RecordFailureAsync(task, url, e.Code, e.MessageZh, e.MessageEn, cancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>One hit per owner × place × episode: seen again, the same row is updated.</summary>
    private async Task RecordHitsAsync(MonitoringTask task, string source, string? page, long? views, string sha256, List<ScreenedMatch> matches, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var match in matches)
        {
            var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Code == match.EpisodeCode, cancellationToken);
            if (episode.OrganizationId != task.OrganizationId)
            {
                continue; // Another owner's work: not this owner's business.
            }
            var hit = await db.MonitoringHits.SingleOrDefaultAsync(h => h.OrganizationId == task.OrganizationId && h.Source == source && h.EpisodeId == episode.Id, cancellationToken);
            if (hit is null)
            {
                hit = new MonitoringHit
                {
                    Id = Guid.CreateVersion7(),
                    OrganizationId = task.OrganizationId,
                    TaskId = task.Id,
                    Source = source,
                    EpisodeId = episode.Id,
                    WorkId = episode.WorkId,
                    FirstSeenAt = now,
                };
                db.MonitoringHits.Add(hit);
            }
            hit.MediaSha256 = sha256;
            hit.PageUrl = page ?? hit.PageUrl;
            hit.Score = match.Score;
            hit.Modality = match.Modality;
            hit.Segments = JsonSerializer.Serialize(match.Segments, Json);
            hit.Class = match.Class;
            hit.LicenseCode = match.LicenseCode;
            hit.LastSeenAt = now;
            hit.TimesSeen++;
            if (views is { } count)
            {
                hit.ObservedViews = count;
                hit.ViewsObservedAt = now;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RecordFailureAsync(MonitoringTask task, string url, string code, string zh, string en, CancellationToken cancellationToken)
    {
        db.MonitoringFailures.Add(new MonitoringFailure
        {
            Id = Guid.CreateVersion7(),
            TaskId = task.Id,
            Source = url,
            Code = code,
            MessageZh = zh.Length > 1000 ? zh[..1000] : zh,
            MessageEn = en.Length > 1000 ? en[..1000] : en,
            At = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Runs one monitoring task (see <see cref="MonitoringService.ScanAsync"/>).</summary>
public sealed class MonitorScanJob(MonitoringService monitoring) : IJobHandler
{
    public string Kind => MonitoringService.ScanJob;

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        await monitoring.ScanAsync(JsonDocument.Parse(job.Payload).RootElement.GetProperty("taskId").GetGuid(), reportProgress, cancellationToken);
        return JobOutcome.Done;
    }
}
