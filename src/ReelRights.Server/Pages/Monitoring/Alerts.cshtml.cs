using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Evidence;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;
using ReelRights.Media;
using ReelRights.Media.Thumbnails;
using ReelRights.Server.Pages.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Monitoring;

/// <summary>
/// The hits (侵权线索) of the organization, filtered by work, class, task and free text: frames
/// side by side, the copied seconds on a timeline, evidence bundles, who dismissed or restored each,
/// and bulk evidence capture, dismissal and restoration. The forms post and redirect back to the same filters; the script only toggles the
/// detail rows and polls <see cref="OnGetStatusAsync"/> while a capture is running.
/// </summary>
public sealed class AlertsModel(CurrentSession session, MonitoringService monitoring, EvidenceService evidence, WorkService works,
    ReelRightsDbContext db, IBlobStore blobs, FfmpegMedia media, UiLanguage language, TimeProvider time) : PageModel
{
    private const string FlashZh = "rr-alerts-flash-zh";
    private const string FlashEn = "rr-alerts-flash-en";
    /// <summary>More than a producer selects in one go, few enough that one request stays quick.</summary>
    private const int MaxBulk = 500;
    private const string CopyFramePath = "frames/copy.jpg";

    [BindProperty(SupportsGet = true, Name = "workId")]
    public Guid? WorkId { get; set; }

    /// <summary>A class in kebab case ("needs-review"), or <see cref="MonitoringLabels.Dismissed"/>.</summary>
    [BindProperty(SupportsGet = true, Name = "class")]
    public string? Class { get; set; }

    [BindProperty(SupportsGet = true, Name = "task")]
    public Guid? TaskId { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>The hit whose detail row is open (the link of a row works without JavaScript too).</summary>
    [BindProperty(SupportsGet = true, Name = "hit")]
    public Guid? OpenHit { get; set; }

    public IReadOnlyList<AlertRow> Rows { get; private set; } = [];
    public IReadOnlyList<Work> Works { get; private set; } = [];
    public IReadOnlyList<MonitoringTask> Tasks { get; private set; } = [];
    public bool CanWrite { get; private set; }
    /// <summary>A rights holder who may open 维权 cases from the selected hits (on the 立案 page).</summary>
    public bool CanOpenCases => session.Actor.Has(Permissions.CasesWrite) && session.Actor.OrganizationKind == OrganizationKind.RightsHolder;
    public string? FlashMessageZh { get; private set; }
    public string? FlashMessageEn { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public Work? FilterWork => Works.FirstOrDefault(w => w.Id == WorkId);
    public MonitoringTask? FilterTask => Tasks.FirstOrDefault(t => t.Id == TaskId);
    public bool Filtered => WorkId is not null || TaskId is not null || !string.IsNullOrWhiteSpace(Class) || !string.IsNullOrWhiteSpace(Query);
    public bool Pending => Rows.Any(r => r.Capturing);

    /// <summary>The current filters (and the hit to open), for links and form actions that must come back to the same list.</summary>
    public Dictionary<string, string> Filters(Guid? hit = null)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[key] = value;
            }
        }
        Add("workId", WorkId?.ToString());
        Add("class", Class);
        Add("task", TaskId?.ToString());
        Add("q", Query);
        Add("hit", hit?.ToString());
        return values;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.MonitoringRead))
        {
            return Forbid();
        }
        FlashMessageZh = TempData[FlashZh] as string;
        FlashMessageEn = TempData[FlashEn] as string;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>What the page's script polls while captures run: whether each of the given hits still has one running.</summary>
    public async Task<IActionResult> OnGetStatusAsync([FromQuery(Name = "ids")] List<Guid>? ids, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        try
        {
            var hitIds = (ids ?? []).Distinct().Take(MaxBulk).ToList();
            var bundles = await db.BundlesAsync(session.Actor, hitIds, cancellationToken);
            return new JsonResult(new
            {
                hits = hitIds.Select(id => new
                {
                    id,
                    capturing = bundles[id].Any(b => b.State == EvidenceState.Capturing),
                    bundles = bundles[id].Select(b => new { id = b.Id, state = WorkFormat.Kebab(b.State), label = Label(MonitoringLabels.For(b.State)) }),
                }),
            });
        }
        catch (ReelRightsException e)
        {
            return new JsonResult(new { code = e.Code, messageZh = e.MessageZh, messageEn = e.MessageEn }) { StatusCode = Api.Problems.StatusFor(e.Kind) };
        }
    }

    /// <summary>The filtered list as CSV for Excel (see <see cref="AlertCsv"/>).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (ReelRightsException e) when (e.Kind is ErrorKind.Forbidden)
        {
            return Forbid();
        }
        Response.Headers.CacheControl = "no-store";
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return File(AlertCsv.Write(Rows, Label), "text/csv; charset=utf-8", $"reelrights-alerts-{stamp}.csv");
    }

    /// <summary>
    /// A frame of the registered episode (from the master in the blob store) at the given second.
    /// The picture at a second of a content-addressed file never changes, so the browser keeps it.
    /// </summary>
    public async Task<IActionResult> OnGetFrameAsync(Guid hitId, double at, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(at) || at < 0)
        {
            return BadRequest();
        }
        try
        {
            var hit = await db.HitAsync(session.Actor, hitId, cancellationToken);
            var episodes = await db.EpisodesAsync(session.Actor, [hit.EpisodeId], cancellationToken);
            if (!episodes.TryGetValue(hit.EpisodeId, out var episode) || episode.MediaSha256 is not { } sha || blobs.LocalPath(sha) is not { } path)
            {
                return NotFound();
            }
            // Never past the last frame: a segment can end on the file's very last timestamp.
            var seconds = episode.DurationSeconds is { } duration ? Math.Min(at, Math.Max(0, duration - 0.1)) : at;
            var jpeg = await media.GetThumbnailAsync(path, new ThumbnailRequest(seconds) { MaxWidth = 360 }, cancellationToken);
            Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return File(jpeg, "image/jpeg");
        }
        catch (ReelRightsException e)
        {
            return StatusCode(Api.Problems.StatusFor(e.Kind));
        }
        catch (MediaException)
        {
            return NotFound();
        }
    }

    /// <summary>The copy's frame as the evidence capture took it (the copy itself is only kept inside the sealed bundle).</summary>
    public async Task<IActionResult> OnGetCopyFrameAsync(Guid bundleId, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await evidence.OpenBundleAsync(session.Actor, bundleId, cancellationToken);
            await using var zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, cancellationToken);
            if (zip.GetEntry(CopyFramePath) is not { Length: > 0 and <= 16 << 20 } entry)
            {
                return NotFound();
            }
            await using var frame = await entry.OpenAsync(cancellationToken);
            using var buffer = new MemoryStream();
            await frame.CopyToAsync(buffer, cancellationToken);
            // A sealed bundle never changes.
            Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return File(buffer.ToArray(), "image/jpeg");
        }
        catch (ReelRightsException e)
        {
            return StatusCode(Api.Problems.StatusFor(e.Kind));
        }
        catch (InvalidDataException)
        {
            return NotFound();
        }
    }

    /// <summary>Evidence capture for the selected hits, or for <paramref name="only"/> (the button in a hit's detail).</summary>
    public Task<IActionResult> OnPostEvidenceAsync([FromForm(Name = "ids")] List<Guid>? ids, Guid? only, CancellationToken cancellationToken) =>
        RunAsync(async actor =>
        {
            var chosen = Chosen(only is { } one ? [one] : ids);
            var running = await db.BundlesAsync(actor, chosen, cancellationToken);
            var requested = 0;
            foreach (var id in chosen.Where(id => !running[id].Any(b => b.State == EvidenceState.Capturing)))
            {
                await evidence.RequestAsync(actor, id, cancellationToken);
                requested++;
            }
            var skipped = chosen.Count - requested;
            return skipped == 0
                ? ($"已对 {requested} 条线索发起取证，正在后台进行；封存后可下载证据包。", $"Evidence capture started for {requested} alert(s); download the bundles once they are sealed.")
                : ($"已对 {requested} 条线索发起取证；另有 {skipped} 条正在取证，未重复发起。",
                    $"Evidence capture started for {requested} alert(s); {skipped} already being captured were left as they are.");
        }, only, cancellationToken);

    /// <summary>Dismisses the selected hits with one reason (a browser sends line breaks as CRLF; the record keeps LF).</summary>
    public Task<IActionResult> OnPostDismissAsync([FromForm(Name = "ids")] List<Guid>? ids, string? reason, CancellationToken cancellationToken) =>
        RunAsync(async actor =>
        {
            var chosen = Chosen(ids);
            var text = Reason(reason, "请填写忽略理由，例如“授权渠道，已核实”。", "Give a reason for dismissing, e.g. “licensed channel, checked”.");
            foreach (var id in chosen)
            {
                await monitoring.DismissAsync(actor, id, text, cancellationToken);
            }
            return ($"已忽略 {chosen.Count} 条线索，理由已记录。", $"Dismissed {chosen.Count} alert(s); the reason is on record.");
        }, null, cancellationToken);

    /// <summary>
    /// Restores (恢复) the selected dismissed hits, or <paramref name="only"/> (the form in a hit's
    /// detail), with one reason; selected hits that are not dismissed are left as they are.
    /// </summary>
    public Task<IActionResult> OnPostRestoreAsync([FromForm(Name = "ids")] List<Guid>? ids, string? reason, Guid? only, CancellationToken cancellationToken) =>
        RunAsync(async actor =>
        {
            var chosen = Chosen(only is { } one ? [one] : ids);
            var text = Reason(reason, "请填写恢复理由，例如“误忽略，需继续跟进”。", "Give a reason for restoring, e.g. “dismissed by mistake, follow it up”.");
            var restored = 0;
            foreach (var id in chosen)
            {
                if ((await db.HitAsync(actor, id, cancellationToken)).DismissedReason is null)
                {
                    continue;
                }
                await monitoring.RestoreAsync(actor, id, text, cancellationToken);
                restored++;
            }
            var skipped = chosen.Count - restored;
            return skipped == 0
                ? ($"已恢复 {restored} 条线索，理由已记录。", $"Restored {restored} alert(s); the reason is on record.")
                : ($"已恢复 {restored} 条线索，理由已记录；另有 {skipped} 条未被忽略，保持不变。",
                    $"Restored {restored} alert(s); the reason is on record. {skipped} not dismissed were left as they are.");
        }, only, cancellationToken);

    /// <summary>A reason as typed: a browser sends line breaks as CRLF, the record keeps LF; empty is refused with <paramref name="zh"/>/<paramref name="en"/>.</summary>
    private static string Reason(string? reason, string zh, string en)
    {
        var text = (reason ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return text.Length > 0 ? text : throw ReelRightsException.Invalid("invalid-reason", zh, en);
    }

    private static List<Guid> Chosen(IEnumerable<Guid>? ids)
    {
        var chosen = (ids ?? []).Distinct().ToList();
        if (chosen.Count == 0)
        {
            throw ReelRightsException.Invalid("none-selected", "请先勾选线索。", "Select at least one alert first.");
        }
        return chosen.Count <= MaxBulk
            ? chosen
            : throw ReelRightsException.Invalid("too-many", $"一次最多处理 {MaxBulk} 条线索。", $"At most {MaxBulk} alerts at a time.");
    }

    /// <summary>Post/redirect/get back to the same filters with a one-time message; the page again with the bilingual error on failure.</summary>
    private async Task<IActionResult> RunAsync(Func<Actor, Task<(string Zh, string En)>> action, Guid? openHit, CancellationToken cancellationToken)
    {
        try
        {
            var (zh, en) = await action(session.Actor);
            TempData[FlashZh] = zh;
            TempData[FlashEn] = en;
            return RedirectToPage(null, null, Filters(openHit), openHit is { } hit ? "hit-" + hit : null);
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
            Response.StatusCode = Api.Problems.StatusFor(e.Kind);
        }
        if (!session.Actor.Has(Permissions.MonitoringRead))
        {
            return Forbid();
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = session.Actor;
        CanWrite = actor.Has(Permissions.MonitoringWrite);
        Works = actor.Has(Permissions.WorksRead) ? await works.ListAsync(actor, cancellationToken) : [];
        Tasks = await monitoring.ListAsync(actor, cancellationToken);
        IEnumerable<MonitoringHit> hits = await monitoring.HitsAsync(actor, WorkId, TaskId, cancellationToken);
        if (Class == MonitoringLabels.Dismissed)
        {
            hits = hits.Where(h => h.DismissedReason is not null);
        }
        else if (MonitoringLabels.Classes.Where(c => WorkFormat.Kebab(c) == Class).Select(c => (MatchClass?)c).FirstOrDefault() is { } matchClass)
        {
            hits = hits.Where(h => h.DismissedReason is null && h.Class == matchClass);
        }
        var list = hits.ToList();
        var episodes = await db.EpisodesAsync(actor, list.Select(h => h.EpisodeId).ToList(), cancellationToken);
        var bundles = await db.BundlesAsync(actor, list.Select(h => h.Id).ToList(), cancellationToken);
        var history = await db.HitHistoryAsync(actor, list.Select(h => h.Id).ToList(), cancellationToken);
        var order = MonitoringLabels.Classes.ToList();
        var rows = list.Select(h =>
        {
            var episode = episodes.GetValueOrDefault(h.EpisodeId);
            return new AlertRow(h, Works.FirstOrDefault(w => w.Id == h.WorkId), episode, Tasks.FirstOrDefault(t => t.Id == h.TaskId)?.Name,
                AlertRow.ParseSegments(h.Segments), bundles[h.Id].ToList(), episode?.MediaSha256 is { } sha && blobs.Exists(sha), history[h.Id].ToList());
        });
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            rows = rows.Where(r => new[] { r.Hit.Source, r.Work?.Title, r.Work?.Code, r.Episode?.Code, r.Hit.DismissedReason, r.TaskName }
                .Any(text => text?.Contains(q, StringComparison.OrdinalIgnoreCase) == true));
        }
        // What needs acting on first: open suspected copies, grouped by the site they are on.
        Rows = rows.OrderBy(r => r.Dismissed).ThenBy(r => order.IndexOf(r.Hit.Class)).ThenBy(r => r.Host, StringComparer.Ordinal)
            .ThenByDescending(r => r.Hit.LastSeenAt).ToList();
    }

    private string Label((string Zh, string En) label) => language[label.Zh, label.En];
}
