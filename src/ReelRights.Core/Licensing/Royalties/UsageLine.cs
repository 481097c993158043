namespace ReelRights.Core.Licensing.Royalties;

/// <summary>
/// One reported row of usage: a month, a territory, a platform, an episode (or the whole work),
/// views and revenue in the reported currency, and the revenue in the license's currency by the
/// rate the licensee gave.
/// </summary>
public sealed class UsageLine
{
    public Guid Id { get; set; }
    public Guid ImportId { get; set; }
    public Guid LicenseId { get; set; }
    /// <summary>A calendar month, "2026-11".</summary>
    public string Period { get; set; } = "";
    public string Territory { get; set; } = "";
    public string Platform { get; set; } = "";
    /// <summary>Null when the row covers the whole work.</summary>
    public int? Episode { get; set; }
    public long Views { get; set; }
    public decimal Revenue { get; set; }
    public string Currency { get; set; } = "";
    /// <summary>License currency per unit of <see cref="Currency"/>; null when they are the same.</summary>
    public decimal? FxRate { get; set; }
    public decimal RevenueInLicenseCurrency { get; set; }
    /// <summary>The row number in the file (1 is the header), or the item's position in an API call from 1.</summary>
    public int Row { get; set; }
}
