namespace ReelRights.Core.Finance;

/// <summary>
/// What the owner declares about a work for valuation, beside what the platform records: genre tags
/// (for finding comparable works), the production cost (the cost approach's floor) and the date of
/// first publication. Everything here is marked as declared in a report; none of it is verified.
/// </summary>
public sealed class ValuationProfile
{
    /// <summary>The work; one profile per work.</summary>
    public Guid WorkId { get; set; }

    /// <summary>The owner organization.</summary>
    public Guid OrganizationId { get; set; }

    /// <summary>Genre tags as a JSON array of lower-case strings, e.g. ["revenge","romance"].</summary>
    public string GenresJson { get; set; } = "[]";

    /// <summary>Declared production cost in minor units, when given.</summary>
    public long? ProductionCostMinor { get; set; }

    /// <summary>ISO 4217 currency of the production cost.</summary>
    public string? ProductionCostCurrency { get; set; }

    /// <summary>Declared date of first publication, when given.</summary>
    public DateOnly? FirstPublishedOn { get; set; }

    /// <summary>When the profile was last changed.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who last changed it.</summary>
    public Guid? UpdatedBy { get; set; }
}
