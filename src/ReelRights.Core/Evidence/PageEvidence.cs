using ReelRights.Core.Monitoring;

namespace ReelRights.Core.Evidence;

/// <summary>
/// The page a crawled copy was found on (issue 5: "a page snapshot, HTML, and a screenshot via
/// headless Chromium when available"). The page is fetched through the safe fetcher like
/// everything else, kept byte for byte, and only that copy is rendered, offline
/// (<see cref="PageScreenshotter"/>): the browser never loads the live page, so the address
/// policy cannot be bypassed through it. Nothing here fails the capture; what could not be done is logged.
/// </summary>
internal static class PageEvidence
{
    /// <summary>Pages larger than this are not snapshotted (a video page is tens of KB).</summary>
    public const long MaxPageBytes = 5 << 20;

    public const string SnapshotPath = "page/snapshot.html";
    public const string ScreenshotPath = "page/screenshot.png";

    public static async Task CaptureAsync(string? pageUrl, SafeFetcher fetcher, PageScreenshotter screenshots, EvidenceFolder folder, CaptureSession session,
        CancellationToken cancellationToken)
    {
        if (pageUrl is null || !Uri.TryCreate(pageUrl, UriKind.Absolute, out var url))
        {
            session.Log("网页快照 / page snapshot", "无：来源是直接的媒体地址，没有记录所在网页 / none: the source is a media address with no recorded page");
            return;
        }
        session.Log("网页快照 / page snapshot", url.ToString());
        FetchResult page;
        try
        {
            page = await fetcher.FetchAsync(url, folder.FullPath("page-fetch"), cancellationToken, MaxPageBytes);
        }
        catch (FetchException e)
        {
            session.Log("网页快照失败 / page snapshot failed", $"{e.Code}: {e.MessageZh} / {e.MessageEn}");
            return;
        }
        folder.MoveIn(page.Path, SnapshotPath, "疑似侵权副本所在网页（原样 HTML）/ the page the copy was found on, HTML as fetched");
        ExchangeEvidence.Record(folder, "page", url, page, fetcher.RequestHeaders, ("网页", "the page"));
        session.Log("网页快照完成 / page fetched", $"HTTP {page.Status}, {page.ContentType}, {page.Length} bytes, SHA-256 {page.Sha256}, from {page.RemoteAddress}");

        var options = screenshots.Options;
        var shot = await screenshots.CaptureAsync(await File.ReadAllBytesAsync(folder.FullPath(SnapshotPath), cancellationToken), page.ContentType, cancellationToken);
        if (shot.Png is not { } png)
        {
            session.Log("网页截图不可用 / no screenshot", $"{shot.ReasonZh} / {shot.ReasonEn}；证据包仍包含网页 HTML / the bundle still has the page's HTML");
            return;
        }
        folder.WriteBytes(ScreenshotPath, png,
            "网页截图：由上面的 HTML 离线渲染（不运行脚本、不联网）/ screenshot of the page, rendered offline from the HTML above (no scripts, no network)");
        session.Log("网页截图 / screenshot", $"{ScreenshotPath}, {shot.Width}×{shot.Height} px ({options.Width}×{options.Height} CSS px ×{options.DeviceScaleFactor}), {png.Length} bytes, "
            + $"SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png))}; Chromium offline: scripts off, network blocked, meta refresh disabled");
    }
}
