using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Accounts;
using ReelRights.Core.Auditing;
using ReelRights.Core.Blobs;
using ReelRights.Core.Certificates;
using ReelRights.Core.Data;
using ReelRights.Core.Fingerprints;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Core.Monitoring;
using ReelRights.Ledger.Evidence;
using ReelRights.Ledger.Records;
using ReelRights.Media;
using ReelRights.Media.Thumbnails;

namespace ReelRights.Core.Evidence;

/// <summary>
/// Evidence capture (侵权违法行为取证) for a hit, as a recorded session: what the capturing
/// machine was (tool versions, its clock against the time-stamping authority, DNS answers, no
/// proxy), the full exchange with the source (request and response headers, TLS chain; for HLS
/// every playlist and segment), the downloaded copy with SHA-256 and SM3, the page it was found on
/// (HTML and an offline screenshot), frames of the registered episode and of the copy at the
/// matched seconds, the match report, a bilingual report (HTML and PDF) and a log of every step
/// with its time. Everything is listed with its digests in a manifest whose digest is sealed on the
/// ledger; the bundle is a zip with the receipt, verifiable offline with <c>reelrights verify BUNDLE.zip</c>.
/// </summary>
public sealed class EvidenceService(
    ReelRightsDbContext db, JobQueue jobs, AuditLog audit, SafeFetcher fetcher, MediaSourceFetcher sources, ScreeningService screening, FfmpegMedia media,
    IBlobStore blobs, LedgerAppender appender, ITimestamper timestamper, PageScreenshotter screenshots, ChromiumPdfRenderer pdf,
    IOptions<ChromiumOptions> chromium, TimeProvider time)
{
    public const string CaptureJob = "capture-evidence";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<EvidenceBundle> RequestAsync(Actor actor, Guid hitId, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringWrite);
        var hit = await db.MonitoringHits.AsNoTracking().SingleOrDefaultAsync(h => h.Id == hitId && h.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("侵权线索");
        var bundle = new EvidenceBundle
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = actor.OrganizationId,
            HitId = hit.Id,
            State = EvidenceState.Capturing,
            RequestedBy = actor.UserId ?? actor.ApiKeyId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.EvidenceBundles.Add(bundle);
        jobs.Enqueue(CaptureJob, JsonSerializer.Serialize(new { bundleId = bundle.Id }), actor.OrganizationId, maxAttempts: 3);
        audit.Record(actor, actor.OrganizationId, "evidence.requested", bundle.Id.ToString(), hit.Source);
        await db.SaveChangesAsync(cancellationToken);
        return bundle;
    }

    public async Task<EvidenceBundle> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        return await db.EvidenceBundles.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("证据包");
    }

    public async Task<IReadOnlyList<EvidenceBundle>> ForHitAsync(Actor actor, Guid hitId, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        return await db.EvidenceBundles.AsNoTracking().Where(b => b.HitId == hitId && b.OrganizationId == actor.OrganizationId)
            .OrderByDescending(b => b.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<Stream> OpenBundleAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var bundle = await GetAsync(actor, id, cancellationToken);
        return bundle.State == EvidenceState.Sealed && bundle.BundleSha256 is { } sha && blobs.OpenRead(sha) is { } stream
            ? stream
            : throw new ReelRightsException(ErrorKind.Conflict, "not-sealed", "证据包尚未封存。", "The evidence bundle is not sealed yet.");
    }

    /// <summary>The capture itself (a job): on failure the bundle records why and nothing is sealed.</summary>
    public async Task CaptureAsync(Guid bundleId, CancellationToken cancellationToken)
    {
        var bundle = await db.EvidenceBundles.SingleOrDefaultAsync(b => b.Id == bundleId, cancellationToken);
        if (bundle is null || bundle.State != EvidenceState.Capturing)
        {
            return;
        }
        var hit = await db.MonitoringHits.AsNoTracking().SingleAsync(h => h.Id == bundle.HitId, cancellationToken);
        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == hit.EpisodeId, cancellationToken);
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == hit.WorkId, cancellationToken);
        var owner = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == bundle.OrganizationId, cancellationToken);
        var session = new CaptureSession(time);
        using var folder = new EvidenceFolder();
        try
        {
            session.Log("开始取证 / capture started", $"bundle {bundle.Id}, source {hit.Source}");
            var url = new Uri(hit.Source);

            // 1. The capturing environment.
            folder.Write("environment.json", await CaptureEnvironment.RecordAsync(url, timestamper, time, chromium.Value.ExecutablePath, session, cancellationToken),
                "取证环境：工具版本、主机时钟与时间戳机构时间、DNS 解析、代理 / capture environment");

            // 2. The exchange with the source and the copy itself (for HLS: every playlist and segment).
            session.Log("下载 / fetch", url.ToString());
            var fetched = await sources.FetchAsync(url, folder.Root, cancellationToken, session.Log, withSm3: true);
            var first = fetched.Fetch;
            session.Log("下载完成 / fetched", fetched.Hls is { } joined
                ? $"HLS: {joined.Parts.Count} part(s) joined in order, {fetched.Length} bytes, SHA-256 {fetched.Sha256}"
                : $"HTTP {first.Status}, {first.Length} bytes, SHA-256 {first.Sha256}, from {first.RemoteAddress}");
            var mediaName = "media/copy" + (fetched.Hls?.Extension ?? Extension(first.ContentType, url));
            folder.MoveIn(fetched.Path, mediaName, fetched.Hls is null ? "下载的疑似侵权副本 / the downloaded copy"
                : "下载的疑似侵权副本：HLS 各分片按顺序拼接 / the downloaded copy: the HLS segments joined in order");
            ExchangeEvidence.Record(folder, "http", url, first, fetcher.RequestHeaders, ("下载", "the download"));
            if (fetched.Hls is { } stream)
            {
                HlsEvidence.Record(folder, stream, session);
            }

            // 3. The page the copy was found on: its HTML as fetched, and a screenshot rendered offline.
            await PageEvidence.CaptureAsync(hit.PageUrl, fetcher, screenshots, folder, session, cancellationToken);

            // 4. The match, recomputed on the captured file, and frames at the matched seconds.
            var copyFull = folder.FullPath(mediaName);
            var fingerprint = await new MediaFingerprinter(media).FingerprintAsync(copyFull, cancellationToken);
            var matches = (await screening.ClassifyAsync(fingerprint, new CandidateChannel(null, first.FinalUrl.ToString()), cancellationToken))
                .Where(m => m.EpisodeCode == episode.Code).ToList();
            session.Log("比对 / match", matches.Count == 0 ? "下载的副本与登记分集不再匹配 / the captured copy no longer matches" : $"score {matches[0].Score}, {matches[0].Segments.Count} segment(s)");
            folder.Write("match-report.json", new
            {
                work = new { code = work.Code, title = work.Title, owner = owner.Name },
                episode = new { code = episode.Code, number = episode.Number, mediaSha256 = episode.MediaSha256, fingerprintSha256 = episode.FingerprintSha256 },
                monitoringHit = new { hit.Id, hit.Score, hit.Modality, hit.FirstSeenAt, hit.LastSeenAt, hit.TimesSeen, @class = hit.Class.ToString() },
                capturedCopy = matches.Select(m => new { m.Score, m.Modality, m.Segments, copied = CopiedTime.Of(m.Segments), @class = m.Class.ToString() }),
            }, "比对报告 / match report");
            var segment = matches.SelectMany(m => m.Segments).OrderByDescending(s => s.QueryEnd - s.QueryStart).FirstOrDefault();
            if (segment is not null)
            {
                await FrameAsync(copyFull, (segment.QueryStart + segment.QueryEnd) / 2, folder, "frames/copy.jpg", "副本在匹配时刻的画面 / frame of the copy at the matched second", session, cancellationToken);
                if (episode.MediaSha256 is { } sha && blobs.LocalPath(sha) is { } reference)
                {
                    await FrameAsync(reference, (segment.ReferenceStart + segment.ReferenceEnd) / 2, folder, "frames/reference.jpg", "登记分集在对应时刻的画面 / frame of the registered episode at the matching second", session, cancellationToken);
                }
            }

            // 5. The report (HTML, and PDF when Chromium is there), the log, the manifest; then seal and pack.
            session.Log("生成报告 / report", "report.html, report.pdf");
            var report = new EvidenceReportModel(work, episode, owner.Name, hit, fetched, matches, session.Text());
            var reportPdf = await ReportPdfAsync(report, folder, session, cancellationToken);
            folder.WriteText("report.html", EvidenceReport.Html(report, folder, embed: false), "双语取证报告 / bilingual report");
            if (reportPdf is not null)
            {
                folder.WriteBytes("report.pdf", reportPdf, "双语取证报告（PDF）/ bilingual report (PDF)");
            }
            session.Log("生成清单 / manifest", $"{folder.Files.Count + 1} files");
            folder.WriteText("session-log.txt", session.Text(), "取证过程记录（每一步及时间）/ log of every step with its time");
            var capturedAt = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var manifest = new EvidenceManifest(EvidenceManifest.FormatName, bundle.Id.ToString(), capturedAt,
                JsonSerializer.SerializeToElement(new { source = hit.Source, workCode = work.Code, episodeCode = episode.Code, owner = owner.Name }),
                await folder.DescribeAsync(cancellationToken));
            var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
            var payload = new
            {
                bundleId = bundle.Id,
                organization = new { id = owner.Id, name = owner.Name },
                source = hit.Source,
                work = work.Code,
                episode = episode.Code,
                manifestSha256 = Convert.ToHexStringLower(SHA256.HashData(manifestBytes)),
                manifestSm3 = Convert.ToHexStringLower(Sm3.HashData(manifestBytes)),
                capturedAt,
            };
            var sealedEntry = await appender.AppendAsync(LedgerRecord.Create(LedgerRecordType.EvidenceBundle, JsonSerializer.SerializeToUtf8Bytes(payload)),
                bundle.OrganizationId, cancellationToken);
            var zipPath = await folder.PackAsync(manifestBytes, sealedEntry.Receipt.Encode(), cancellationToken);
            BlobInfo stored;
            await using (var zipStream = File.OpenRead(zipPath))
            {
                stored = await blobs.PutAsync(zipStream, long.MaxValue, cancellationToken);
            }
            bundle.State = EvidenceState.Sealed;
            bundle.LeafIndex = sealedEntry.LeafIndex;
            bundle.BundleSha256 = stored.Sha256;
            bundle.SealedAt = time.GetUtcNow().UtcDateTime;
            audit.Record(null, bundle.OrganizationId, "evidence.sealed", bundle.Id.ToString(), $"leaf {sealedEntry.LeafIndex} {stored.Sha256}");
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (FetchException e)
        {
            await FailAsync(bundle, $"{e.MessageZh} / {e.MessageEn}", cancellationToken);
        }
        catch (MediaException e)
        {
            await FailAsync(bundle, e.Message, cancellationToken);
        }
    }

    private async Task FailAsync(EvidenceBundle bundle, string error, CancellationToken cancellationToken)
    {
        bundle.State = EvidenceState.Failed;
        bundle.Error = error.Length > 2000 ? error[..2000] : error;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The report as PDF, with its pictures embedded; without Chromium the bundle goes on with the HTML report and the log says why.</summary>
    private async Task<byte[]?> ReportPdfAsync(EvidenceReportModel report, EvidenceFolder folder, CaptureSession session, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await pdf.RenderPdfAsync(EvidenceReport.Html(report, folder, embed: true), cancellationToken);
            session.Log("报告 PDF / report PDF", $"report.pdf, {bytes.Length} bytes");
            return bytes;
        }
        catch (ReelRightsException e)
        {
            session.Log("报告 PDF 未生成 / no report PDF", $"{e.Code}；证据包仍包含 HTML 报告 / the bundle still has the HTML report");
            return null;
        }
    }

    private async Task FrameAsync(string source, double seconds, EvidenceFolder folder, string path, string description, CaptureSession session,
        CancellationToken cancellationToken)
    {
        try
        {
            var image = await media.GetThumbnailAsync(source, new ThumbnailRequest(Math.Max(0, seconds)), cancellationToken);
            folder.WriteBytes(path, image, description + string.Create(CultureInfo.InvariantCulture, $" ({seconds:F1} s)"));
            session.Log("截取画面 / frame", string.Create(CultureInfo.InvariantCulture, $"{path} at {seconds:F1} s"));
        }
        catch (MediaException e)
        {
            session.Log("截取画面失败 / frame failed", $"{path}: {e.Message}");
        }
    }

    private static string Extension(string? contentType, Uri url)
    {
        var fromUrl = Path.GetExtension(url.AbsolutePath);
        if (fromUrl is { Length: > 1 and <= 6 } && fromUrl.Skip(1).All(char.IsAsciiLetterOrDigit))
        {
            return fromUrl.ToLowerInvariant();
        }
        return contentType?.Split(';')[0].Trim() switch
        {
            "video/mp4" => ".mp4",
            "video/webm" => ".webm",
            "audio/mpeg" => ".mp3",
            _ => ".bin",
        };
    }
}
