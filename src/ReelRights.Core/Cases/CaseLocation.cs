namespace ReelRights.Core.Cases;

/// <summary>One infringing place named in a case, and what the platform did about it.</summary>
public sealed class CaseLocation
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string Url { get; set; } = "";
    public string? PlatformItemId { get; set; }
    public Guid? HitId { get; set; }
    public Guid? EpisodeId { get; set; }
    public Guid? EvidenceBundleId { get; set; }
    /// <summary>Matched segments as JSON (copy seconds and the reference seconds they came from).</summary>
    public string Segments { get; set; } = "[]";
    public double CopiedSeconds { get; set; }
    public CaseMeasure? Measure { get; set; }
    public string? MeasureNote { get; set; }
    public DateTime? MeasureAt { get; set; }
}

/// <summary>必要措施: what a platform may do about a location (Civil Code art. 1195).</summary>
public enum CaseMeasure
{
    Removed,
    Blocked,
    LinksDisconnected,
    Demonetized,
    RegionRestricted,
    Rejected,
}
