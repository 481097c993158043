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
    /// <summary>When monitoring looked at the place again after a takedown measure, and what it found.</summary>
    public DateTime? RecheckedAt { get; set; }
    public RecheckOutcome? Recheck { get; set; }
    public string? RecheckDetail { get; set; }
}

/// <summary>What the re-check of a place after a takedown measure found.</summary>
public enum RecheckOutcome
{
    /// <summary>The place no longer serves anything (HTTP error, refused connection): the measure took effect.</summary>
    Gone,
    /// <summary>Something is served there, but no longer the claimant's work.</summary>
    NoLongerMatches,
    /// <summary>措施未生效: the copy is still served.</summary>
    StillServed,
    /// <summary>What is served could not be read as media; nobody can tell from here.</summary>
    CouldNotCheck,
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
