using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ReelRights.Core.Monitoring;

/// <summary>
/// Finds the media on a video site: from listing pages to video pages to media URLs. Site-specific
/// adapters implement this; <see cref="GenericSiteAdapter"/> is configured with patterns.
/// </summary>
public interface ISiteAdapter
{
    Task<SiteDiscovery> DiscoverAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What a crawl found, the pages it could not read (with reasons), and for each media URL the video
/// page it was first found on (<see cref="PageOf"/>), which evidence capture snapshots, and the
/// view count that page reported (<see cref="ViewsOf"/>, see <see cref="ViewCounts"/>).
/// </summary>
public sealed record SiteDiscovery(IReadOnlyList<Uri> MediaUrls, IReadOnlyList<(string Page, FetchException Error)> Failures,
    IReadOnlyDictionary<Uri, Uri>? PageOf = null, IReadOnlyDictionary<Uri, long>? ViewsOf = null);

/// <summary>
/// How the generic adapter crawls (stored with the task as JSON): the listing pages to start from,
/// a regular expression whose first group is a link to a video page, another whose first group is
/// the media URL on a video page (a direct file or an HLS playlist), and a cap on video pages.
/// <see cref="ViewsPattern"/>, when given, is one whose first group is the page's view count;
/// without it the count is read from the page's schema.org data, where it has some.
/// </summary>
public sealed record CrawlSettings(IReadOnlyList<string> ListingPages, string VideoLink, string? MediaLink = null, int MaxVideos = 200, string? ViewsPattern = null)
{
    public const string DefaultMediaLink = "<(?:video|source)[^>]*\\ssrc=\"([^\"]+)\"";

    public CrawlSettings Validated()
    {
        if (ListingPages is null || ListingPages.Count is 0 or > 100
            || ListingPages.Any(p => !Uri.TryCreate(p, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
        {
            throw ReelRightsException.Invalid("invalid-crawl", "需要 1–100 个 http(s) 列表页地址。", "Give 1–100 http(s) listing pages.");
        }
        if (MaxVideos is < 1 or > 5000)
        {
            throw ReelRightsException.Invalid("invalid-crawl", "视频页上限须在 1 到 5000 之间。", "The video page cap must be between 1 and 5000.");
        }
        _ = GenericSiteAdapter.Compile(VideoLink);
        _ = GenericSiteAdapter.Compile(string.IsNullOrWhiteSpace(MediaLink) ? DefaultMediaLink : MediaLink);
        var views = string.IsNullOrWhiteSpace(ViewsPattern) ? null : ViewsPattern;
        if (views is not null)
        {
            _ = GenericSiteAdapter.Compile(views);
        }
        return this with { MediaLink = string.IsNullOrWhiteSpace(MediaLink) ? DefaultMediaLink : MediaLink, ViewsPattern = views };
    }
}

/// <summary>
/// The configurable crawler: pages are fetched with the SSRF-safe fetcher (so every limit and
/// address rule applies to them too), at most 5 MB each; links are resolved against the page and
/// deduplicated. Patterns run with the non-backtracking engine and a time limit, so a hostile page
/// cannot stall the worker (ReDoS).
/// </summary>
public sealed class GenericSiteAdapter(CrawlSettings settings, SafeFetcher fetcher) : ISiteAdapter
{
    private const long MaxPageBytes = 5 << 20;

    public async Task<SiteDiscovery> DiscoverAsync(CancellationToken cancellationToken)
    {
        var videoLink = Compile(settings.VideoLink);
        var mediaLink = Compile(settings.MediaLink ?? CrawlSettings.DefaultMediaLink);
        var viewsPattern = settings.ViewsPattern is { } v ? Compile(v) : null;
        var failures = new List<(string, FetchException)>();
        var videoPages = new List<Uri>();
        foreach (var listing in settings.ListingPages)
        {
            var page = await ReadPageAsync(new Uri(listing), failures, cancellationToken);
            if (page is null)
            {
                continue;
            }
            foreach (var link in Links(videoLink, page.Value.Html, page.Value.Url))
            {
                if (!videoPages.Contains(link) && videoPages.Count < settings.MaxVideos)
                {
                    videoPages.Add(link);
                }
            }
        }
        var media = new List<Uri>();
        var pageOf = new Dictionary<Uri, Uri>();
        var viewsOf = new Dictionary<Uri, long>();
        foreach (var videoPage in videoPages)
        {
            var page = await ReadPageAsync(videoPage, failures, cancellationToken);
            if (page is null)
            {
                continue;
            }
            var views = ViewCounts.Read(page.Value.Html, viewsPattern);
            foreach (var link in Links(mediaLink, page.Value.Html, page.Value.Url).Where(u => !media.Contains(u)))
            {
                media.Add(link);
                pageOf[link] = page.Value.Url;
                if (views is { } count)
                {
                    viewsOf[link] = count;
                }
            }
        }
        return new SiteDiscovery(media, failures, pageOf, viewsOf);
    }

    public static Regex Compile(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > 1000)
        {
            throw ReelRightsException.Invalid("invalid-crawl", "链接规则不能为空，且不超过 1000 个字符。", "A link pattern must be 1–1000 characters.");
        }
        try
        {
            var regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return regex.GetGroupNumbers().Length >= 2
                ? regex
                : throw ReelRightsException.Invalid("invalid-crawl", "链接规则需要一个捕获组（括号）来取出地址。", "A link pattern needs a capture group (parentheses) around the address.");
        }
        catch (ArgumentException e)
        {
            throw ReelRightsException.Invalid("invalid-crawl", $"链接规则无效：{e.Message}", $"The link pattern is not valid: {e.Message}");
        }
        catch (NotSupportedException e)
        {
            throw ReelRightsException.Invalid("invalid-crawl", $"链接规则使用了不支持的写法：{e.Message}", $"The link pattern uses an unsupported construct: {e.Message}");
        }
    }

    private static IEnumerable<Uri> Links(Regex pattern, string html, Uri page)
    {
        MatchCollection matches;
        try
        {
            matches = pattern.Matches(html);
            _ = matches.Count;
        }
        catch (RegexMatchTimeoutException)
        {
            yield break;
        }
        foreach (Match match in matches)
        {
            var raw = WebUtility.HtmlDecode(match.Groups[1].Value.Trim());
            if (Uri.TryCreate(page, raw, out var url) && url.Scheme is "http" or "https")
            {
                yield return url;
            }
        }
    }

    private async Task<(Uri Url, string Html)?> ReadPageAsync(Uri url, List<(string, FetchException)> failures, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "rr-page-" + Guid.NewGuid().ToString("N"));
        try
        {
            var fetched = await fetcher.FetchAsync(url, path, cancellationToken, MaxPageBytes);
            return (fetched.FinalUrl, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path, cancellationToken)));
        }
        catch (FetchException e)
        {
            failures.Add((url.ToString(), e));
            return null;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
