namespace ReelRights.Core.Monitoring;

/// <summary>A monitoring task (监测任务) owned by a rights holder: a list of URLs checked once or on a schedule.</summary>
public sealed class MonitoringTask
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>JSON array of http(s) URLs: direct media files or HLS playlists (followed through the safe fetcher).</summary>
    public string Urls { get; set; } = "[]";
    /// <summary>Crawl settings as JSON (<see cref="CrawlSettings"/>) when the task crawls a site; null for fixed URLs.</summary>
    public string? Crawl { get; set; }
    /// <summary>A watched folder on the server (under one of <c>Monitoring:WatchedFolderRoots</c>); new or changed files are checked each run.</summary>
    public string? Folder { get; set; }
    public int? IntervalMinutes { get; set; }
    public DateTime? NextRunAt { get; set; }
    public DateTime? LastRunAt { get; set; }
    public Guid? LastJobId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One registered episode found at one place. Seen again, the same row is updated (last seen,
/// times seen), so a hit is never reported twice however often the task runs.
/// </summary>
public sealed class MonitoringHit
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid TaskId { get; set; }
    public string Source { get; set; } = "";
    /// <summary>The video page the media was found on when a crawl found it; evidence capture snapshots it.</summary>
    public string? PageUrl { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid WorkId { get; set; }
    public string MediaSha256 { get; set; } = "";
    public double Score { get; set; }
    public string Modality { get; set; } = "";
    public string Segments { get; set; } = "[]";
    public MatchClass Class { get; set; }
    /// <summary>The license that decided the class (licensed, license expired, outside license scope), if one did.</summary>
    public string? LicenseCode { get; set; }
    public string? DismissedReason { get; set; }
    /// <summary>The view count the video page reported when last seen (cumulative), where the source reports one.</summary>
    public long? ObservedViews { get; set; }
    public DateTime? ViewsObservedAt { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public int TimesSeen { get; set; }
}

/// <summary>A source that could not be checked, and why (kept for the owner to see).</summary>
public sealed class MonitoringFailure
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public string Source { get; set; } = "";
    public string Code { get; set; } = "";
    public string MessageZh { get; set; } = "";
    public string MessageEn { get; set; } = "";
    public DateTime At { get; set; }
}
