namespace ReelRights.Core.Licensing.Royalties;

/// <summary>
/// 结算单: what a license owes for one calendar month, computed from the usage reported for it by
/// <see cref="RoyaltyCalculator"/>, with the formula in words. Recomputed while either side has
/// not confirmed; once both confirmed it is fixed, sealed, and the month takes no more usage.
/// </summary>
public sealed class RoyaltyStatement
{
    public Guid Id { get; set; }
    /// <summary>e.g. RRS-2026-4F7K2M9Q.</summary>
    public string Number { get; set; } = "";
    public Guid LicenseId { get; set; }
    public string Period { get; set; } = "";
    public string Currency { get; set; } = "";
    public long Views { get; set; }
    public decimal Revenue { get; set; }
    /// <summary>This month's share of revenue, rounded to the cent (0 for a flat fee).</summary>
    public decimal Share { get; set; }
    /// <summary>Share of every month up to and including this one (what a minimum guarantee is recouped from).</summary>
    public decimal CumulativeShare { get; set; }
    public long OwedMinor { get; set; }
    public string FormulaZh { get; set; } = "";
    public string FormulaEn { get; set; } = "";
    public int UsageRows { get; set; }
    /// <summary>SHA-256 of <see cref="RoyaltyStatements.Canonical"/>: what each side confirms.</summary>
    public string ContentSha256 { get; set; } = "";
    public DateTime? LicensorConfirmedAt { get; set; }
    public Guid? LicensorConfirmedBy { get; set; }
    public DateTime? LicenseeConfirmedAt { get; set; }
    public Guid? LicenseeConfirmedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long? LedgerIndex { get; set; }
    public int Version { get; set; }

    public bool Confirmed => LicensorConfirmedAt is not null && LicenseeConfirmedAt is not null;
}
