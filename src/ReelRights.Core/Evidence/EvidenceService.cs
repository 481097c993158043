using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Auditing;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Fingerprints;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Monitoring.Hls;
using ReelRights.Ledger.Evidence;
using ReelRights.Ledger.Records;
using ReelRights.Media;
using ReelRights.Media.Thumbnails;

namespace ReelRights.Core.Evidence;

/// <summary>
/// Evidence capture (侵权违法行为取证) for a hit, as a recorded session: what the capturing
/// machine was (tool versions, its clock against the time-stamping authority, DNS answers, no
/// proxy), the full exchange with the source (request and response headers, TLS chain), the
/// downloaded copy with SHA-256 and SM3, frames of the registered episode and of the copy at the
/// matched seconds, the match report, and a log of every step with its time. Everything is listed
/// with its digests in a manifest whose digest is sealed on the ledger; the bundle is a zip with
/// the receipt, verifiable offline with <c>reelrights verify BUNDLE.zip</c>.
/// </summary>
public sealed class EvidenceService(
    ReelRightsDbContext db, JobQueue jobs, AuditLog audit, SafeFetcher fetcher, MediaSourceFetcher sources, ScreeningService screening, FfmpegMedia media,
    IBlobStore blobs, LedgerAppender appender, ITimestamper timestamper, TimeProvider time)
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
        var directory = Directory.CreateTempSubdirectory("rr-evidence-");
        try
        {
            session.Log("开始取证 / capture started", $"bundle {bundle.Id}, source {hit.Source}");
            var files = new List<(string Path, string Description)>();
            var url = new Uri(hit.Source);

            // 1. The capturing environment.
            var environment = await EnvironmentAsync(url, session, cancellationToken);
            Write(directory, "environment.json", environment, files, "取证环境：工具版本、主机时钟与时间戳机构时间、DNS 解析、代理 / capture environment");

            // 2. The exchange with the source and the copy itself (for HLS: every playlist and segment).
            session.Log("下载 / fetch", url.ToString());
            var fetched = await sources.FetchAsync(url, directory.FullName, cancellationToken, session.Log, withSm3: true);
            var first = fetched.Fetch;
            session.Log("下载完成 / fetched", fetched.Hls is { } joined
                ? $"HLS: {joined.Parts.Count} part(s) joined in order, {fetched.Length} bytes, SHA-256 {fetched.Sha256}"
                : $"HTTP {first.Status}, {first.Length} bytes, SHA-256 {first.Sha256}, from {first.RemoteAddress}");
            var mediaName = "media/copy" + (fetched.Hls?.Extension ?? Extension(first.ContentType, url));
            Directory.CreateDirectory(Path.Combine(directory.FullName, "media"));
            File.Move(fetched.Path, Path.Combine(directory.FullName, mediaName));
            files.Add((mediaName, fetched.Hls is null ? "下载的疑似侵权副本 / the downloaded copy"
                : "下载的疑似侵权副本：HLS 各分片按顺序拼接 / the downloaded copy: the HLS segments joined in order"));
            Write(directory, "http/exchange.json", new
            {
                request = new { method = "GET", url = url.ToString(), headers = fetcher.RequestHeaders },
                redirects = first.Redirects.Select(r => r.ToString()),
                finalUrl = first.FinalUrl.ToString(),
                remoteAddress = first.RemoteAddress,
                response = new { status = first.Status, headers = first.ResponseHeaders.Select(h => new { name = h.Key, value = h.Value }) },
            }, files, "完整的 HTTP 请求与响应头 / full HTTP request and response headers");
            if (first.TlsCertificates.Count > 0)
            {
                WriteText(directory, "http/tls-chain.pem", Pem(first.TlsCertificates), files, "TLS 证书链 / TLS certificate chain");
            }
            if (fetched.Hls is { } stream)
            {
                HlsRecord(directory, stream, files, session);
            }

            // 3. The match, recomputed on the captured file, and frames at the matched seconds.
            var copyFull = Path.Combine(directory.FullName, mediaName);
            var fingerprint = await new MediaFingerprinter(media).FingerprintAsync(copyFull, cancellationToken);
            var matches = (await screening.ClassifyAsync(fingerprint, new CandidateChannel(null, first.FinalUrl.ToString()), cancellationToken))
                .Where(m => m.EpisodeCode == episode.Code).ToList();
            session.Log("比对 / match", matches.Count == 0 ? "下载的副本与登记分集不再匹配 / the captured copy no longer matches" : $"score {matches[0].Score}, {matches[0].Segments.Count} segment(s)");
            Write(directory, "match-report.json", new
            {
                work = new { code = work.Code, title = work.Title, owner = owner.Name },
                episode = new { code = episode.Code, number = episode.Number, mediaSha256 = episode.MediaSha256, fingerprintSha256 = episode.FingerprintSha256 },
                monitoringHit = new { hit.Id, hit.Score, hit.Modality, hit.FirstSeenAt, hit.LastSeenAt, hit.TimesSeen, @class = hit.Class.ToString() },
                capturedCopy = matches.Select(m => new { m.Score, m.Modality, m.Segments, @class = m.Class.ToString() }),
            }, files, "比对报告 / match report");
            var segment = matches.SelectMany(m => m.Segments).OrderByDescending(s => s.QueryEnd - s.QueryStart).FirstOrDefault();
            if (segment is not null)
            {
                await FrameAsync(copyFull, (segment.QueryStart + segment.QueryEnd) / 2, directory, "frames/copy.jpg", "副本在匹配时刻的画面 / frame of the copy at the matched second", files, session, cancellationToken);
                if (episode.MediaSha256 is { } sha && blobs.LocalPath(sha) is { } reference)
                {
                    await FrameAsync(reference, (segment.ReferenceStart + segment.ReferenceEnd) / 2, directory, "frames/reference.jpg", "登记分集在对应时刻的画面 / frame of the registered episode at the matching second", files, session, cancellationToken);
                }
            }

            // 4. The log, the report, the manifest; then seal and pack.
            session.Log("生成清单 / manifest", $"{files.Count + 2} files");
            WriteText(directory, "session-log.txt", session.Text(), files, "取证过程记录（每一步及时间）/ log of every step with its time");
            WriteText(directory, "report.html", Report(work, episode, owner.Name, hit, fetched, matches, session), files, "双语取证报告 / bilingual report");
            var capturedAt = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var manifest = new EvidenceManifest(EvidenceManifest.FormatName, bundle.Id.ToString(), capturedAt,
                JsonSerializer.SerializeToElement(new { source = hit.Source, workCode = work.Code, episodeCode = episode.Code, owner = owner.Name }),
                await DescribeAllAsync(directory, files, cancellationToken));
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
            var zipPath = Path.Combine(directory.FullName, "bundle.zip");
            await using (var zipFile = File.Create(zipPath))
            using (var zip = new ZipArchive(zipFile, ZipArchiveMode.Create))
            {
                Add(zip, EvidenceManifest.ManifestPath, manifestBytes);
                Add(zip, EvidenceManifest.ReceiptPath, Encoding.UTF8.GetBytes(sealedEntry.Receipt.Encode()));
                foreach (var (path, _) in files)
                {
                    zip.CreateEntryFromFile(Path.Combine(directory.FullName, path), path, CompressionLevel.Optimal);
                }
            }
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
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private async Task FailAsync(EvidenceBundle bundle, string error, CancellationToken cancellationToken)
    {
        bundle.State = EvidenceState.Failed;
        bundle.Error = error.Length > 2000 ? error[..2000] : error;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<object> EnvironmentAsync(Uri url, CaptureSession session, CancellationToken cancellationToken)
    {
        var hostClock = time.GetUtcNow();
        var nonce = RandomNumberGenerator.GetBytes(32);
        var token = await timestamper.TimestampAsync(SHA256.HashData(nonce), cancellationToken);
        var tsaTime = Rfc3161TimestampToken.TryDecode(token, out var decoded, out _) ? decoded!.TokenInfo.Timestamp : (DateTimeOffset?)null;
        session.Log("时钟比对 / clock check", $"host {hostClock:O}, TSA {tsaTime:O}");
        string[] dns;
        try
        {
            dns = IPAddress.TryParse(url.Host, out var literal) ? [literal.ToString()]
                : (await Dns.GetHostAddressesAsync(url.Host, cancellationToken)).Select(a => a.ToString()).ToArray();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            dns = ["resolution failed: " + e.SocketErrorCode];
        }
        session.Log("DNS 解析 / DNS", $"{url.Host} → {string.Join(", ", dns)}");
        return new
        {
            tools = new
            {
                reelrights = typeof(EvidenceService).Assembly.GetName().Version?.ToString(),
                dotnet = RuntimeInformation.FrameworkDescription,
                os = RuntimeInformation.OSDescription,
                ffmpeg = await FfmpegVersionAsync(cancellationToken),
            },
            clock = new
            {
                host = hostClock.ToString("O", CultureInfo.InvariantCulture),
                timestampAuthority = tsaTime?.ToString("O", CultureInfo.InvariantCulture),
                differenceSeconds = tsaTime is { } t ? Math.Round((hostClock - t).TotalSeconds, 3) : (double?)null,
                timestampToken = Convert.ToBase64String(token),
                timestampedNonce = Convert.ToHexStringLower(nonce),
            },
            dns = new { host = url.Host, answers = dns },
            proxy = "无：直接连接，不使用代理 / none: direct connections, proxies disabled",
            tls = "系统信任库校验证书（TLS 1.2/1.3）/ certificates validated against the system trust store (TLS 1.2/1.3)",
        };
    }

    private static async Task<string> FfmpegVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-hide_banner");
            start.ArgumentList.Add("-version");
            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var first = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? "";
            await process.WaitForExitAsync(timeout.Token);
            return first;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException or InvalidOperationException)
        {
            return "unknown: " + e.Message;
        }
    }

    private async Task FrameAsync(string source, double seconds, DirectoryInfo directory, string path, string description,
        List<(string, string)> files, CaptureSession session, CancellationToken cancellationToken)
    {
        try
        {
            var image = await media.GetThumbnailAsync(source, new ThumbnailRequest(Math.Max(0, seconds)), cancellationToken);
            var full = Path.Combine(directory.FullName, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, image, cancellationToken);
            files.Add((path, description + $" ({seconds:F1} s)"));
            session.Log("截取画面 / frame", $"{path} at {seconds:F1} s");
        }
        catch (MediaException e)
        {
            session.Log("截取画面失败 / frame failed", $"{path}: {e.Message}");
        }
    }

    private static string Report(ReelRights.Core.Works.Work work, ReelRights.Core.Works.Episode episode, string owner, MonitoringHit hit, FetchedMedia fetched,
        List<ScreenedMatch> matches, CaptureSession session)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>取证报告 Evidence report</title>");
        sb.Append("<style>body{font-family:\"Noto Sans CJK SC\",sans-serif;margin:24px;color:#111}th{text-align:left;padding-right:12px}td{word-break:break-all}.en{color:#555;font-size:90%}</style></head><body>");
        sb.Append("<h1>侵权取证报告 <span class=\"en\">Infringement evidence report</span></h1><table>");
        void Row(string zh, string en, string? value) => sb.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(zh)} <span class=\"en\">{E(en)}</span></th><td>{E(value)}</td></tr>");
        Row("权利人", "Owner", owner);
        Row("作品", "Work", $"{work.Title} ({work.Code})");
        Row("分集", "Episode", episode.Code);
        Row("来源地址", "Source", hit.Source);
        Row("最终地址", "Final URL", fetched.Fetch.FinalUrl.ToString());
        Row("服务器地址", "Server address", fetched.Fetch.RemoteAddress);
        if (fetched.Hls is { } hls)
        {
            Row("HLS 流", "HLS stream", string.Create(CultureInfo.InvariantCulture,
                $"{hls.Playlists.Count} playlist(s), {hls.Parts.Count} part(s), {hls.Duration:0.0} s{(hls.Variant is { } v ? $", variant BANDWIDTH {v.Bandwidth} {v.Resolution}" : "")}{(hls.Live ? ", live (as listed at capture)" : "")}"));
        }
        Row("副本 SHA-256", "Copy SHA-256", fetched.Sha256);
        Row("相似度", "Score", matches.Count > 0 ? matches[0].Score.ToString("0.000", CultureInfo.InvariantCulture) : "—");
        Row("匹配片段", "Matched seconds", string.Join("; ", matches.SelectMany(m => m.Segments).Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s.QueryStart:0.0}–{s.QueryEnd:0.0} ↔ {s.ReferenceStart:0.0}–{s.ReferenceEnd:0.0}"))));
        sb.Append("</table><h2>取证过程 <span class=\"en\">Session log</span></h2><pre>").Append(E(session.Text())).Append("</pre>");
        sb.Append("<p>本证据包中每个文件的 SHA-256 与 SM3 列于 manifest.json，清单摘要已写入透明账本（见 receipt.txt），可用 reelrights verify 离线核验。<br><span class=\"en\">Every file's SHA-256 and SM3 is listed in manifest.json, whose digest is sealed on the transparency log (receipt.txt); verify offline with reelrights verify.</span></p>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    /// <summary>A file's manifest entry, hashed as a stream: the copy may be gigabytes.</summary>
    private static async Task<EvidenceFile> DescribeAsync(DirectoryInfo directory, string path, string description, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(Path.Combine(directory.FullName, path));
        var sha256 = await SHA256.HashDataAsync(file, cancellationToken);
        file.Position = 0;
        var sm3 = await Sm3.HashDataAsync(file, cancellationToken);
        return new EvidenceFile(path, file.Length, Convert.ToHexStringLower(sha256), Convert.ToHexStringLower(sm3), description);
    }

    private static string Pem(IEnumerable<byte[]> certificates) =>
        string.Concat(certificates.Select(c => PemEncoding.WriteString("CERTIFICATE", c) + "\n"));

    /// <summary>
    /// An HLS copy's record: each playlist as fetched, and every part's address, exchange and
    /// digests (SHA-256 and SM3), in the order they were joined; TLS chains of other hosts (a CDN) too.
    /// </summary>
    private static void HlsRecord(DirectoryInfo directory, HlsStream stream, List<(string, string)> files, CaptureSession session)
    {
        var playlists = stream.Playlists.Select((p, i) => new
        {
            path = $"http/playlists/{i + 1}-{(p.IsMaster ? "master" : "media")}.m3u8",
            playlist = p,
        }).ToList();
        foreach (var p in playlists)
        {
            WriteText(directory, p.path, p.playlist.Text, files, p.playlist.IsMaster
                ? "HLS 主播放列表（原样）/ HLS master playlist as fetched" : "HLS 媒体播放列表（原样）/ HLS media playlist as fetched");
        }
        var chains = new List<string>();
        string? ChainOf(FetchResult f)
        {
            if (f.TlsCertificates.Count == 0)
            {
                return null;
            }
            var pem = Pem(f.TlsCertificates);
            if (!chains.Contains(pem))
            {
                chains.Add(pem);
            }
            return $"http/tls/chain-{chains.IndexOf(pem) + 1}.pem";
        }
        object Exchange(FetchResult f) => new
        {
            url = f.RequestedUrl.ToString(),
            redirects = f.Redirects.Select(r => r.ToString()),
            finalUrl = f.FinalUrl.ToString(),
            remoteAddress = f.RemoteAddress,
            status = f.Status,
            headers = f.ResponseHeaders.Select(h => new { name = h.Key, value = h.Value }),
            tlsChain = ChainOf(f),
            length = f.Length,
            sha256 = f.Sha256,
        };
        // Built before writing: the chains are collected while the exchanges are described.
        var playlistRecords = playlists.Select(p => new { file = p.path, master = p.playlist.IsMaster, exchange = Exchange(p.playlist.Fetch) }).ToList();
        var partRecords = stream.Parts.Select(p => new
        {
            number = p.Number,
            kind = p.Number == 0 ? "init" : "segment",
            durationSeconds = p.Duration,
            sm3 = p.Sm3,
            exchange = Exchange(p.Fetch),
        }).ToList();
        Write(directory, "http/hls.json", new
        {
            live = stream.Live,
            durationSeconds = stream.Duration,
            variant = stream.Variant is { } v ? new { url = v.Uri.ToString(), bandwidth = v.Bandwidth, resolution = v.Resolution, codecs = v.Codecs } : null,
            playlists = playlistRecords,
            joined = new { length = stream.Length, sha256 = stream.Sha256, extension = stream.Extension },
            parts = partRecords,
        }, files, "HLS 取证记录：播放列表与每个分片的地址、响应头、SHA-256 与 SM3（按拼接顺序）/ HLS record: playlists and every part's URL, headers, SHA-256 and SM3, in joining order");
        for (var i = 0; i < chains.Count; i++)
        {
            WriteText(directory, $"http/tls/chain-{i + 1}.pem", chains[i], files, "HLS 各主机的 TLS 证书链 / TLS certificate chain of an HLS host");
        }
        session.Log("HLS 记录 / HLS record", $"{playlists.Count} playlist(s), {stream.Parts.Count} part(s), {chains.Count} TLS chain(s) → http/hls.json");
    }

    private static async Task<List<EvidenceFile>> DescribeAllAsync(DirectoryInfo directory, List<(string Path, string Description)> files, CancellationToken cancellationToken)
    {
        var described = new List<EvidenceFile>(files.Count);
        foreach (var (path, description) in files)
        {
            described.Add(await DescribeAsync(directory, path, description, cancellationToken));
        }
        return described;
    }

    private static void Write(DirectoryInfo directory, string path, object value, List<(string, string)> files, string description) =>
        WriteBytes(directory, path, JsonSerializer.SerializeToUtf8Bytes(value, Json), files, description);

    private static void WriteText(DirectoryInfo directory, string path, string text, List<(string, string)> files, string description) =>
        WriteBytes(directory, path, Encoding.UTF8.GetBytes(text), files, description);

    private static void WriteBytes(DirectoryInfo directory, string path, byte[] bytes, List<(string, string)> files, string description)
    {
        var full = Path.Combine(directory.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        files.Add((path, description));
    }

    private static void Add(ZipArchive zip, string path, byte[] bytes)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        stream.Write(bytes);
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

    /// <summary>Every step of the capture with its UTC time, in order.</summary>
    private sealed class CaptureSession(TimeProvider time)
    {
        private readonly StringBuilder log = new();

        public void Log(string step, string detail) =>
            log.Append(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss.fff'Z'}  {step}: {detail}\n");

        public string Text() => log.ToString();
    }
}

/// <summary>Runs one capture (see <see cref="EvidenceService.CaptureAsync"/>).</summary>
public sealed class CaptureEvidenceJob(EvidenceService evidence) : IJobHandler
{
    public string Kind => EvidenceService.CaptureJob;

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        await evidence.CaptureAsync(JsonDocument.Parse(job.Payload).RootElement.GetProperty("bundleId").GetGuid(), cancellationToken);
        return JobOutcome.Done;
    }
}
